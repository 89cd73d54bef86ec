"""Websocket protocol: auth phase, message errors, and the core commands."""

from __future__ import annotations

import asyncio

from hub.auth import UserRole

from .conftest import ApiEnv, command


async def test_auth_phase_and_ping(api: ApiEnv) -> None:
    ws = await api.ws()
    reply = await command(ws, {"id": 1, "type": "ping"})
    assert reply == {"id": 1, "type": "pong"}


async def test_auth_invalid_closes(api: ApiEnv) -> None:
    ws = await api.raw_ws()
    assert (await ws.receive_json())["type"] == "auth_required"
    await ws.send_json({"type": "auth", "access_token": "nope"})
    reply = await ws.receive_json()
    assert reply["type"] == "auth_invalid"
    msg = await ws.receive(timeout=5)
    assert msg.type.name in ("CLOSE", "CLOSED")


async def test_error_paths_keep_connection_open(api: ApiEnv) -> None:
    ws = await api.ws()
    await ws.send_str("{not json")
    bad = await ws.receive_json()
    assert bad["success"] is False and bad["error"]["code"] == "invalid_format"
    await ws.send_json({"type": "ping"})
    no_id = await ws.receive_json()
    assert no_id["error"]["code"] == "invalid_format"
    unknown = await command(ws, {"id": 5, "type": "no_such_command"})
    assert unknown["error"]["code"] == "unknown_command"
    await ws.send_json({"id": 5, "type": "ping"})
    reused = await ws.receive_json()
    assert reused == {
        "id": 5,
        "type": "result",
        "success": False,
        "error": {"code": "id_reuse", "message": "Identifier values have to increase."},
    }
    schema = await command(ws, {"id": 6, "type": "call_service", "domain": 3})
    assert schema["error"]["code"] == "invalid_format"
    assert (await command(ws, {"id": 7, "type": "ping"}))["type"] == "pong"


async def test_oversized_message_closes(make_api) -> None:  # type: ignore[no-untyped-def]
    env = await make_api(max_ws_message_size=2048)
    ws = await env.ws()
    await ws.send_str('{"id": 1, "type": "ping", "x": "' + "a" * 4096 + '"}')
    msg = await ws.receive(timeout=5)
    assert msg.type.name in ("CLOSE", "CLOSED", "ERROR")
    assert ws.close_code == 1009 or msg.data == 1009


async def test_states_config_services_panels(api: ApiEnv) -> None:
    api.hub.states.set("light.kitchen", "on", {"brightness": 100})
    ws = await api.ws()
    states = await command(ws, {"id": 1, "type": "get_states"})
    assert states["success"]
    by_id = {s["entity_id"]: s for s in states["result"]}
    assert by_id["light.kitchen"]["attributes"] == {"brightness": 100}
    config = await command(ws, {"id": 2, "type": "get_config"})
    assert config["result"]["location_name"] == "Home"
    assert "unit_system" in config["result"]
    api.hub.services.register("test", "echo", lambda call: None)
    services = await command(ws, {"id": 3, "type": "get_services"})
    assert "echo" in services["result"]["test"]
    panels = await command(ws, {"id": 4, "type": "get_panels"})
    assert "config" in panels["result"]


async def test_supported_features_coalesces(api: ApiEnv) -> None:
    ws = await api.ws()
    reply = await command(
        ws, {"id": 1, "type": "supported_features", "features": {"coalesce_messages": 1}}
    )
    assert reply["success"]
    for i in range(2, 12):
        await ws.send_json({"id": i, "type": "ping"})
    seen: list[dict] = []
    while len(seen) < 10:
        data = await ws.receive_json(timeout=5)
        seen.extend(data if isinstance(data, list) else [data])
    assert [m["id"] for m in seen] == list(range(2, 12))


async def test_subscribe_events_and_unsubscribe(api: ApiEnv) -> None:
    ws = await api.ws()
    assert (await command(ws, {"id": 1, "type": "subscribe_events", "event_type": "custom"}))[
        "success"
    ]
    api.hub.bus.fire("custom", {"x": 1})
    event = await ws.receive_json(timeout=5)
    assert event["id"] == 1 and event["type"] == "event"
    assert event["event"]["event_type"] == "custom" and event["event"]["data"] == {"x": 1}
    assert (await command(ws, {"id": 2, "type": "unsubscribe_events", "subscription": 1}))[
        "success"
    ]
    missing = await command(ws, {"id": 3, "type": "unsubscribe_events", "subscription": 1})
    assert missing["error"]["code"] == "not_found"


