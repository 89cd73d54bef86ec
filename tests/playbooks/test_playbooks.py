"""Life-safety playbooks: fire from a 24-hour smoke zone, holds refusing automations, release,
dry run, priorities."""

from __future__ import annotations

import pytest

from hub.context import Context
from hub.errors import AuthFailed, Unauthorized
from tests.alarm.support import CODE, CODES_YAML, MANAGER_CODE

PANEL = "alarm_control_panel.office"
SENSORS = {
    "binary_sensor.front_door": "off",
    "binary_sensor.smoke": "off",
    "binary_sensor.gas": "off",
    "binary_sensor.panic_button": "off",
}
CONFIG = (
    """
notify:
  - name: app
    platform: websocket
alarm:
  areas:
    office:
      sirens: [siren.office_siren]
      escalation: everyone
      sensors:
        - {entity_id: binary_sensor.front_door, role: door}
        - {entity_id: binary_sensor.smoke, role: smoke}
        - {entity_id: binary_sensor.gas, role: gas}
        - {entity_id: binary_sensor.panic_button, role: panic}
  escalation:
    everyone:
      tiers:
        - {channels: [app], wait: 60}
  playbooks:
    fire:
      unlock: [lock.front_door_lock, lock.back_door_lock]
      lights_on: [light.exit_light, light.office_light]
      hvac_off: [climate.office_hvac]
      sirens: [siren.office_siren]
      notify: [app]
    co_gas:
      hvac_off: [climate.office_hvac]
      close_valves: [valve.gas_valve]
    lockdown:
      lock: [lock.front_door_lock, lock.back_door_lock]
      lights_on: [light.office_light]
"""
    + CODES_YAML
)
FIRE_STATES = {
    "lock.front_door_lock": "unlocked",
    "lock.back_door_lock": "unlocked",
    "light.exit_light": "on",
    "light.office_light": "on",
    "climate.office_hvac": "off",
    "siren.office_siren": "on",
}


def automation_context() -> Context:
    """What an automation run looks like: a child of the automation's trigger context."""
    return Context(parent_id=Context().id)


async def test_smoke_while_disarmed_runs_fire_playbook_and_holds(make_site) -> None:
    site = await make_site(CONFIG, SENSORS)
    pushes = []
    site.hub.bus.listen("notify_push", lambda e: pushes.append(e.data))
    assert site.state(PANEL) == "disarmed"
    site.sensor("binary_sensor.smoke", "on")
    await site.clock.advance(0)
    assert site.state(PANEL) == "triggered"
    assert {eid: site.state(eid) for eid in FIRE_STATES} == FIRE_STATES
    assert any(p["title"] == "Fire response" for p in pushes)
    run = site.audit.find("alarm.playbook_run")[0]
    assert run.target == "fire" and all(s["result"] == "done" for s in run.details["steps"])

    with pytest.raises(Unauthorized, match="fire playbook holds it") as err:
        await site.call(
            "lock", "lock", {"entity_id": "lock.front_door_lock"}, context=automation_context()
        )
    assert "lock.lock on lock.front_door_lock refused" in str(err.value)
    assert site.state("lock.front_door_lock") == "unlocked"
    refused = site.audit.find("alarm.playbook_refused_call")[0]
    assert refused.outcome == "failure" and refused.target == "lock.front_door_lock"
    with pytest.raises(Unauthorized):
        await site.call("light", "turn_off", {"entity_id": "all"}, context=automation_context())
    # Calls that agree with the hold, and calls on other devices, still work.
    await site.call("lock", "unlock", {"entity_id": "lock.front_door_lock"})
    await site.call("valve", "close_valve", {"entity_id": "valve.gas_valve"})

    # Disarming does not stop a fire response; a user with the right releases it.
    await site.call("alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": CODE})
    assert site.state("siren.office_siren") == "on"
    with pytest.raises(Unauthorized, match="Bob may not playbooks"):
        await site.call("alarm", "release_playbook", {"playbook": "fire", "code": MANAGER_CODE})
    with pytest.raises(AuthFailed):
        await site.call("alarm", "release_playbook", {"playbook": "fire", "code": "0000"})
    released = await site.call(
        "alarm", "release_playbook", {"playbook": "fire", "code": CODE}, return_response=True
    )
    assert set(released["released"]) == set(FIRE_STATES)
    assert site.audit.find("alarm.playbook_release")[0].details["by"] == "Alice"
    await site.call(
        "lock", "lock", {"entity_id": "lock.front_door_lock"}, context=automation_context()
    )
    assert site.state("lock.front_door_lock") == "locked"


async def test_dry_run_reports_without_actuating(make_site) -> None:
    site = await make_site(CONFIG, SENSORS)
    before = {eid: site.state(eid) for eid in FIRE_STATES}
    report = await site.call(
        "alarm", "run_playbook", {"playbook": "fire", "dry_run": True}, return_response=True
    )
    assert report["dry_run"] is True
    assert {(s["service"], s["entity_id"], s["result"]) for s in report["steps"]} >= {
        ("lock.unlock", "lock.front_door_lock", "would run"),
        ("climate.turn_off", "climate.office_hvac", "would run"),
        ("siren.turn_on", "siren.office_siren", "would run"),
    }
    assert {eid: site.state(eid) for eid in FIRE_STATES} == before
    assert site.audit.find("alarm.playbook_dry_run")
    # No holds: automations are unaffected.
    await site.call("lock", "lock", {"entity_id": "lock.front_door_lock"})


async def test_manual_run_needs_the_right(make_site) -> None:
    site = await make_site(CONFIG, SENSORS)
    with pytest.raises(Unauthorized):
        await site.call("alarm", "run_playbook", {"playbook": "lockdown"})
    await site.call("alarm", "run_playbook", {"playbook": "lockdown", "code": CODE})
    assert site.state("lock.front_door_lock") == "locked"


async def test_gas_closes_valve_and_fire_outranks_lockdown(make_site) -> None:
    site = await make_site(CONFIG, SENSORS)
    site.sensor("binary_sensor.gas", "on")
    await site.clock.advance(0)
    assert site.state("valve.gas_valve") == "closed"
    assert site.state("climate.office_hvac") == "off"
    site.sensor("binary_sensor.smoke", "on")
    await site.clock.advance(0)
    assert site.state("lock.front_door_lock") == "unlocked"
    # Panic starts the lockdown, but egress doors held by the fire playbook stay unlocked.
    site.sensor("binary_sensor.panic_button", "on")
    await site.clock.advance(0)
    lockdown = site.audit.find("alarm.playbook_run")[-1]
    assert lockdown.target == "lockdown"
    results = {s["entity_id"]: s["result"] for s in lockdown.details["steps"]}
    assert results["lock.front_door_lock"] == "skipped: held by fire"
    assert site.state("lock.front_door_lock") == "unlocked"
