"""The keypad over the websocket (real hub + HttpServer, FakeClock): alarm/status and
alarm/subscribe per user, alarm/arm and alarm/disarm with structured errors, audited like the
service path, codes never echoed."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import argon2
import pytest

from hub.api import HttpConfig, HttpServer
from hub.auth import AuthManager, Grant, Policy, Role, TokenScope, UserRole
from hub.clock import FakeClock
from hub.events import Event
from hub.runtime import Hub
from tests.api.conftest import ApiEnv, command

from .support import CODE, CODES_YAML, DURESS, MANAGER_CODE, AuditPart, RecordingSink

OFFICE = "alarm_control_panel.office"
LAB = "alarm_control_panel.lab"
MASTER = "alarm_control_panel.master"
FRONT = "binary_sensor.front_door"
BACK = "binary_sensor.back_door"
LAB_WINDOW = "binary_sensor.lab_window"
LOCKOUT = 600
CONFIG = (
    f"""
alarm:
  lockout: {{attempts: 3, window: 300, duration: {LOCKOUT}}}
  areas:
    office:
      name: Office
      exit_delay: {{armed_away: 30}}
      entry_delay: {{armed_away: 20}}
      sensors:
        - {{entity_id: {FRONT}, role: door}}
        - {{entity_id: {BACK}, role: door, name: Back door}}
    lab:
      name: Lab
      sensors:
        - {{entity_id: {LAB_WINDOW}, role: window, bypassable: false}}
"""
    + CODES_YAML
)
SECRETS = (CODE, MANAGER_CODE, DURESS, "0000")


class Env:
    def __init__(self, api: ApiEnv, audit: RecordingSink) -> None:
        self.api = api
        self.audit = audit
        self.hub = api.hub
        self.clock = api.clock
        self.next_id = 0
        self.frames: list[str] = []  # every frame any test socket received

    def msg_id(self) -> int:
        self.next_id += 1
        return self.next_id

    async def ws(self, token: str | None = None) -> aiohttp.ClientWebSocketResponse:
        return await self.api.ws(token)

    async def send(self, ws: aiohttp.ClientWebSocketResponse, **msg: Any) -> dict[str, Any]:
        reply = await command(ws, {"id": self.msg_id(), **msg})
        self.frames.append(str(reply))
        return reply

    async def drain(self, ws: aiohttp.ClientWebSocketResponse) -> list[dict[str, Any]]:
        """Everything queued for this socket before a ping's pong (the queue is in order)."""
        await self.clock.advance(0)
        await ws.send_json({"id": self.msg_id(), "type": "ping"})
        seen = []
        while (msg := await ws.receive_json(timeout=5)).get("type") != "pong":
            seen.append(msg)
            self.frames.append(str(msg))
        return seen

    async def sensor(self, entity_id: str, value: str) -> None:
        name = "Front Door" if entity_id == FRONT else entity_id.split(".")[1].title()
        self.hub.states.set(entity_id, value, {"friendly_name": name})
        await self.clock.advance(0)

    async def keyholder(self, *permissions: str) -> str:
        """A plain user whose role grants `permissions` on the office panel only."""
        grant = Grant(frozenset(permissions), entity_ids=frozenset({OFFICE}))
        await self.api.auth.set_role(Role("office", "Office", (Policy("p", (grant,)),)))
        user = await self.api.user("keyholder", UserRole.USER)
        await self.api.auth.update_user(user.id, role_ids=["office"])
        return await self.api.token("keyholder", UserRole.USER)

    def state(self, entity_id: str) -> str:
        return self.hub.states.get(entity_id).state


@pytest.fixture
async def env(config_dir: Path, clock: FakeClock) -> AsyncIterator[Env]:
    (config_dir / "configuration.yaml").write_text(CONFIG)
    hasher = argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    auth = AuthManager(config_dir, clock, password_hasher=hasher)
    await auth.load()
    hub = Hub(config_dir, clock=clock)
    audit = AuditPart()
    hub.parts["audit"] = audit
    hub.parts["http"] = server = HttpServer(
        HttpConfig(server_host=("127.0.0.1",), server_port=0), auth=auth
    )
    for sensor in (FRONT, BACK, LAB_WINDOW):
        hub.states.set(sensor, "off")
    await hub.start()
    session = aiohttp.ClientSession()
    api = ApiEnv(hub, server, auth, clock, session)
    yield Env(api, audit.sink)
    for ws in api.sockets:
        await ws.close()
    await session.close()
    await hub.stop()
    await auth.close()


