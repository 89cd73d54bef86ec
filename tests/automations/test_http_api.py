"""The automation engine over HTTP: websocket commands, config REST views, webhook triggers."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import yaml

from hub.auth import UserRole
from tests.api.conftest import ApiEnv, MakeApi, command

from .helpers import record_service

AUTOMATIONS = """
- id: front_door
  alias: Front door
  triggers:
    - trigger: event
      event_type: door_opened
  actions:
    - action: test.record
      data: {who: "{{ trigger.event.data.who }}"}
- id: hook
  alias: Hook
  triggers:
    - trigger: webhook
      webhook_id: hook-secret-1
      allowed_methods: [POST]
  actions:
    - action: test.record
      data: {value: "{{ trigger.json.value }}"}
"""
SCRIPTS = """
greet:
  alias: Greet
  sequence:
    - action: test.record
      data: {hello: world}
"""


async def start(make_api: MakeApi, config_dir: Path, **http: Any) -> ApiEnv:
    (config_dir / "automations.yaml").write_text(AUTOMATIONS)
    (config_dir / "scripts.yaml").write_text(SCRIPTS)
    return await make_api(**http)


async def user_ws(env: ApiEnv) -> Any:
    return await env.ws(await env.token("guest", UserRole.USER))


# -- websocket ----------------------------------------------------------------------------------


async def test_subscribe_trigger_streams_trigger_variables(
    make_api: MakeApi, config_dir: Path
) -> None:
    env = await start(make_api, config_dir)
    ws = await env.ws()
    trigger = {"trigger": "event", "event_type": "knock"}
    reply = await command(ws, {"id": 1, "type": "subscribe_trigger", "trigger": trigger})
    assert reply["success"], reply
    env.hub.bus.fire("knock", {"who": "ann"})
    event = await ws.receive_json(timeout=5)
    assert event["id"] == 1 and event["type"] == "event"
    fired = event["event"]["variables"]["trigger"]
    assert fired["platform"] == "event"
    assert fired["event"]["data"] == {"who": "ann"}
    assert set(event["event"]["context"]) >= {"id", "parent_id", "user_id"}

    reply = await command(ws, {"id": 2, "type": "unsubscribe_events", "subscription": 1})
    assert reply["success"]
    env.hub.bus.fire("knock", {"who": "bob"})
    pong = await command(ws, {"id": 3, "type": "ping"})
    assert pong["type"] == "pong"  # no event for bob arrived before the pong


async def test_subscribe_trigger_rejects_bad_config_and_non_admins(
    make_api: MakeApi, config_dir: Path
) -> None:
    env = await start(make_api, config_dir)
    ws = await env.ws()
    bad = await command(
        ws, {"id": 1, "type": "subscribe_trigger", "trigger": {"trigger": "no_such_platform"}}
    )
    assert not bad["success"] and bad["error"]["code"] == "invalid_format"
    guest = await user_ws(env)
    denied = await command(
        guest,
        {"id": 1, "type": "subscribe_trigger", "trigger": {"trigger": "event", "event_type": "x"}},
    )
    assert denied["error"]["code"] == "unauthorized"


async def test_execute_script_returns_context_and_response(
    make_api: MakeApi, config_dir: Path
) -> None:
    env = await start(make_api, config_dir)
    calls = record_service(env.hub)
    ws = await env.ws()
    sequence = [
        {"action": "test.record", "data": {"n": "{{ n }}"}, "response_variable": "out"},
        {"stop": "done", "response_variable": "out"},
    ]
    reply = await command(
        ws, {"id": 1, "type": "execute_script", "sequence": sequence, "variables": {"n": 7}}
    )
    assert reply["success"], reply
    result = reply["result"]
    assert result["response"] == {"ok": True, "n": 1}
    owner = await env.user()
    assert result["context"]["user_id"] == owner.id
    assert calls.data() == [{"n": 7}]
    assert result["context"]["id"] in (calls[0].context.id, calls[0].context.parent_id)

    invalid = await command(ws, {"id": 2, "type": "execute_script", "sequence": [{"nope": 1}]})
    assert invalid["error"]["code"] == "invalid_format"
    guest = await user_ws(env)
    denied = await command(guest, {"id": 1, "type": "execute_script", "sequence": []})
    assert denied["error"]["code"] == "unauthorized"
    assert len(calls) == 1


async def test_validate_config_reports_each_section(make_api: MakeApi, config_dir: Path) -> None:
    env = await start(make_api, config_dir)
    ws = await user_ws(env)  # validation reads nothing: any user may ask
    reply = await command(
        ws,
        {
            "id": 1,
            "type": "validate_config",
            "triggers": [{"trigger": "event", "event_type": "x"}],
            "conditions": [{"condition": "bogus"}],
            "actions": [{"delay": 5}],
        },
    )
    result = reply["result"]
    assert result["triggers"] == {"valid": True, "error": None}
    assert result["actions"] == {"valid": True, "error": None}
    assert result["conditions"]["valid"] is False and result["conditions"]["error"]
    extra = await command(ws, {"id": 2, "type": "validate_config", "bogus": []})
    assert extra["error"]["code"] == "invalid_format"


async def test_traces_list_get_and_contexts(make_api: MakeApi, config_dir: Path) -> None:
    env = await start(make_api, config_dir)
    record_service(env.hub)
    env.hub.bus.fire("door_opened", {"who": "ann"})
    ws = await env.ws()
    listed = await command(
        ws, {"id": 1, "type": "trace/list", "domain": "automation", "item_id": "front_door"}
    )
    summaries = listed["result"]
    assert len(summaries) == 1
    summary = summaries[0]
    assert summary["domain"] == "automation" and summary["item_id"] == "front_door"
    assert summary["state"] == "stopped" and summary["script_execution"] == "finished"
    assert summary["timestamp"]["start"] and summary["trigger"]

    full = await command(
        ws,
        {
            "id": 2,
            "type": "trace/get",
            "domain": "automation",
            "item_id": "front_door",
            "run_id": summary["run_id"],
        },
    )
    trace = full["result"]
    assert trace["run_id"] == summary["run_id"]
    assert trace["trace"]["trigger"]["event"]["data"] == {"who": "ann"}
    assert trace["trace"]["steps"]

    contexts = await command(ws, {"id": 3, "type": "trace/contexts"})
    assert contexts["result"][summary["context"]["id"]]["run_id"] == summary["run_id"]

    missing = await command(
        ws,
        {
            "id": 4,
            "type": "trace/get",
            "domain": "automation",
            "item_id": "front_door",
            "run_id": "nope",
        },
    )
    assert missing["error"]["code"] == "not_found"
    wrong_domain = await command(ws, {"id": 5, "type": "trace/list", "domain": "light"})
    assert wrong_domain["error"]["code"] == "invalid_format"
    guest = await user_ws(env)
    denied = await command(guest, {"id": 1, "type": "trace/list"})
    assert denied["error"]["code"] == "unauthorized"


async def test_automation_config_by_entity_id(make_api: MakeApi, config_dir: Path) -> None:
    env = await start(make_api, config_dir)
    ws = await env.ws()
    reply = await command(
        ws, {"id": 1, "type": "automation/config", "entity_id": "automation.front_door"}
    )
    config = reply["result"]["config"]
    assert config["id"] == "front_door" and config["alias"] == "Front door"
    missing = await command(
        ws, {"id": 2, "type": "automation/config", "entity_id": "automation.none"}
    )
    assert missing["error"]["code"] == "not_found"
    guest = await user_ws(env)
    denied = await command(
        guest, {"id": 1, "type": "automation/config", "entity_id": "automation.front_door"}
    )
    assert denied["error"]["code"] == "unauthorized"


# -- REST config views -------------------------------------------------------------------------


async def test_automation_config_rest_round_trip(make_api: MakeApi, config_dir: Path) -> None:
    env = await start(make_api, config_dir)
    headers = await env.headers()
    url = env.url + "api/config/automation/config/"
    async with env.session.get(url + "front_door", headers=headers) as resp:
        assert resp.status == 200
        assert (await resp.json())["alias"] == "Front door"
    async with env.session.get(url + "nothing", headers=headers) as resp:
        assert resp.status == 404
        assert (await resp.json()) == {"message": "Resource not found"}

    new = {
        "alias": "Back door",
        "triggers": [{"trigger": "event", "event_type": "back"}],
        "actions": [{"action": "test.record"}],
    }
    async with env.session.post(url + "back_door", headers=headers, json=new) as resp:
        assert resp.status == 200, await resp.text()
        assert await resp.json() == {"result": "ok"}
    stored = yaml.safe_load((config_dir / "automations.yaml").read_text())
    assert [item["id"] for item in stored] == ["front_door", "hook", "back_door"]
    assert env.hub.states.get("automation.back_door") is not None
    calls = record_service(env.hub)
    env.hub.bus.fire("back", {})
    await command(await env.ws(), {"id": 1, "type": "ping"})
    assert len(calls) == 1

    changed = {**new, "alias": "Back door (renamed)"}
    async with env.session.post(url + "back_door", headers=headers, json=changed) as resp:
        assert resp.status == 200
    async with env.session.get(url + "back_door", headers=headers) as resp:
        assert (await resp.json())["alias"] == "Back door (renamed)"

    async with env.session.delete(url + "back_door", headers=headers) as resp:
        assert resp.status == 200 and await resp.json() == {"result": "ok"}
    assert env.hub.states.get("automation.back_door_renamed") is None
    async with env.session.delete(url + "back_door", headers=headers) as resp:
        assert resp.status == 404


async def test_automation_config_rest_errors_and_permissions(
    make_api: MakeApi, config_dir: Path
) -> None:
    env = await start(make_api, config_dir)
    headers = await env.headers()
    url = env.url + "api/config/automation/config/"
    before = (config_dir / "automations.yaml").read_text()
    bad = {"alias": "Broken", "triggers": [{"trigger": "nope"}], "actions": []}
    async with env.session.post(url + "broken", headers=headers, json=bad) as resp:
        assert resp.status == 400
        message = (await resp.json())["message"]
        assert message.startswith("Message malformed:") and "nope" in message
    async with env.session.post(url + "broken", headers=headers, json=[1, 2]) as resp:
        assert resp.status == 400
    async with env.session.post(url + "broken", headers=headers, data=b"{not json") as resp:
        assert resp.status == 400
    assert (config_dir / "automations.yaml").read_text() == before

    guest = await env.headers("guest", UserRole.USER)
    for method in ("GET", "POST", "DELETE"):
        async with env.session.request(
            method, url + "front_door", headers=guest, json={"alias": "x"}
        ) as resp:
            assert resp.status == 403, method
    async with env.session.get(url + "front_door") as resp:
        assert resp.status == 401
    assert (config_dir / "automations.yaml").read_text() == before

    # A file that does not parse is never rewritten; the message names file and line.
    (config_dir / "automations.yaml").write_text("- id: a\n  alias: [unclosed\n")
    good = {"triggers": [{"trigger": "event", "event_type": "e"}], "actions": []}
    async with env.session.post(url + "other", headers=headers, json=good) as resp:
        assert resp.status == 400
        assert "automations.yaml:" in (await resp.json())["message"]
    assert (config_dir / "automations.yaml").read_text() == "- id: a\n  alias: [unclosed\n"


async def test_script_config_rest(make_api: MakeApi, config_dir: Path) -> None:
    env = await start(make_api, config_dir)
    headers = await env.headers()
    url = env.url + "api/config/script/config/"
    async with env.session.get(url + "greet", headers=headers) as resp:
        assert resp.status == 200 and (await resp.json())["alias"] == "Greet"
    body = {"id": "wave", "alias": "Wave", "sequence": [{"action": "test.record"}]}
    async with env.session.post(url + "wave", headers=headers, json=body) as resp:
        assert resp.status == 200, await resp.text()
    stored = yaml.safe_load((config_dir / "scripts.yaml").read_text())
    assert stored["wave"] == {"alias": "Wave", "sequence": [{"action": "test.record"}]}
    assert env.hub.states.get("script.wave") is not None
    async with env.session.post(url + "Bad-Id", headers=headers, json=body) as resp:
        assert resp.status == 400
    bad = {"sequence": [{"nope": 1}]}
    async with env.session.post(url + "wave", headers=headers, json=bad) as resp:
        assert resp.status == 400
    async with env.session.delete(url + "wave", headers=headers) as resp:
        assert resp.status == 200
    assert env.hub.states.get("script.wave") is None
    guest = await env.headers("guest", UserRole.USER)
    async with env.session.get(url + "greet", headers=guest) as resp:
        assert resp.status == 403


# -- webhooks ----------------------------------------------------------------------------------


async def test_webhook_trigger_over_http(make_api: MakeApi, config_dir: Path) -> None:
    env = await start(make_api, config_dir)
    calls = record_service(env.hub)
    hook = env.url + "api/webhook/hook-secret-1"
    async with env.session.post(hook, json={"value": 42}) as resp:
        assert resp.status == 200
    assert calls.data() == [{"value": 42}]
    async with env.session.put(hook, json={"value": 1}) as resp:  # not an allowed method
        assert resp.status == 200
    async with env.session.post(env.url + "api/webhook/unknown", json={}) as resp:
        assert resp.status == 200
    assert len(calls) == 1

    # Deleting the automation removes the route; the id no longer reaches anything.
    headers = await env.headers()
    async with env.session.delete(
        env.url + "api/config/automation/config/hook", headers=headers
    ) as resp:
        assert resp.status == 200
    async with env.session.post(hook, json={"value": 2}) as resp:
        assert resp.status == 200
    assert len(calls) == 1
    from hub.api.extensions import extensions_for

    assert "hook-secret-1" not in extensions_for(env.hub).webhooks


async def test_local_only_webhook_refuses_remote_callers(
    make_api: MakeApi, config_dir: Path
) -> None:
    env = await start(
        make_api,
        config_dir,
        use_x_forwarded_for=True,
        trusted_proxies=(ipaddress.ip_network("127.0.0.0/8"),),
    )
    calls = record_service(env.hub)
    hook = env.url + "api/webhook/hook-secret-1"
    async with env.session.post(
        hook, json={"value": 3}, headers={"X-Forwarded-For": "8.8.8.8"}
    ) as resp:
        assert resp.status == 200
    assert calls == []
    async with env.session.post(
        hook, json={"value": 4}, headers={"X-Forwarded-For": "192.168.1.20"}
    ) as resp:
        assert resp.status == 200
    assert calls.data() == [{"value": 4}]


async def test_unload_removes_commands_views_and_webhooks(
    make_api: MakeApi, config_dir: Path
) -> None:
    env = await start(make_api, config_dir)
    from hub.api import commands_for
    from hub.api.extensions import extensions_for

    assert "trace/list" in commands_for(env.hub)
    await env.hub.stop()
    assert "trace/list" not in commands_for(env.hub)
    assert not extensions_for(env.hub).webhooks
    assert not extensions_for(env.hub).views
