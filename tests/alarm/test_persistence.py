"""Open incidents, lockouts and playbook holds survive a hub restart (a power cut an intruder
caused must not make the alarm forget): escalation resumes on time, lockouts keep their expiry,
holds stay and are re-asserted, duress stays silent."""

from __future__ import annotations

import stat
from typing import Any

import pytest

from hub.context import Context
from hub.errors import AuthFailed, Unauthorized

from .support import CODE, CODES_YAML, DURESS, Site

PANEL = "alarm_control_panel.office"
CONFIG = (
    """
notify:
  - name: app
    platform: websocket
alarm:
  lockout: {attempts: 3, window: 300, duration: 600}
  areas:
    office:
      name: Office
      sirens: [siren.office_siren]
      escalation: {default: intrusion, duress: duress}
      sensors:
        - {entity_id: binary_sensor.front_window, role: window}
        - {entity_id: binary_sensor.smoke, role: smoke}
  escalation:
    intrusion:
      tiers:
        - {channels: [app], wait: 60}
        - {channels: [app], wait: 120}
        - {channels: [app], siren: true}
    duress:
      tiers:
        - {channels: [pager], wait: 30}
        - {channels: [pager]}
  playbooks:
    fire:
      unlock: [lock.front_door_lock, lock.back_door_lock]
"""
    + CODES_YAML
)
QUIET = {"binary_sensor.front_window": "off", "binary_sensor.smoke": "off"}
STORE = ".storage/alarm.runtime"


def tiers_run(site: Site, incident_id: str) -> list[int]:
    """The escalation tiers that went out for an incident, from the audit sink."""
    return [
        r.details["tier"]
        for r in site.audit.find("alarm.escalation_tier")
        if r.details["incident_id"] == incident_id
    ]


async def incidents(site: Site) -> list[dict[str, Any]]:
    result = await site.call("alarm", "incidents", {}, return_response=True)
    return result["incidents"]


async def intrusion(make_site: Any) -> tuple[Site, str]:
    """An armed office whose window opened: triggered, tier 0 sent."""
    site = await make_site(CONFIG, QUIET)
    await site.call("alarm", "arm", {"entity_id": PANEL, "mode": "armed_away", "code": CODE})
    site.sensor("binary_sensor.front_window", "on")
    await site.clock.advance(0)
    assert site.state(PANEL) == "triggered"
    [incident] = await incidents(site)
    assert tiers_run(site, incident["incident_id"]) == [0]
    return site, incident["incident_id"]


async def test_escalation_resumes_on_time_and_acknowledge_stops_it(make_site) -> None:
    site, incident_id = await intrusion(make_site)
    await site.clock.advance(30)
    await site.hub.stop()

    site = await make_site(CONFIG, {**QUIET, "binary_sensor.front_window": "on"})
    assert site.state(PANEL) == "triggered"
    [restored] = await incidents(site)
    assert (restored["incident_id"], restored["status"], restored["tier"]) == (
        incident_id,
        "active",
        0,
    )
    [record] = [r for r in site.audit.find("alarm.restored") if r.target == "alarm"]
    assert [i["incident_id"] for i in record.details["incidents"]] == [incident_id]
    await site.clock.advance(29)
    assert tiers_run(site, incident_id) == []  # tier 1 is due 60 s after tier 0, not before
    await site.clock.advance(1)
    assert tiers_run(site, incident_id) == [1]
    result = await site.call("alarm", "acknowledge", {"code": CODE}, return_response=True)
    assert result == {"acknowledged": [incident_id]}
    await site.clock.advance(300)
    assert tiers_run(site, incident_id) == [1]
    assert site.state("siren.office_siren") == "off"
    await site.hub.stop()

    site = await make_site(CONFIG, {**QUIET, "binary_sensor.front_window": "on"})
    [after] = await incidents(site)
    assert (after["status"], after["acknowledged_by"]) == ("acknowledged", "Alice")
    await site.clock.advance(300)
    assert tiers_run(site, incident_id) == []  # acknowledged before the restart: stays quiet


async def test_tier_due_during_downtime_fires_on_start(make_site) -> None:
    site, incident_id = await intrusion(make_site)
    await site.hub.stop()
    await site.clock.advance(100)  # the hub is down when tier 1 falls due (at 60 s)

    site = await make_site(CONFIG, {**QUIET, "binary_sensor.front_window": "on"})
    await site.clock.advance(0)
    assert tiers_run(site, incident_id) == [1]
    await site.clock.advance(119)  # the next tier waits tier 1's 120 s from when it ran
    assert tiers_run(site, incident_id) == [1]
    assert site.state("siren.office_siren") == "off"
    await site.clock.advance(1)
    assert tiers_run(site, incident_id) == [1, 2]
    assert site.state("siren.office_siren") == "on"


async def test_lockout_survives_restart_until_its_expiry(make_site) -> None:
    site = await make_site(CONFIG, QUIET)
    for _ in range(3):
        with pytest.raises(AuthFailed):
            await site.call(
                "alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": "0"}
            )
    await site.hub.stop()
    await site.clock.advance(100)

    site = await make_site(CONFIG, QUIET)
    [record] = site.audit.find("alarm.restored")
    assert record.details["lockouts"] == {PANEL: 500}
    with pytest.raises(Unauthorized, match="locked for 500 more seconds"):
        await site.call("alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": CODE})
    await site.clock.advance(499)
    with pytest.raises(Unauthorized, match="locked"):
        await site.call("alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": CODE})
    await site.clock.advance(1)
    await site.call("alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": CODE})
    assert site.state(PANEL) == "disarmed"


