"""Arming, readiness and force-arm, exit and entry delays, disarm, lockout, unavailable."""

from __future__ import annotations

import pytest

from hub.errors import AuthFailed, HubError, Unauthorized

from .support import CODE, CODES_YAML, MANAGER_CODE

PANEL = "alarm_control_panel.office"
CONFIG = (
    """
alarm:
  lockout: {attempts: 3, window: 60, duration: 120}
  areas:
    office:
      name: Office
      exit_delay: {armed_away: 30}
      entry_delay: {armed_away: 20}
      sirens: [siren.office_siren]
      sensors:
        - {entity_id: binary_sensor.front_door, role: door}
        - {entity_id: binary_sensor.front_window, role: window, name: Front window}
        - {entity_id: binary_sensor.hall_motion, role: motion}
        - {entity_id: binary_sensor.vault_door, role: door, bypassable: false, entry_delay: 0}
"""
    + CODES_YAML
)
SENSORS = {
    "binary_sensor.front_door": "off",
    "binary_sensor.front_window": "off",
    "binary_sensor.hall_motion": "off",
    "binary_sensor.vault_door": "off",
}


async def arm_away(site, code=CODE, **extra):
    await site.call("alarm_control_panel", "alarm_arm_away", {"entity_id": PANEL, "code": code})


async def test_open_window_refuses_then_force_arm_records_bypass(make_site) -> None:
    site = await make_site(CONFIG, {**SENSORS, "binary_sensor.front_window": "on"})
    attrs = site.hub.states.get(PANEL).attributes
    assert attrs["ready_to_arm"] is False
    assert attrs["open_sensors"] == ["binary_sensor.front_window"]
    with pytest.raises(HubError, match="not ready to arm armed_away: Front window \\(open\\)"):
        await arm_away(site)
    assert site.state(PANEL) == "disarmed"
    assert site.audit.find("alarm.arm")[-1].outcome == "failure"

    await site.call(
        "alarm", "arm", {"entity_id": PANEL, "mode": "armed_away", "code": CODE, "force": True}
    )
    assert site.state(PANEL) == "arming"
    assert site.hub.states.get(PANEL).attributes["bypassed_sensors"] == [
        "binary_sensor.front_window"
    ]
    bypass = site.audit.find("alarm.bypass")[0]
    assert bypass.details["sensors"] == ["binary_sensor.front_window"]
    assert bypass.details["by"] == "Alice"
    await site.clock.advance(30)
    assert site.state(PANEL) == "armed_away"
    # The bypassed window does not trigger; others still do.
    site.sensor("binary_sensor.front_window", "off")
    site.sensor("binary_sensor.front_window", "on")
    await site.clock.advance(1)
    assert site.state(PANEL) == "armed_away"


async def test_force_needs_the_right_and_a_bypassable_sensor(make_site) -> None:
    site = await make_site(CONFIG, {**SENSORS, "binary_sensor.front_window": "on"})
    with pytest.raises(Unauthorized, match="Bob may not force"):
        await site.call(
            "alarm",
            "arm",
            {"entity_id": PANEL, "mode": "armed_away", "code": MANAGER_CODE, "force": True},
        )
    site.sensor("binary_sensor.vault_door", "on")
    with pytest.raises(HubError, match="Vault_Door cannot be bypassed"):
        await site.call(
            "alarm", "arm", {"entity_id": PANEL, "mode": "armed_away", "code": CODE, "force": True}
        )


async def test_exit_delay_entry_delay_and_disarm(make_site) -> None:
    site = await make_site(CONFIG, SENSORS)
    await arm_away(site)
    assert site.state(PANEL) == "arming"
    await site.clock.advance(29)
    assert site.state(PANEL) == "arming"
    await site.clock.advance(1)
    assert site.state(PANEL) == "armed_away"
    site.sensor("binary_sensor.front_door", "on")
    await site.clock.advance(0)
    assert site.state(PANEL) == "pending"
    site.sensor("binary_sensor.hall_motion", "on")  # follower: walking to the keypad
    await site.clock.advance(10)
    assert site.state(PANEL) == "pending"
    await site.call("alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": CODE})
    assert site.state(PANEL) == "disarmed"
    assert site.hub.states.get(PANEL).attributes["changed_by"] == "Alice"
    await site.clock.advance(60)
    assert site.state(PANEL) == "disarmed"
    assert ["alarm.arm", "alarm.sensor_trip", "alarm.sensor_trip", "alarm.disarm"] == [
        a for a in site.audit.actions() if a in ("alarm.arm", "alarm.sensor_trip", "alarm.disarm")
    ]


