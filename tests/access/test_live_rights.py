"""Open subscriptions follow rights changes at once, without reconnecting: render_template
re-renders with the filtered view, subscribe_entities removes and adds, subscriptions a
plain user could not open end with `unauthorized`."""

from __future__ import annotations

from typing import Any

import aiohttp

from hub.api.permissions import Permission
from hub.api.websocket.registry import register_command
from hub.auth import AuthManager, UserRole

from .conftest import ALL, LOBBY_LIGHT, OFFICE_DOOR, OFFICE_LAMP, SERVER_LOCK, Site, command

PROBE = "{{ states('lock.server_room') }}|{{ states | count }}|{{ areas() | join(',') }}"


async def _drain(ws: aiohttp.ClientWebSocketResponse, msg_id: int) -> list[dict[str, Any]]:
    """Everything queued for this socket before a ping's pong (the queue is in order)."""
    await ws.send_json({"id": msg_id, "type": "ping"})
    seen = []
    while (msg := await ws.receive_json(timeout=5)).get("type") != "pong":
        seen.append(msg)
    return seen


async def _set_user(site: Site, msg_id: int, user: str, **changes: Any) -> None:
    owner = await site.ws("owner")
    user_id = site.user_ids[user]
    reply = await command(
        owner, {"id": msg_id, "type": "config/auth/update", "user_id": user_id, **changes}
    )
    assert reply["success"], reply


async def test_demoted_admin_template_switches_to_filtered_view(site: Site) -> None:
    ws = await site.ws("admin")
    reply = await command(ws, {"id": 1, "type": "render_template", "template": PROBE})
    assert reply["success"]
    first = await ws.receive_json(timeout=5)
    assert first["event"]["result"] == "locked|4|office,server_room,lobby"

    await _set_user(site, 1, "admin", role="user", role_ids=["office"])
    (update,) = await _drain(ws, 2)
    assert update["id"] == 1
    assert update["event"]["result"] == "unknown|2|office"

    # It keeps following only what the office role may read.
    site.api.hub.states.set(SERVER_LOCK, "unlocked")
    site.api.hub.states.set(OFFICE_DOOR, "unlocked")
    assert await _drain(ws, 3) == []  # neither change alters what it may show
    site.api.hub.states.remove(OFFICE_LAMP)
    (shrunk,) = await _drain(ws, 4)
    assert shrunk["event"]["result"] == "unknown|1|office"

    # Promoted back: the full engine again.
    await _set_user(site, 2, "admin", role="admin", role_ids=[])
    (restored,) = await _drain(ws, 5)
    assert restored["event"]["result"] == "unlocked|3|office,server_room,lobby"


async def test_role_policy_change_rerenders_a_plain_users_template(site: Site) -> None:
    ws = await site.ws("office")
    reply = await command(ws, {"id": 1, "type": "render_template", "template": PROBE})
    assert reply["success"]
    assert (await ws.receive_json(timeout=5))["event"]["result"] == "unknown|2|office"
    owner = await site.ws("owner")
    changed = await command(
        owner,
        {
            "id": 1,
            "type": "bastion/roles/update",
            "role_id": "office",
            "policies": [{"grants": [{"permissions": ["read"], "areas": ["server_room"]}]}],
        },
    )
    assert changed["success"], changed
    (update,) = await _drain(ws, 2)
    assert update["event"]["result"] == "locked|1|server_room"


async def test_subscribe_entities_removes_and_adds_on_role_change(site: Site) -> None:
    ws = await site.ws("admin")
    assert (await command(ws, {"id": 1, "type": "subscribe_entities"}))["success"]
    initial = await ws.receive_json(timeout=5)
    assert set(initial["event"]["a"]) == ALL

    await _set_user(site, 1, "admin", role="user", role_ids=["office"])
    (removed,) = await _drain(ws, 2)
    assert set(removed["event"]["r"]) == {SERVER_LOCK, LOBBY_LIGHT}
    site.api.hub.states.set(LOBBY_LIGHT, "on")  # no longer delivered
    site.api.hub.states.set(OFFICE_LAMP, "on")
    (change,) = await _drain(ws, 3)
    assert list(change["event"]["c"]) == [OFFICE_LAMP]
    assert change["event"]["c"][OFFICE_LAMP]["+"]["s"] == "on"

    await _set_user(site, 2, "admin", role_ids=["office", "guest", "cleaner"])
    assert await _drain(ws, 4) == []  # expired or closed policies add nothing
    await _set_user(site, 3, "admin", role="admin", role_ids=[])
    (added,) = await _drain(ws, 5)
    assert set(added["event"]["a"]) == {SERVER_LOCK, LOBBY_LIGHT}
    assert added["event"]["a"][LOBBY_LIGHT]["s"] == "on"  # the state as it is now