async def test_wrong_code_count_survives_restart(make_site) -> None:
    site = await make_site(CONFIG, QUIET)
    for _ in range(2):
        with pytest.raises(AuthFailed):
            await site.call("alarm", "keypad", {"keypad": "hall", "action": "disarm", "code": "0"})
    await site.hub.stop()

    site = await make_site(CONFIG, QUIET)
    with pytest.raises(AuthFailed):
        await site.call("alarm", "keypad", {"keypad": "hall", "action": "disarm", "code": "0"})
    assert site.audit.find("alarm.lockout")[0].target == "hall"
    with pytest.raises(Unauthorized, match="locked"):
        await site.call("alarm", "keypad", {"keypad": "hall", "action": "disarm", "code": CODE})


async def test_fire_playbook_keeps_holding_egress_doors_after_restart(make_site) -> None:
    doors = ["lock.front_door_lock", "lock.back_door_lock"]
    site = await make_site(CONFIG, QUIET)
    site.sensor("binary_sensor.smoke", "on")
    await site.clock.advance(0)
    assert [site.state(d) for d in doors] == ["unlocked", "unlocked"]
    await site.hub.stop()

    # The new lock entities come up locked (as a device after a power cut may): re-asserted.
    site = await make_site(CONFIG, {**QUIET, "binary_sensor.smoke": "on"})
    await site.clock.advance(0)
    assert [site.state(d) for d in doors] == ["unlocked", "unlocked"]
    [record] = [r for r in site.audit.find("alarm.restored") if r.target == "alarm"]
    assert record.details["playbooks"] == {"fire": doors}
    automation = Context(parent_id=Context().id)
    with pytest.raises(Unauthorized, match="the fire playbook holds it"):
        await site.call("lock", "lock", {"entity_id": doors[0]}, context=automation)
    assert site.state(doors[0]) == "unlocked"
    assert site.audit.find("alarm.playbook_refused_call")[-1].target == doors[0]

    result = await site.call(
        "alarm", "release_playbook", {"playbook": "fire", "code": CODE}, return_response=True
    )
    assert sorted(result["released"]) == sorted(doors)
    await site.call("lock", "lock", {"entity_id": doors[0]}, context=automation)
    assert site.state(doors[0]) == "locked"
    await site.hub.stop()

    site = await make_site(CONFIG, {**QUIET, "binary_sensor.smoke": "on"})
    await site.clock.advance(0)
    assert site.state(doors[0]) == "locked"  # released before the restart: no hold comes back
    await site.call("lock", "unlock", {"entity_id": doors[0]}, context=automation)


async def test_duress_incident_stays_silent_after_restart(make_site) -> None:
    site = await make_site(CONFIG, QUIET)
    await site.call("alarm", "arm", {"entity_id": PANEL, "mode": "armed_away", "code": CODE})
    await site.call("alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": DURESS})
    [opened] = [r for r in site.audit.find("alarm.incident") if r.details["silent_incident"]]
    duress_id = opened.details["incident_id"]
    assert tiers_run(site, duress_id) == [0]
    await site.hub.stop()
    mode = (site.hub.config_dir / STORE).stat().st_mode
    assert stat.S_IMODE(mode) == 0o600

    site = await make_site(CONFIG, QUIET)
    seen: list[Any] = []
    site.hub.bus.listen("*", seen.append)
    assert site.state(PANEL) == "disarmed"
    assert await incidents(site) == []
    assert site.audit.find("alarm.restored") == [
        r for r in site.audit.find("alarm.restored") if r.details.get("silent_incident")
    ]
    [restored] = site.audit.find("alarm.restored")
    assert restored.details["incident_id"] == duress_id
    await site.clock.advance(30)
    assert tiers_run(site, duress_id) == [1]  # escalation went on, to the sink only
    result = await site.call("alarm", "acknowledge", {"code": CODE}, return_response=True)
    assert result == {"acknowledged": []}  # a coerced user cannot stop it either
    assert seen and duress_id not in repr([e.data for e in seen])
    assert not [e for e in seen if e.event_type == "alarm_escalation"]


async def test_unreadable_state_is_reported_and_left_untouched(make_site, config_dir) -> None:
    path = config_dir / STORE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b'{"version": 99, "key": "alarm.runtime", "data": {}}')
    site = await make_site(CONFIG, QUIET)
    assert site.hub.notifications.get("alarm_runtime_state") is not None
    with pytest.raises(AuthFailed):  # the alarm works, it just does not persist
        await site.call("alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": "0"})
    await site.call("alarm", "arm", {"entity_id": PANEL, "mode": "armed_away", "code": CODE})
    assert site.state(PANEL) == "armed_away"
    await site.hub.stop()
    assert path.read_bytes() == b'{"version": 99, "key": "alarm.runtime", "data": {}}'
