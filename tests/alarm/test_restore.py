"""An armed (or pending, or triggered) office survives a hub restart on the same config dir."""

from __future__ import annotations

from typing import Any

from hub.runtime import Hub

PANEL = "alarm_control_panel.office"
CONFIG = """
demo:
  simulate: false
notify:
  - name: app
    platform: websocket
alarm:
  areas:
    office:
      entry_delay: {armed_away: 30}
      escalation: everyone
      sensors:
        - {entity_id: binary_sensor.front_door, role: door}
        - {entity_id: binary_sensor.open_office_window, role: window}
  escalation:
    everyone:
      tiers: [{channels: [app], wait: 60}]
  codes:
    - {name: Owner, code: "2468", rights: [arm, disarm, force, acknowledge]}
"""


async def call(hub: Hub, clock: Any, domain: str, service: str, data: dict[str, Any]) -> Any:
    result = await hub.services.call(domain, service, data, return_response=service == "incidents")
    await clock.advance(0)
    return result


async def sensor(hub: Hub, clock: Any, entity_id: str, value: str) -> None:
    await call(hub, clock, "demo", "set_sensor", {"entity_id": entity_id, "state": value})


def panel(hub: Hub) -> Any:
    state = hub.states.get(PANEL)
    assert state is not None
    return state


async def incidents(hub: Hub, clock: Any) -> list[dict[str, Any]]:
    return (await call(hub, clock, "alarm", "incidents", {}))["incidents"]


async def test_armed_away_survives_restart_with_bypass(make_hub, clock) -> None:
    hub = await make_hub(CONFIG)
    await sensor(hub, clock, "binary_sensor.open_office_window", "on")
    await call(
        hub,
        clock,
        "alarm",
        "arm",
        {"entity_id": PANEL, "mode": "armed_away", "code": "2468", "force": True},
    )
    assert panel(hub).state == "armed_away"
    await hub.stop()

    hub = await make_hub()
    state = panel(hub)
    assert state.state == "armed_away"
    assert state.attributes["changed_by"] == "Owner"
    assert state.attributes["bypassed_sensors"] == ["binary_sensor.open_office_window"]
    # The sensors are armed again: the bypassed window stays ignored, the door starts the delay.
    await sensor(hub, clock, "binary_sensor.open_office_window", "on")
    assert panel(hub).state == "armed_away"
    await sensor(hub, clock, "binary_sensor.front_door", "on")
    assert panel(hub).state == "pending"
    await clock.advance(30)
    assert panel(hub).state == "triggered"
    assert [i["kind"] for i in await incidents(hub, clock)] == ["intrusion"]


async def test_pending_restarts_the_entry_delay(make_hub, clock) -> None:
    hub = await make_hub(CONFIG)
    await call(
        hub, clock, "alarm", "arm", {"entity_id": PANEL, "mode": "armed_away", "code": "2468"}
    )
    await sensor(hub, clock, "binary_sensor.front_door", "on")
    await clock.advance(20)
    assert panel(hub).state == "pending"
    await hub.stop()

    hub = await make_hub()
    assert panel(hub).state == "pending"
    await clock.advance(29)  # a fresh, full entry delay: someone may still disarm
    assert panel(hub).state == "pending"
    await clock.advance(1)
    assert panel(hub).state == "triggered"
    assert panel(hub).attributes["trigger_sensors"] == ["binary_sensor.front_door"]
    await call(
        hub, clock, "alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": "2468"}
    )
    assert panel(hub).state == "disarmed"


async def test_triggered_keeps_its_incident_without_notifying_twice(make_hub, clock) -> None:
    hub = await make_hub(CONFIG)
    await call(
        hub, clock, "alarm", "arm", {"entity_id": PANEL, "mode": "armed_away", "code": "2468"}
    )
    await sensor(hub, clock, "binary_sensor.open_office_window", "on")
    assert panel(hub).state == "triggered"
    before = await incidents(hub, clock)
    await hub.stop()

    pushes: list[Any] = []
    hub = Hub(hub.config_dir, clock=clock)
    hub.bus.listen("notify_push", pushes.append)
    await hub.start()
    try:
        await clock.advance(0)
        assert panel(hub).state == "triggered"
        active = await incidents(hub, clock)
        assert [(i["incident_id"], i["kind"], i["status"], i["tier"]) for i in active] == [
            (before[0]["incident_id"], "intrusion", "active", 0)
        ]
        assert pushes == []  # tier 0 went out before the restart; the policy has no tier 1
        await call(
            hub, clock, "alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": "2468"}
        )
        assert panel(hub).state == "disarmed"
        assert [i["status"] for i in await incidents(hub, clock)] == ["resolved"]
    finally:
        await hub.stop()


async def test_triggered_without_stored_incident_escalates_again(make_hub, clock) -> None:
    hub = await make_hub(CONFIG)
    await call(
        hub, clock, "alarm", "arm", {"entity_id": PANEL, "mode": "armed_away", "code": "2468"}
    )
    await sensor(hub, clock, "binary_sensor.open_office_window", "on")
    assert panel(hub).state == "triggered"
    await hub.stop()
    (hub.config_dir / ".storage" / "alarm.runtime").unlink()  # e.g. an older Bastion

    pushes: list[Any] = []
    hub = Hub(hub.config_dir, clock=clock)
    hub.bus.listen("notify_push", pushes.append)
    await hub.start()
    try:
        await clock.advance(0)
        assert panel(hub).state == "triggered"
        active = await incidents(hub, clock)  # raised before demo is set up: no friendly name
        assert [(i["kind"], i["sensor"], i["status"]) for i in active] == [
            ("intrusion", "binary_sensor.open_office_window", "active")
        ]
        assert len(pushes) == 1 and "Intrusion alarm" in pushes[0].data["message"]
        await call(
            hub, clock, "alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": "2468"}
        )
        assert panel(hub).state == "disarmed"
        assert [i["status"] for i in await incidents(hub, clock)] == ["resolved"]
    finally:
        await hub.stop()


async def test_disarmed_stays_disarmed(make_hub, clock) -> None:
    hub = await make_hub(CONFIG)
    await call(
        hub, clock, "alarm", "arm", {"entity_id": PANEL, "mode": "armed_home", "code": "2468"}
    )
    await call(
        hub, clock, "alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": "2468"}
    )
    await hub.stop()
    hub = await make_hub()
    assert panel(hub).state == "disarmed"
    await sensor(hub, clock, "binary_sensor.front_door", "on")
    assert panel(hub).state == "disarmed"