async def test_admin_only_subscriptions_end_with_unauthorized(site: Site) -> None:
    ws = await site.ws("admin")
    msg = {"id": 1, "type": "subscribe_events", "event_type": "call_service"}
    assert (await command(ws, msg))["success"]
    everything = {"id": 2, "type": "subscribe_events"}
    assert (await command(ws, everything))["success"]
    states = {"id": 3, "type": "subscribe_events", "event_type": "state_changed"}
    assert (await command(ws, states))["success"]

    await _set_user(site, 1, "admin", role="user", role_ids=["office"])
    ended = await _drain(ws, 4)
    assert [(m["id"], m["success"], m["error"]["code"]) for m in ended] == [
        (1, False, "unauthorized"),
        (2, False, "unauthorized"),
    ]
    # The state_changed subscription stays, filtered; the ended ones are gone.
    site.api.hub.bus.fire("call_service", {"domain": "light", "service": "turn_on"})
    site.api.hub.states.set(SERVER_LOCK, "unlocked")
    site.api.hub.states.set(OFFICE_DOOR, "unlocked")
    events = await _drain(ws, 5)
    assert [(m["id"], m["event"]["data"]["entity_id"]) for m in events] == [(3, OFFICE_DOOR)]
    gone = await command(ws, {"id": 6, "type": "unsubscribe_events", "subscription": 1})
    assert gone["error"]["code"] == "not_found"

    denials = await site.denials(user_id=site.user_ids["admin"])
    assert sorted(d["target"] for d in denials) == ["subscribe_events", "subscribe_events"]
    assert {d["details"]["permission"] for d in denials} == {"admin"}
    assert {d["details"]["entry"] for d in denials} == {"websocket:subscribe_events"}


async def test_deactivation_ends_every_subscription(site: Site) -> None:
    ws = await site.ws("office")
    assert (await command(ws, {"id": 1, "type": "subscribe_entities"}))["success"]
    await ws.receive_json(timeout=5)
    reply = await command(ws, {"id": 2, "type": "render_template", "template": PROBE})
    assert reply["success"]
    await ws.receive_json(timeout=5)

    await _set_user(site, 1, "office", is_active=False)
    ended = [await ws.receive_json(timeout=5) for _ in range(2)]
    assert sorted((m["id"], m["error"]["code"]) for m in ended) == [
        (1, "unauthorized"),
        (2, "unauthorized"),
    ]
    site.api.hub.states.set(OFFICE_LAMP, "on")  # nothing more is sent
    await ws.send_json({"id": 3, "type": "ping"})  # and the next command closes the socket
    assert (await ws.receive_json(timeout=5))["error"]["code"] == "unauthorized"
    closing = await ws.receive(timeout=5)
    assert closing.type.name in ("CLOSE", "CLOSED")


async def test_changes_from_another_process_apply_to_open_templates(site: Site) -> None:
    """The CLI edits the shared auth file; the hub adopts it and re-renders at once."""
    ws = await site.ws("admin")
    reply = await command(ws, {"id": 1, "type": "render_template", "template": PROBE})
    assert reply["success"]
    await ws.receive_json(timeout=5)

    cli = AuthManager(site.api.hub.config_dir, site.api.clock)
    await cli.load()
    await cli.update_user(site.user_ids["admin"], role=UserRole.USER, role_ids=("office",))
    assert await site.api.auth.sync()  # what the running hub's watcher does each second
    (update,) = await _drain(ws, 2)
    assert update["event"]["result"] == "unknown|2|office"


async def test_subscriptions_of_admin_commands_end_on_demotion(site: Site) -> None:
    """Any subscription an admin-only command opened (sync or async handler) ends."""
    stopped: list[int] = []

    def open_stream(conn: Any, msg: dict[str, Any]) -> None:
        conn.subscriptions[msg["id"]] = lambda: stopped.append(msg["id"])
        conn.send_result(msg["id"])

    async def open_stream_later(conn: Any, msg: dict[str, Any]) -> None:
        open_stream(conn, msg)

    hub = site.api.hub
    unregister = [
        register_command(hub, "test/admin_stream", {}, open_stream, Permission.ADMIN),
        register_command(hub, "test/admin_stream_async", {}, open_stream_later, Permission.ADMIN),
        register_command(hub, "test/read_stream", {}, open_stream, Permission.READ),
    ]
    try:
        ws = await site.ws("admin")
        for msg_id, kind in enumerate(("admin_stream", "admin_stream_async", "read_stream"), 1):
            assert (await command(ws, {"id": msg_id, "type": f"test/{kind}"}))["success"]
        await _set_user(site, 1, "admin", role="user", role_ids=["office"])
        ended = await _drain(ws, 4)
        assert [(m["id"], m["error"]["code"]) for m in ended] == [
            (1, "unauthorized"),
            (2, "unauthorized"),
        ]
        assert stopped == [1, 2]  # the read-level stream stays open
    finally:
        for remove in unregister:
            remove()