def by_id(panels: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {p["entity_id"]: p for p in panels}


async def test_status_is_a_snapshot_of_the_panels_the_user_may_read(env: Env) -> None:
    owner = await env.ws()
    await env.sensor(FRONT, "on")
    panels = by_id((await env.send(owner, type="alarm/status"))["result"]["panels"])
    assert list(panels) == [LAB, MASTER, OFFICE]
    assert panels[OFFICE] == {
        "entity_id": OFFICE,
        "name": "Office",
        "areas": ["office"],
        "state": "disarmed",
        "arming_mode": None,
        "ready_to_arm": False,
        "open_sensors": [{"entity_id": FRONT, "name": "Front Door"}],
        "bypassed_sensors": [],
        "trigger_sensors": [],
        "exit_delay_remaining": None,
        "entry_delay_remaining": None,
        "lockout_remaining": None,
        "active_incidents": 0,
        "changed_by": None,
        "code_format": "number",
        "code_arm_required": True,
    }
    assert panels[MASTER]["areas"] == ["office", "lab"]
    assert panels[MASTER]["open_sensors"] == [{"entity_id": FRONT, "name": "Front Door"}]
    assert panels[LAB]["ready_to_arm"] is True

    await env.sensor(FRONT, "off")
    armed = await env.send(owner, type="alarm/arm", area="office", mode="armed_away", code=CODE)
    assert armed["result"]["panel"]["exit_delay_remaining"] == 30
    assert armed["result"]["panel"]["arming_mode"] == "armed_away"
    await env.clock.advance(12)
    office = by_id((await env.send(owner, type="alarm/status"))["result"]["panels"])[OFFICE]
    assert (office["state"], office["exit_delay_remaining"]) == ("arming", 18)
    await env.clock.advance(18)
    await env.sensor(BACK, "on")
    office = by_id((await env.send(owner, type="alarm/status"))["result"]["panels"])[OFFICE]
    assert (office["state"], office["entry_delay_remaining"]) == ("pending", 20)
    assert office["trigger_sensors"] == [{"entity_id": BACK, "name": "Back door"}]
    await env.clock.advance(20)
    office = by_id((await env.send(owner, type="alarm/status"))["result"]["panels"])[OFFICE]
    assert (office["state"], office["active_incidents"]) == ("triggered", 1)
    await env.send(owner, type="alarm/disarm", area="office", code=DURESS)  # coerced
    office = by_id((await env.send(owner, type="alarm/status"))["result"]["panels"])[OFFICE]
    assert (office["state"], office["active_incidents"]) == ("disarmed", 0)  # duress unseen
    assert env.audit.find("alarm.incident")[-1].details["kind"] == "duress"

    # The keyholder's role reaches the office panel only; a read-only grant still reads it.
    keyholder = await env.ws(await env.keyholder("read"))
    mine = (await env.send(keyholder, type="alarm/status"))["result"]["panels"]
    assert [p["entity_id"] for p in mine] == [OFFICE]
    stranger = await env.ws(await env.api.token("stranger", UserRole.USER))
    assert (await env.send(stranger, type="alarm/status"))["result"]["panels"] == []


async def test_subscribe_sends_changes_per_user_until_unsubscribed(env: Env) -> None:
    owner = await env.ws()
    keyholder = await env.ws(await env.keyholder("read", "control"))
    sub = env.msg_id()
    await keyholder.send_json({"id": sub, "type": "alarm/subscribe"})
    result, first = await keyholder.receive_json(timeout=5), await keyholder.receive_json(timeout=5)
    assert result == {"id": sub, "type": "result", "success": True, "result": None}
    assert first["event"]["type"] == "snapshot"
    assert [p["entity_id"] for p in first["event"]["panels"]] == [OFFICE]
    assert first["event"]["panels"][0]["ready_to_arm"] is True

    # The back door opens while disarmed: the keypad hears of it (no panel state change).
    await env.sensor(BACK, "on")
    (opened,) = await env.drain(keyholder)
    assert opened["id"] == sub and opened["event"]["type"] == "changed"
    (office,) = opened["event"]["panels"]
    assert office["state"] == "disarmed"
    assert office["open_sensors"] == [{"entity_id": BACK, "name": "Back door"}]
    assert opened["event"]["removed"] == []
    await env.sensor(LAB_WINDOW, "on")  # not the keyholder's panel: nothing for them
    assert await env.drain(keyholder) == []
    await env.sensor(BACK, "off")

    # One event per arm, however many things it changed.
    await env.drain(keyholder)
    reply = await env.send(owner, type="alarm/arm", entity_id=OFFICE, mode="armed_away", code=CODE)
    assert reply["success"], reply
    (arming,) = await env.drain(keyholder)
    assert arming["event"]["panels"][0]["state"] == "arming"
    assert arming["event"]["panels"][0]["exit_delay_remaining"] == 30

    # Rights taken away: the panel is removed from the open subscription.
    await env.api.auth.set_role(Role("office", "Office", ()))
    (gone,) = await env.drain(keyholder)
    assert gone["event"] == {"type": "changed", "panels": [], "removed": [OFFICE]}

    reply = await env.send(keyholder, type="unsubscribe_events", subscription=sub)
    assert reply["success"]
    await env.clock.advance(30)
    await env.send(owner, type="alarm/disarm", entity_id=OFFICE, code=CODE)
    assert await env.drain(keyholder) == []


async def test_not_ready_names_the_open_sensors_then_force_arms(env: Env) -> None:
    owner = await env.ws()
    await env.sensor(BACK, "on")
    refused = await env.send(owner, type="alarm/arm", area="office", mode="armed_home", code=CODE)
    assert refused["error"] == {
        "code": "not_ready",
        "message": "Office is not ready to arm armed_home: Back door (open)",
        "data": {
            "area": "office",
            "mode": "armed_home",
            "bypassable": True,
            "open_sensors": [{"entity_id": BACK, "name": "Back door"}],
        },
    }
    assert env.state(OFFICE) == "disarmed"
    forced = await env.send(
        owner, type="alarm/arm", area="office", mode="armed_home", code=CODE, force=True
    )
    assert forced["result"]["panel"]["state"] == "armed_home"
    assert forced["result"]["panel"]["bypassed_sensors"] == [
        {"entity_id": BACK, "name": "Back door"}
    ]
    assert env.audit.find("alarm.bypass")[-1].details["sensors"] == [BACK]

    await env.sensor(LAB_WINDOW, "on")  # cannot be bypassed: forcing does not help
    blocked = await env.send(
        owner, type="alarm/arm", entity_id=LAB, mode="armed_away", code=CODE, force=True
    )
    assert blocked["error"]["code"] == "not_ready"
    assert blocked["error"]["data"]["bypassable"] is False
    assert blocked["error"]["data"]["open_sensors"] == [
        {"entity_id": LAB_WINDOW, "name": "Lab_Window"}
    ]


async def test_wrong_codes_lock_the_panel_with_retry_after(env: Env) -> None:
    owner = await env.ws()
    armed = await env.send(owner, type="alarm/arm", area="office", mode="armed_home", code=CODE)
    assert armed["success"]
    for attempt in range(3):
        wrong = await env.send(owner, type="alarm/disarm", area="office", code="0000")
        assert wrong["error"]["code"] == "invalid_code"
        assert wrong["error"]["message"] == "Wrong code"
        # The third wrong code locks the panel and says for how long.
        expected = {"retry_after": LOCKOUT} if attempt == 2 else None
        assert wrong["error"].get("data") == expected
    await env.clock.advance(100)
    locked = await env.send(owner, type="alarm/disarm", area="office", code=CODE)
    assert locked["error"]["code"] == "locked_out"
    assert locked["error"]["data"] == {"retry_after": LOCKOUT - 100}
    assert env.state(OFFICE) == "armed_home"
    office = by_id((await env.send(owner, type="alarm/status"))["result"]["panels"])[OFFICE]
    assert office["lockout_remaining"] == LOCKOUT - 100

    await env.clock.advance(LOCKOUT - 100)
    done = await env.send(owner, type="alarm/disarm", area="office", code=CODE)
    assert done["result"]["panel"]["state"] == "disarmed"
    assert done["result"]["panel"]["lockout_remaining"] is None


async def test_rights_and_missing_codes_are_refused(env: Env) -> None:
    bob = await env.ws()
    await env.send(bob, type="alarm/arm", area="office", mode="armed_away", code=MANAGER_CODE)
    forced = await env.send(
        bob, type="alarm/arm", area="lab", mode="armed_away", code=MANAGER_CODE, force=True
    )
    assert forced["error"] == {
        "code": "unauthorized",
        "message": "Bob may not force",
        "data": {"permission": "force"},
    }
    missing = await env.send(bob, type="alarm/disarm", area="office")
    assert missing["error"]["code"] == "code_required"
    neither = await env.send(bob, type="alarm/disarm", code=CODE)
    assert neither["error"]["code"] == "invalid_format"
    unknown = await env.send(bob, type="alarm/disarm", area="garage", code=CODE)
    assert unknown["error"]["code"] == "not_found"
    assert not env.audit.find("alarm.code_wrong")  # no code is not a wrong code

    # A user who may read but not control the panel, and a read-only token.
    reader = await env.ws(await env.keyholder("read"))
    denied = await env.send(reader, type="alarm/disarm", entity_id=OFFICE, code=CODE)
    assert denied["error"]["code"] == "unauthorized"
    assert denied["error"]["data"] == {"permission": "control"}
    record = env.audit.find("access.denied")[-1]
    assert (record.target, record.details["permission"]) == (OFFICE, "control")
    hidden = await env.send(reader, type="alarm/disarm", entity_id=LAB, code=CODE)
    assert hidden["error"] == unknown["error"] | {"message": f"No alarm panel {LAB}"}
    assert env.audit.find("access.denied")[-1].target == LAB  # audited all the same
    owner = await env.api.user()
    read_only = await env.api.auth.create_long_lived_token(
        owner, "wall", 30, scope=TokenScope(read_only=True)
    )
    wall = await env.ws(read_only)
    assert (await env.send(wall, type="alarm/disarm", area="office", code=CODE))["error"][
        "code"
    ] == "unauthorized"
    assert (await env.send(wall, type="alarm/status"))["success"]
    assert env.state(OFFICE) == "arming"


async def test_audited_like_the_service_and_codes_never_echoed(
    env: Env, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    calls: list[Event] = []
    env.hub.bus.listen("call_service", calls.append)
    owner = await env.ws()
    user = await env.api.user()

    def trail(since: int) -> list[tuple[Any, ...]]:
        keep = ("alarm.arm", "alarm.disarm", "alarm.code_wrong", "access.denied")
        return [
            (r.action, r.target, r.outcome, dict(r.details))
            for r in env.audit.records[since:]
            if r.action in keep
        ]

    start = len(env.audit.records)
    await env.hub.services.call(
        "alarm", "arm", {"entity_id": OFFICE, "mode": "armed_home", "code": CODE}
    )
    await env.hub.services.call(
        "alarm_control_panel", "alarm_disarm", {"entity_id": OFFICE, "code": CODE}
    )
    with pytest.raises(Exception, match="Wrong code"):
        await env.hub.services.call(
            "alarm_control_panel", "alarm_disarm", {"entity_id": OFFICE, "code": "0000"}
        )
    by_service = trail(start)

    start = len(env.audit.records)
    await env.send(owner, type="alarm/arm", entity_id=OFFICE, mode="armed_home", code=CODE)
    await env.send(owner, type="alarm/disarm", entity_id=OFFICE, code=CODE)
    await env.send(owner, type="alarm/disarm", entity_id=OFFICE, code="0000")
    by_websocket = trail(start)
    assert by_websocket == by_service
    assert [a for a, *_ in by_websocket] == [
        "alarm.arm",
        "alarm.disarm",
        "alarm.code_wrong",
    ]
    ws_records = env.audit.records[start:]
    assert {r.user_id for r in ws_records if r.action in ("alarm.arm", "alarm.disarm")} == {user.id}

    # The websocket calls went through the services, whose call events mask the code.
    ws_calls = [e for e in calls if e.context.user_id == user.id]
    assert [(e.data["domain"], e.data["service"]) for e in ws_calls] == [
        ("alarm", "arm"),
        ("alarm_control_panel", "alarm_disarm"),
        ("alarm_control_panel", "alarm_disarm"),
    ]
    assert {e.data["service_data"]["code"] for e in ws_calls} == {"**redacted**"}
    text = " ".join(env.frames) + caplog.text + str([r.details for r in env.audit.records])
    assert "armed_home" in text and "Wrong code" in text  # the text holds what was done
    for secret in SECRETS:  # but no code (as a whole token: ids may hold the digits)
        assert not re.search(rf"(?<![0-9A-Za-z]){secret}(?![0-9A-Za-z])", text), secret