async def test_instant_sensor_triggers_without_delay(make_site) -> None:
    site = await make_site(CONFIG, SENSORS)
    await arm_away(site)
    await site.clock.advance(30)
    site.sensor("binary_sensor.front_window", "on")
    await site.clock.advance(0)
    assert site.state(PANEL) == "triggered"
    assert site.hub.states.get(PANEL).attributes["trigger_sensors"] == [
        "binary_sensor.front_window"
    ]


async def test_motion_ignored_in_armed_home(make_site) -> None:
    site = await make_site(CONFIG, SENSORS)
    await site.call("alarm_control_panel", "alarm_arm_home", {"entity_id": PANEL, "code": CODE})
    assert site.state(PANEL) == "armed_home"
    site.sensor("binary_sensor.hall_motion", "on")
    await site.clock.advance(0)
    assert site.state(PANEL) == "armed_home"


async def test_wrong_code_lockout(make_site) -> None:
    site = await make_site(CONFIG, SENSORS)
    await arm_away(site)
    for _ in range(3):
        with pytest.raises(AuthFailed, match="Wrong code"):
            await site.call(
                "alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": "0000"}
            )
    with pytest.raises(Unauthorized, match="locked for 120 more seconds"):
        await site.call("alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": CODE})
    assert site.state(PANEL) == "arming"
    assert site.audit.find("alarm.lockout")[0].target == PANEL
    assert len(site.audit.find("alarm.code_wrong")) == 3
    await site.clock.advance(121)
    await site.call("alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": CODE})
    assert site.state(PANEL) == "disarmed"


async def test_sensor_unavailable_while_armed_is_an_alarm(make_site) -> None:
    site = await make_site(CONFIG, SENSORS)
    await arm_away(site)
    await site.clock.advance(30)
    site.sensor("binary_sensor.front_window", "unavailable")
    await site.clock.advance(0)
    assert site.state(PANEL) == "triggered"
    incidents = await site.call("alarm", "incidents", {}, return_response=True)
    assert incidents["incidents"][0]["kind"] == "unavailable"


async def test_code_schedule_and_expiry(make_site) -> None:
    config = CONFIG.replace(
        "      rights: [arm, disarm]",
        "      rights: [arm, disarm]\n      expires: 2026-01-05 12:30:00",
    )
    site = await make_site(config, SENSORS)
    await site.call(
        "alarm_control_panel", "alarm_arm_home", {"entity_id": PANEL, "code": MANAGER_CODE}
    )
    await site.clock.advance(3600)
    with pytest.raises(Unauthorized, match="expired"):
        await site.call(
            "alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": MANAGER_CODE}
        )


async def test_readiness_follows_the_sensors_in_every_state(make_site) -> None:
    """open_sensors/ready_to_arm (and trigger_sensors) follow sensor changes that do not
    change the panel's state: disarmed, exit delay, armed with a bypassed sensor, triggered."""
    site = await make_site(CONFIG, SENSORS)
    window, door = "binary_sensor.front_window", "binary_sensor.front_door"

    async def ready(sensor: str, value: str) -> tuple[bool, list[str]]:
        site.sensor(sensor, value)
        await site.clock.advance(0)
        attrs = site.hub.states.get(PANEL).attributes
        return attrs["ready_to_arm"], attrs["open_sensors"]

    assert await ready(window, "on") == (False, [window])  # disarmed
    assert site.state(PANEL) == "disarmed"
    assert await ready(window, "off") == (True, [])
    await arm_away(site)
    assert await ready(window, "on") == (False, [window])  # exit delay
    assert site.state(PANEL) == "arming"
    assert await ready(window, "off") == (True, [])
    await site.call("alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": CODE})

    site.sensor(window, "on")
    await site.call(
        "alarm", "arm", {"entity_id": PANEL, "mode": "armed_home", "code": CODE, "force": True}
    )
    assert await ready(window, "off") == (True, [])  # armed, the window bypassed
    assert await ready(window, "on") == (False, [window])
    assert site.state(PANEL) == "armed_home"

    await site.call("alarm_control_panel", "alarm_trigger", {"entity_id": PANEL})
    assert site.state(PANEL) == "triggered"
    assert await ready(door, "on") == (False, [door, window])  # triggered
    assert site.hub.states.get(PANEL).attributes["trigger_sensors"] == [door]
    assert await ready(door, "off") == (False, [window])