async def test_non_admin_limits(api: ApiEnv) -> None:
    token = await api.token("guest", UserRole.USER)
    ws = await api.ws(token)
    everything = await command(ws, {"id": 1, "type": "subscribe_events"})
    assert everything["error"]["code"] == "unauthorized"
    custom = await command(ws, {"id": 2, "type": "subscribe_events", "event_type": "custom"})
    assert custom["error"]["code"] == "unauthorized"
    fire = await command(ws, {"id": 3, "type": "fire_event", "event_type": "custom"})
    assert fire["error"]["code"] == "unauthorized"
    update = await command(ws, {"id": 4, "type": "config/area_registry/create", "name": "Attic"})
    assert update["error"]["code"] == "unauthorized"
    api.hub.states.set("lock.front", "locked")
    states = await command(ws, {"id": 5, "type": "get_states"})
    assert states["result"] == []  # default deny: no grants, nothing readable
    api.hub.services.register("lock", "unlock", lambda call: None)
    call = await command(
        ws,
        {
            "id": 6,
            "type": "call_service",
            "domain": "lock",
            "service": "unlock",
            "target": {"entity_id": "lock.front"},
        },
    )
    assert call["error"]["code"] == "unauthorized"
    # Templates are allowed, but a plain user's templates see no entity it may not read.
    render = await command(
        ws, {"id": 7, "type": "render_template", "template": "{{ states('lock.front') }}"}
    )
    assert render["success"]
    event = await ws.receive_json(timeout=5)
    assert event["event"]["result"] == "unknown"


async def test_call_service_and_fire_event(api: ApiEnv) -> None:
    calls = []

    def handler(call):  # type: ignore[no-untyped-def]
        calls.append(call)
        api.hub.states.set("light.kitchen", "on", context=call.context)
        return {"ok": True}

    from hub.services import SupportsResponse

    api.hub.services.register(
        "light", "turn_on", handler, supports_response=SupportsResponse.OPTIONAL
    )
    ws = await api.ws()
    reply = await command(
        ws,
        {
            "id": 1,
            "type": "call_service",
            "domain": "light",
            "service": "turn_on",
            "target": {"entity_id": "light.kitchen"},
            "return_response": True,
        },
    )
    assert reply["success"], reply
    assert reply["result"]["response"] == {"ok": True}
    owner = api.auth.get_user_by_name("owner")
    assert calls[0].context.user_id == owner.id
    assert reply["result"]["context"]["id"] == calls[0].context.id
    missing = await command(ws, {"id": 2, "type": "call_service", "domain": "x", "service": "y"})
    assert missing["error"]["code"] == "not_found"
    seen = []
    api.hub.bus.listen("doorbell", seen.append)
    fired = await command(
        ws, {"id": 3, "type": "fire_event", "event_type": "doorbell", "event_data": {"a": 1}}
    )
    assert fired["success"] and seen[0].data == {"a": 1}
    assert seen[0].context.user_id == owner.id


async def test_subscribe_entities_compressed(api: ApiEnv) -> None:
    hub = api.hub
    hub.states.set("sensor.t", "20", {"unit": "C", "old": 1})
    hub.states.set("sensor.other", "1")
    ws = await api.ws()
    result = await command(ws, {"id": 1, "type": "subscribe_entities", "entity_ids": ["sensor.t"]})
    assert result["success"] and result["result"] is None
    initial = await ws.receive_json(timeout=5)
    state = hub.states.get("sensor.t")
    assert initial["event"] == {
        "a": {
            "sensor.t": {
                "s": "20",
                "a": {"unit": "C", "old": 1},
                "c": state.context.id,
                "lc": state.last_changed.timestamp(),
            }
        }
    }
    await api.clock.advance(5)
    hub.states.set("sensor.t", "21", {"unit": "C"})
    change = await ws.receive_json(timeout=5)
    new = hub.states.get("sensor.t")
    assert change["event"] == {
        "c": {
            "sensor.t": {
                "+": {"s": "21", "lc": new.last_changed.timestamp(), "c": new.context.id},
                "-": {"a": ["old"]},
            }
        }
    }
    hub.states.set("sensor.other", "2")  # not subscribed
    hub.states.remove("sensor.t")
    removed = await ws.receive_json(timeout=5)
    assert removed["event"] == {"r": ["sensor.t"]}


async def test_subscribe_entities_shares_bytes(api: ApiEnv) -> None:
    """The compressed diff is computed once per event for every subscriber."""
    hub = api.hub
    hub.states.set("switch.a", "off")
    sockets = [await api.ws() for _ in range(3)]
    for ws in sockets:
        await command(ws, {"id": 1, "type": "subscribe_entities"})
        await ws.receive_json(timeout=5)
    hub.states.set("switch.a", "on")
    bodies = [await ws.receive_str(timeout=5) for ws in sockets]
    assert len(set(bodies)) == 1
    assert len(api.server.api.state_changes._items) == 1


async def test_render_template_subscription(api: ApiEnv) -> None:
    api.hub.states.set("sensor.t", "20")
    ws = await api.ws()
    reply = await command(
        ws, {"id": 1, "type": "render_template", "template": "{{ states('sensor.t') | int + 1 }}"}
    )
    assert reply["success"]
    first = await ws.receive_json(timeout=5)
    assert first["event"]["result"] == 21
    assert first["event"]["listeners"]["entities"] == ["sensor.t"]
    api.hub.states.set("sensor.t", "30")
    second = await ws.receive_json(timeout=5)
    assert second["event"]["result"] == 31
    bad = await command(ws, {"id": 2, "type": "render_template", "template": "{{ 1 +"})
    assert bad["error"]["code"] == "template_error"


