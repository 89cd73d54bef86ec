"""The authorisation matrix: every entry point x every kind of caller, allowed and denied."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from .conftest import (
    ALL,
    LOBBY_LIGHT,
    OFFICE_DOOR,
    OFFICE_LAMP,
    SERVER_LOCK,
    Site,
    command,
)

# What each caller may read at 12:00 on a Monday (the FakeClock's start).
READABLE = {
    "owner": ALL,
    "admin": ALL,
    "office": {OFFICE_LAMP, OFFICE_DOOR},
    "cleaner": set(),  # outside the 18:00-20:00 window
    "guest": set(),  # the policy expired on 2026-01-01
    "read_only": ALL,
    "lobby_token": {LOBBY_LIGHT},
}
CALLERS = sorted(READABLE)


# -- reading ---------------------------------------------------------------------------------
async def _ws_states(site: Site, caller: str) -> set[str]:
    ws = await site.ws(caller)
    reply = await command(ws, {"id": 1, "type": "get_states"})
    return {s["entity_id"] for s in reply["result"]}


async def _ws_subscribe_entities(site: Site, caller: str) -> set[str]:
    ws = await site.ws(caller)
    reply = await command(ws, {"id": 1, "type": "subscribe_entities"})
    assert reply["success"]
    initial = await ws.receive_json(timeout=5)
    return set(initial["event"]["a"])


async def _ws_subscribe_events(site: Site, caller: str) -> set[str]:
    """Entity ids seen in state_changed events after every entity changed once."""
    ws = await site.ws(caller)
    reply = await command(ws, {"id": 1, "type": "subscribe_events", "event_type": "state_changed"})
    assert reply["success"]
    value = f"changed {site.msg_id()}"  # a new value, so every set is a change
    for entity_id in sorted(ALL):
        site.api.hub.states.set(entity_id, value)
    await ws.send_json({"id": 2, "type": "ping"})
    seen: set[str] = set()
    while True:
        msg = await ws.receive_json(timeout=5)
        if msg.get("type") == "pong":
            return seen
        seen.add(msg["event"]["data"]["entity_id"])


async def _rest_states(site: Site, caller: str) -> set[str]:
    resp = await site.api.session.get(site.api.url + "api/states", headers=site.headers(caller))
    assert resp.status == 200
    return {s["entity_id"] for s in await resp.json()}


LIST_TEMPLATE = "{{ states | map(attribute='entity_id') | join(',') }}"


async def _ws_template(site: Site, caller: str) -> set[str]:
    ws = await site.ws(caller)
    reply = await command(ws, {"id": 1, "type": "render_template", "template": LIST_TEMPLATE})
    assert reply["success"], reply
    event = await ws.receive_json(timeout=5)
    return set(filter(None, str(event["event"]["result"]).split(",")))


async def _rest_template(site: Site, caller: str) -> set[str]:
    resp = await site.api.session.post(
        site.api.url + "api/template",
        json={"template": LIST_TEMPLATE},
        headers=site.headers(caller),
    )
    assert resp.status == 200
    return set(filter(None, (await resp.text()).split(",")))


READERS = {
    "ws get_states": _ws_states,
    "ws subscribe_entities": _ws_subscribe_entities,
    "ws subscribe_events": _ws_subscribe_events,
    "ws render_template": _ws_template,
    "rest states": _rest_states,
    "rest template": _rest_template,
}


@pytest.mark.parametrize("entry", sorted(READERS))
async def test_reads_show_only_readable_entities(site: Site, entry: str) -> None:
    for caller in CALLERS:
        assert await READERS[entry](site, caller) == READABLE[caller], (entry, caller)


async def test_template_helpers_cannot_reach_forbidden_entities(site: Site) -> None:
    probes = {
        "{{ states('lock.server_room') }}": ("unknown", "locked"),
        "{{ is_state('lock.server_room', 'locked') }}": ("False", "True"),
        "{{ states.lock.server_room.state | default('hidden') }}": ("hidden", "locked"),
        "{{ expand('lock.server_room') | count }}": ("0", "1"),
        "{{ states.lock | count }}": ("1", "2"),
        "{{ area_entities('server_room') | count }}": ("0", "1"),
        "{{ label_entities('lights') | join(',') }}": (OFFICE_LAMP, f"{LOBBY_LIGHT},{OFFICE_LAMP}"),
        "{{ state_attr('lock.server_room', 'friendly_name') }}": ("None", "None"),
    }
    for source, (office_sees, admin_sees) in probes.items():
        for caller, expected in (("office", office_sees), ("admin", admin_sees)):
            resp = await site.api.session.post(
                site.api.url + "api/template",
                json={"template": source},
                headers=site.headers(caller),
            )
            assert (await resp.text()) == expected, (source, caller)


async def test_non_state_events_do_not_leak_entity_ids(site: Site) -> None:
    ws = await site.ws("office")
    reply = await command(
        ws, {"id": 1, "type": "subscribe_events", "event_type": "entity_registry_updated"}
    )
    assert reply["success"]
    hub = site.api.hub
    hub.registries.entities.update(SERVER_LOCK, name="Server room lock")
    hub.registries.entities.update(OFFICE_DOOR, name="Front office door")
    await ws.send_json({"id": 2, "type": "ping"})
    seen = []
    while (msg := await ws.receive_json(timeout=5)).get("type") != "pong":
        seen.append(msg["event"]["data"]["entity_id"])
    assert seen == [OFFICE_DOOR]
    other = await command(ws, {"id": 3, "type": "subscribe_events", "event_type": "call_service"})
    assert other["error"]["code"] == "unauthorized"
    everything = await command(ws, {"id": 4, "type": "subscribe_events"})
    assert everything["error"]["code"] == "unauthorized"


async def test_registry_lists_are_filtered(site: Site) -> None:
    ws = await site.ws("office")
    entities = await command(ws, {"id": 1, "type": "config/entity_registry/list"})
    assert {e["entity_id"] for e in entities["result"]} == {OFFICE_LAMP, OFFICE_DOOR}
    hidden = await command(
        ws, {"id": 2, "type": "config/entity_registry/get", "entity_id": SERVER_LOCK}
    )
    assert hidden["error"]["code"] == "not_found"


# -- control ---------------------------------------------------------------------------------
async def _ws_call(site: Site, caller: str, domain: str, service: str, target: dict) -> str:
    ws = await site.ws(caller)
    reply = await command(
        ws,
        {"id": 1, "type": "call_service", "domain": domain, "service": service, "target": target},
    )
    return "ok" if reply["success"] else reply["error"]["code"]


async def _rest_call(site: Site, caller: str, domain: str, service: str, target: dict) -> str:
    resp = await site.api.session.post(
        site.api.url + f"api/services/{domain}/{service}",
        json=target,
        headers=site.headers(caller),
    )
    if resp.status == 200:
        return "ok"
    body = await resp.json()
    assert "message" in body
    return "unauthorized" if resp.status in (401, 403) else f"http {resp.status}"


CALLS: list[tuple[str, str, str, dict[str, Any], set[str]]] = [
    # caller, domain, service, target, allowed?
    ("office", "light", "turn_on", {"area_id": "office"}, {"owner", "admin", "office"}),
    ("office", "lock", "unlock", {"entity_id": OFFICE_DOOR}, {"owner", "admin", "office"}),
    ("x", "lock", "unlock", {"entity_id": SERVER_LOCK}, {"owner", "admin"}),
    # An area target that expands to an entity the caller may not control is refused whole.
    ("x", "lock", "unlock", {"area_id": ["office", "server_room"]}, {"owner", "admin"}),
    ("x", "light", "turn_on", {"label_id": "lights"}, {"owner", "admin"}),
    ("x", "light", "turn_on", {"entity_id": LOBBY_LIGHT}, {"owner", "admin", "lobby_token"}),
    ("x", "light", "turn_on", {"entity_id": "all"}, {"owner", "admin"}),
]


@pytest.mark.parametrize("via", ["ws", "rest"])
@pytest.mark.parametrize("case", range(len(CALLS)))
async def test_service_calls(site: Site, via: str, case: int) -> None:
    _, domain, service, target, allowed = CALLS[case]
    call = _ws_call if via == "ws" else _rest_call
    for caller in CALLERS:
        before = {e: site.api.hub.states.get(e).state for e in ALL}  # type: ignore[union-attr]
        site.calls.clear()
        outcome = await call(site, caller, domain, service, target)
        expected = "ok" if caller in allowed else "unauthorized"
        assert outcome == expected, (caller, domain, service, target)
        if outcome != "ok":
            after = {e: site.api.hub.states.get(e).state for e in ALL}  # type: ignore[union-attr]
            assert site.calls == [] and after == before  # nothing was touched
        for entity_id in ALL:  # reset for the next caller
            site.api.hub.states.set(entity_id, before[entity_id])


async def test_denials_are_audited_with_who_and_what(site: Site) -> None:
    assert await _ws_call(site, "office", "lock", "unlock", {"area_id": "server_room"}) == (
        "unauthorized"
    )
    assert await _rest_call(site, "read_only", "light", "turn_on", {"entity_id": OFFICE_LAMP}) == (
        "unauthorized"
    )
    office_token = site.api.auth.list_refresh_tokens(
        site.api.auth.get_user(site.user_ids["office"])  # type: ignore[arg-type]
    )[0]
    (ws_denial,) = await site.denials(user_id=site.user_ids["office"])
    assert ws_denial["outcome"] == "denied"
    assert ws_denial["target"] == SERVER_LOCK
    assert ws_denial["details"]["permission"] == "control"
    assert ws_denial["details"]["token_id"] == office_token.id
    assert ws_denial["details"]["entry"] == "websocket:call_service"
    assert ws_denial["details"]["username"] == "office"
    (rest_denial,) = await site.denials(user_id=site.user_ids["owner"])
    assert rest_denial["details"]["token_scope"]["read_only"] is True
    assert rest_denial["details"]["entry"] == "rest:POST /api/services/light/turn_on"
    assert rest_denial["details"]["permission"] == "control"


# -- time windows and expiry -----------------------------------------------------------------
async def test_time_window_opens_and_closes(site: Site) -> None:
    clock = site.api.clock
    unlock = {"entity_id": OFFICE_DOOR}
    assert await _ws_call(site, "cleaner", "lock", "unlock", unlock) == "unauthorized"
    ws = await site.ws("cleaner")  # a connection opened before the window stays in step
    await clock.advance(timedelta(hours=6, minutes=30))  # Monday 18:30
    assert await _ws_states(site, "cleaner") == {OFFICE_DOOR}
    assert await _ws_call(site, "cleaner", "lock", "unlock", unlock) == "ok"
    assert await _rest_call(site, "cleaner", "lock", "unlock", unlock) == "ok"
    assert await _ws_call(site, "cleaner", "lock", "unlock", {"entity_id": SERVER_LOCK}) == (
        "unauthorized"
    )
    states = await command(ws, {"id": 5, "type": "get_states"})
    assert [s["entity_id"] for s in states["result"]] == [OFFICE_DOOR]
    await clock.advance(timedelta(hours=2))  # 20:30: closed again
    assert await _ws_call(site, "cleaner", "lock", "unlock", unlock) == "unauthorized"
    assert (await command(ws, {"id": 6, "type": "get_states"}))["result"] == []
    await clock.advance(timedelta(days=5, hours=-2))  # Saturday 18:30: not a weekday
    assert await _rest_call(site, "cleaner", "lock", "unlock", unlock) == "unauthorized"


async def test_guest_token_past_expiry_is_refused(site: Site) -> None:
    api = site.api
    guest = api.auth.get_user(site.user_ids["guest"])
    assert guest is not None
    token = await api.auth.create_long_lived_token(guest, "weekend", 1)
    resp = await api.session.get(api.url + "api/", headers={"Authorization": f"Bearer {token}"})
    assert resp.status == 200
    await api.clock.advance(timedelta(days=1, seconds=1))
    resp = await api.session.get(api.url + "api/", headers={"Authorization": f"Bearer {token}"})
    assert resp.status == 401
    ws = await api.raw_ws()
    assert (await ws.receive_json())["type"] == "auth_required"
    await ws.send_json({"type": "auth", "access_token": token})
    assert (await ws.receive_json())["type"] == "auth_invalid"


async def test_open_socket_loses_access_when_token_revoked(site: Site) -> None:
    ws = await site.ws("office")
    assert (await command(ws, {"id": 1, "type": "ping"}))["type"] == "pong"
    user = site.api.auth.get_user(site.user_ids["office"])
    (token,) = site.api.auth.list_refresh_tokens(user)  # type: ignore[arg-type]
    await site.api.auth.revoke(token.id)
    await ws.send_json({"id": 2, "type": "get_states"})
    reply = await ws.receive_json(timeout=5)
    assert reply["error"]["code"] == "unauthorized"
    closing = await ws.receive(timeout=5)
    assert closing.type.name in ("CLOSE", "CLOSED")
    (denial,) = await site.denials(user_id=site.user_ids["office"])
    assert denial["details"]["reason"] == "token revoked or expired"


async def test_history_and_logbook_only_readable(site: Site) -> None:
    from hub.recorder import Recorder, RecorderConfig

    api = site.api
    hub = api.hub
    recorder = Recorder(
        hub.bus, hub.states, api.clock, RecorderConfig.from_yaml({}), hub.config_dir
    )
    await recorder.start()
    hub.parts["recorder"] = recorder  # stopped with the hub
    hub.recorder = recorder
    start = api.clock.now()
    for entity_id in sorted(ALL):
        hub.states.set(entity_id, "history")
    await api.clock.advance(10)
    await recorder.flush()
    for caller in CALLERS:
        everything = ",".join(sorted(ALL))
        resp = await api.session.get(
            api.url + f"api/history/period/{start.isoformat()}",
            params={"filter_entity_id": everything},
            headers=site.headers(caller),
        )
        rows = await resp.json()
        assert {row[0]["entity_id"] for row in rows} == READABLE[caller], caller
        ws = await site.ws(caller)
        history = await command(
            ws,
            {
                "id": 1,
                "type": "history/history_during_period",
                "start_time": start.isoformat(),
                "entity_ids": sorted(ALL),
            },
        )
        assert set(history["result"]) == READABLE[caller], caller
        logbook = await api.session.get(
            api.url + f"api/logbook/{start.isoformat()}", headers=site.headers(caller)
        )
        seen = {e.get("entity_id") for e in await logbook.json()} - {None}
        assert seen == READABLE[caller], caller
