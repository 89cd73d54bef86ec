"""Alarm over the websocket API (real hub + HttpServer): the panel countdown attribute,
playbooks, incidents and acknowledgement, with duress kept invisible throughout."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import argon2
import pytest

from hub.api import HttpConfig, HttpServer
from hub.auth import AuthManager, TokenScope, UserRole
from hub.clock import FakeClock
from hub.errors import NotFound
from hub.runtime import Hub
from tests.api.conftest import ApiEnv, command

from .support import CODE, CODES_YAML, DURESS, AuditPart

PANEL = "alarm_control_panel.office"
DOOR = "binary_sensor.front_door"
CONFIG = (
    """
notify:
  - name: app
    platform: websocket
alarm:
  areas:
    office:
      name: Office
      exit_delay: {armed_away: 30}
      entry_delay: {armed_away: 20}
      escalation: {default: intrusion, duress: duress}
      sensors:
        - {entity_id: binary_sensor.front_door, role: door}
  escalation:
    intrusion:
      tiers:
        - {channels: [app], wait: 600}
    duress:
      tiers:
        - {channels: [app], wait: 600}
  playbooks:
    lockdown:
      lights_on: [light.exit_light]
"""
    + CODES_YAML
)


@pytest.fixture
async def env(config_dir: Path, clock: FakeClock) -> AsyncIterator[tuple[ApiEnv, AuditPart]]:
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
    hub.states.set(DOOR, "off")
    await hub.start()
    session = aiohttp.ClientSession()
    api = ApiEnv(hub, server, auth, clock, session)
    yield api, audit
    for ws in api.sockets:
        await ws.close()
    await session.close()
    await hub.stop()
    await auth.close()


async def call(api: ApiEnv, service: str, data: dict[str, Any]) -> None:
    await api.hub.services.call("alarm_control_panel", service, {"entity_id": PANEL, **data})
    await api.clock.advance(0)


def attr(api: ApiEnv, name: str) -> Any:
    state = api.hub.states.get(PANEL)
    assert state is not None
    return state.attributes[name]


async def trip(api: ApiEnv) -> None:
    await call(api, "alarm_arm_away", {"code": CODE})
    await api.clock.advance(30)
    api.hub.states.set(DOOR, "on")
    await api.clock.advance(20)
    api.hub.states.set(DOOR, "off")
    assert api.hub.states.get(PANEL).state == "triggered"


async def test_panel_shows_when_exit_and_entry_delays_end(env: tuple[ApiEnv, AuditPart]) -> None:
    api, _ = env
    assert attr(api, "delay_until") is None
    await call(api, "alarm_arm_away", {"code": CODE})
    assert api.hub.states.get(PANEL).state == "arming"
    assert attr(api, "delay_until") == (api.clock.now() + timedelta(seconds=30)).isoformat()
    await api.clock.advance(30)
    assert api.hub.states.get(PANEL).state == "armed_away"
    assert attr(api, "delay_until") is None
    await api.clock.advance(5)
    api.hub.states.set(DOOR, "on")
    await api.clock.advance(0)
    assert api.hub.states.get(PANEL).state == "pending"
    assert attr(api, "delay_until") == (api.clock.now() + timedelta(seconds=20)).isoformat()
    await call(api, "alarm_disarm", {"code": CODE})
    assert attr(api, "delay_until") is None


async def test_playbooks_list_active_and_holding(env: tuple[ApiEnv, AuditPart]) -> None:
    api, _ = env
    ws = await api.ws(await api.token("guest", UserRole.USER))
    reply = await command(ws, {"id": 1, "type": "alarm/playbooks"})
    assert reply["result"] == [
        {
            "playbook": "lockdown",
            "active": False,
            "holding": [],
            "priority": reply["result"][0]["priority"],
            "triggers": reply["result"][0]["triggers"],
        }
    ]
    await api.hub.services.call("alarm", "run_playbook", {"playbook": "lockdown", "code": CODE})
    (lockdown,) = (await command(ws, {"id": 2, "type": "alarm/playbooks"}))["result"]
    assert lockdown["active"] is True and lockdown["holding"] == ["light.exit_light"]


async def test_incidents_and_acknowledge_hide_duress(env: tuple[ApiEnv, AuditPart]) -> None:
    api, audit = env
    await trip(api)
    owner_ws = await api.ws()
    (intrusion,) = (await command(owner_ws, {"id": 1, "type": "alarm/incidents"}))["result"][
        "incidents"
    ]
    assert intrusion["kind"] == "intrusion" and intrusion["status"] == "active"

    await call(api, "alarm_disarm", {"code": DURESS})  # coerced: looks like a normal disarm
    duress_id = audit.sink.find("alarm.incident")[-1].details["incident_id"]
    listed = await command(owner_ws, {"id": 2, "type": "alarm/incidents"})
    assert duress_id not in str(listed) and "duress" not in str(listed)

    named = await command(
        owner_ws, {"id": 3, "type": "alarm/acknowledge", "incident_id": duress_id}
    )
    unknown = await command(owner_ws, {"id": 4, "type": "alarm/acknowledge", "incident_id": "x"})
    assert named["error"] == {"code": "not_found", "message": f"No incident {duress_id}"}
    assert unknown["error"]["code"] == "not_found"
    everything = await command(owner_ws, {"id": 5, "type": "alarm/acknowledge"})
    assert everything["result"]["acknowledged"] == []  # the duress alert keeps escalating
    assert not [
        r for r in audit.sink.find("alarm.acknowledge") if r.details["incident_id"] == duress_id
    ]


async def test_acknowledge_by_user_or_code_and_permissions(
    env: tuple[ApiEnv, AuditPart],
) -> None:
    api, audit = env
    await trip(api)
    guest = await api.user("guest", UserRole.USER)
    guest_ws = await api.ws(await api.token("guest", UserRole.USER))
    (incident,) = (await command(guest_ws, {"id": 1, "type": "alarm/incidents"}))["result"][
        "incidents"
    ]

    owner = await api.user()
    read_only = await api.auth.create_long_lived_token(
        owner, "wall", 30, scope=TokenScope(read_only=True)
    )
    wall = await api.ws(read_only)
    denied = await command(wall, {"id": 1, "type": "alarm/acknowledge"})
    assert denied["error"]["code"] == "unauthorized"
    bad_code = await command(guest_ws, {"id": 2, "type": "alarm/acknowledge", "code": "0000"})
    assert not bad_code["success"]

    done = await command(
        guest_ws, {"id": 3, "type": "alarm/acknowledge", "incident_id": incident["incident_id"]}
    )
    assert done["result"]["acknowledged"] == [incident["incident_id"]]
    assert done["result"]["context"]["user_id"] == guest.id
    ack = audit.sink.find("alarm.acknowledge")[-1]
    assert ack.details["by"] == f"user:{guest.id}"
    (after,) = (await command(guest_ws, {"id": 4, "type": "alarm/incidents"}))["result"][
        "incidents"
    ]
    assert after["status"] == "acknowledged" and after["acknowledged_by"] == f"user:{guest.id}"

    await call(api, "alarm_disarm", {"code": CODE})
    await trip(api)
    by_code = await command(guest_ws, {"id": 5, "type": "alarm/acknowledge", "code": CODE})
    assert len(by_code["result"]["acknowledged"]) == 1
    assert audit.sink.find("alarm.acknowledge")[-1].details["by"] == "Alice"


async def test_acknowledge_service_leaves_duress_alone(env: tuple[ApiEnv, AuditPart]) -> None:
    api, audit = env
    await trip(api)
    await call(api, "alarm_disarm", {"code": DURESS})
    duress_id = audit.sink.find("alarm.incident")[-1].details["incident_id"]
    result = await api.hub.services.call(
        "alarm", "acknowledge", {"code": CODE}, return_response=True
    )
    assert duress_id not in result["acknowledged"]  # "acknowledge all" never stops it
    acks = audit.sink.find("alarm.acknowledge")
    assert not [r for r in acks if r.details["incident_id"] == duress_id]
    with pytest.raises(NotFound):
        await api.hub.services.call("alarm", "acknowledge", {"code": CODE, "incident_id": "x"})
    # A responder who was sent the id privately can acknowledge it through the service.
    result = await api.hub.services.call(
        "alarm", "acknowledge", {"code": CODE, "incident_id": duress_id}, return_response=True
    )
    assert result["acknowledged"] == [duress_id]