async def test_registry_commands(api: ApiEnv) -> None:
    hub = api.hub
    hub.registries.entities.get_or_create("light", "demo", "1", suggested_object_id="desk")
    ws = await api.ws()
    floor = await command(ws, {"id": 1, "type": "config/floor_registry/create", "name": "Ground"})
    assert floor["result"]["floor_id"] == "ground"
    area = await command(
        ws,
        {"id": 2, "type": "config/area_registry/create", "name": "Office", "floor_id": "ground"},
    )
    assert area["result"]["area_id"] == "office"
    label = await command(ws, {"id": 3, "type": "config/label_registry/create", "name": "Secure"})
    assert label["result"]["label_id"] == "secure"
    upd = await command(
        ws,
        {
            "id": 4,
            "type": "config/entity_registry/update",
            "entity_id": "light.desk",
            "area_id": "office",
            "labels": ["secure"],
        },
    )
    assert upd["result"]["entity_entry"]["area_id"] == "office"
    listed = await command(ws, {"id": 5, "type": "config/entity_registry/list"})
    assert listed["result"][0]["labels"] == ["secure"]
    areas = await command(ws, {"id": 6, "type": "config/area_registry/list"})
    assert areas["result"][0]["floor_id"] == "ground"
    assert (await command(ws, {"id": 7, "type": "config/device_registry/list"}))["result"] == []
    assert (await command(ws, {"id": 8, "type": "config/label_registry/list"}))["success"]
    assert (await command(ws, {"id": 9, "type": "config/floor_registry/list"}))["success"]
    missing = await command(
        ws, {"id": 10, "type": "config/area_registry/delete", "area_id": "nowhere"}
    )
    assert missing["error"]["code"] == "not_found"
    gone = await command(ws, {"id": 11, "type": "config/area_registry/delete", "area_id": "office"})
    assert gone["success"]
    bad_area = await command(
        ws,
        {
            "id": 12,
            "type": "config/entity_registry/update",
            "entity_id": "light.desk",
            "area_id": "nowhere",
        },
    )
    assert bad_area["error"]["code"] == "not_found"


async def test_notifications_and_health(api: ApiEnv) -> None:
    ws = await api.ws()
    assert (await command(ws, {"id": 1, "type": "persistent_notification/subscribe"}))["success"]
    current = await ws.receive_json(timeout=5)
    assert current["event"] == {"type": "current", "notifications": {}}
    api.hub.notifications.create("Battery low", "Door", "n1")
    added = await ws.receive_json(timeout=5)
    assert added["event"]["type"] == "added"
    assert added["event"]["notifications"]["n1"]["message"] == "Battery low"
    health = await command(ws, {"id": 2, "type": "system_health/info"})
    assert health["success"]
    initial = await ws.receive_json(timeout=5)
    assert initial["event"]["type"] == "initial"
    assert initial["event"]["data"]["http"]["info"]["websocket_clients"] == 1


async def test_auth_commands(api: ApiEnv) -> None:
    ws = await api.ws()
    me = await command(ws, {"id": 1, "type": "auth/current_user"})
    assert me["result"]["is_owner"] is True and me["result"]["name"] == "Owner"
    tokens = await command(ws, {"id": 2, "type": "auth/refresh_tokens"})
    current = [t for t in tokens["result"] if t["is_current"]]
    assert len(current) == 1
    # A long-lived token cannot mint more long-lived tokens.
    llat = await command(
        ws,
        {"id": 3, "type": "auth/long_lived_access_token", "client_name": "x", "lifespan": 1},
    )
    assert llat["error"]["code"] == "unauthorized"
    revoked = await command(
        ws, {"id": 4, "type": "auth/delete_refresh_token", "refresh_token_id": current[0]["id"]}
    )
    assert revoked["success"]


async def test_registered_extension_command(api: ApiEnv) -> None:
    """Commands provided outside hub (automation engine) declare schema and permission."""
    import voluptuous as vol

    from hub.api import register_command

    async def handler(conn, msg):  # type: ignore[no-untyped-def]
        await asyncio.sleep(0)
        conn.send_result(msg["id"], {"echo": msg["value"]})

    register_command(api.hub, "test/echo", {vol.Required("value"): int}, handler, "admin")
    ws = await api.ws()
    assert (await command(ws, {"id": 1, "type": "test/echo", "value": 3}))["result"] == {"echo": 3}
    bad = await command(ws, {"id": 2, "type": "test/echo", "value": "x"})
    assert bad["error"]["code"] == "invalid_format"
    user_ws = await api.ws(await api.token("user1", UserRole.USER))
    denied = await command(user_ws, {"id": 1, "type": "test/echo", "value": 1})
    assert denied["error"]["code"] == "unauthorized"


async def test_recorder_commands_without_recorder(api: ApiEnv) -> None:
    ws = await api.ws()
    reply = await command(
        ws,
        {
            "id": 1,
            "type": "history/history_during_period",
            "start_time": "2026-01-01T00:00:00+00:00",
            "entity_ids": ["sensor.x"],
        },
    )
    assert reply["error"]["code"] == "not_supported"
