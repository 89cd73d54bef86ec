"""Device triggers, conditions and actions (Home Assistant's UI-editor YAML) on a real hub: the
demo office's devices, and devices registered the way an integration registers them."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
import voluptuous as vol

from automations import api, schemas
from automations.device import TriggerType, register_trigger_type
from automations.device.entity_types import state_trigger
from hub.clock import FakeClock
from hub.runtime import Hub
from integrations.demo.actuators import LOCK_DELAY

from .helpers import record_service

DEMO = """
homeassistant:
  time_zone: UTC
demo:
  simulate: false
automation: !include automations.yaml
"""


def device_id(hub: Hub, key: str) -> str:
    """The registry id of a demo device (random per configuration directory)."""
    device = hub.registries.devices.find(identifiers={("demo", key)})
    assert device is not None, key
    return str(device.id)


def state(hub: Hub, entity_id: str) -> Any:
    found = hub.states.get(entity_id)
    assert found is not None, entity_id
    return found


async def reload(hub: Hub, config_dir: Path, yaml_text: str) -> list[Any]:
    """Write automations.yaml and reload; the errors of the invalid automations."""
    (config_dir / "automations.yaml").write_text(textwrap.dedent(yaml_text))
    await hub.services.call("automation", "reload", {})
    return list(api.get_engine(hub).errors)


async def demo_hub(make_hub: Any, config_dir: Path) -> Hub:
    (config_dir / "automations.yaml").write_text("[]\n")
    hub: Hub = await make_hub(DEMO)
    return hub


async def set_sensor(hub: Hub, entity_id: str, value: str) -> None:
    await hub.services.call("demo", "set_sensor", {"entity_id": entity_id, "state": value})


def add_device(hub: Hub, key: str, entities: dict[str, dict[str, Any]]) -> str:
    """Register a device with entities (as an integration's entity platform does)."""
    device = hub.registries.devices.get_or_create(
        "test", identifiers=[("test", key)], name=key.replace("_", " ").title()
    )
    for entity_id, attributes in entities.items():
        domain, _, object_id = entity_id.partition(".")
        entry = hub.registries.entities.get_or_create(
            domain, "test", object_id, suggested_object_id=object_id, device_id=device.id
        )
        assert entry.entity_id == entity_id
        hub.states.set(entity_id, attributes.pop("state", "unknown"), attributes)
    return str(device.id)


async def test_trigger_condition_and_actions_on_demo_devices(
    make_hub: Any, config_dir: Path, clock: FakeClock
) -> None:
    hub = await demo_hub(make_hub, config_dir)
    entrance, lighting = device_id(hub, "front_entrance"), device_id(hub, "lighting")
    errors = await reload(
        hub,
        config_dir,
        f"""
        - id: door_light
          alias: Door opened, light on and unlock
          triggers:
            - trigger: device
              device_id: {entrance}
              domain: binary_sensor
              entity_id: demo:demo_front_door     # the entity-registry id
              type: opened
              for: {{seconds: 5}}
          conditions:
            - condition: device
              device_id: {lighting}
              domain: light
              entity_id: light.reception_lights
              type: is_off
          actions:
            - device_id: {lighting}
              domain: light
              entity_id: light.reception_lights
              type: turn_on
              brightness_pct: 40
            - device_id: {entrance}
              domain: lock
              entity_id: demo:demo_front_door_lock
              type: unlock
        """,
    )
    assert errors == []
    assert state(hub, "light.reception_lights").state == "off"
    assert state(hub, "lock.front_door").state == "locked"

    await set_sensor(hub, "binary_sensor.front_door", "on")
    await clock.advance(3)
    await set_sensor(hub, "binary_sensor.front_door", "off")  # closed again within 5 s
    await clock.advance(10)
    assert state(hub, "light.reception_lights").state == "off"

    await set_sensor(hub, "binary_sensor.front_door", "on")
    await clock.advance(4)
    assert state(hub, "light.reception_lights").state == "off"
    await clock.advance(1.5)
    light = state(hub, "light.reception_lights")
    assert light.state == "on" and light.attributes["brightness"] == 102  # 40 %
    assert state(hub, "lock.front_door").state == "unlocking"
    await clock.advance(LOCK_DELAY)
    assert state(hub, "lock.front_door").state == "unlocked"

    traces = api.list_traces(hub, "automation", "door_light")
    assert [t["script_execution"] for t in traces] == ["finished"]
    full = api.get_trace(hub, "automation", "door_light", traces[0]["run_id"])
    assert full is not None
    trigger = full["variables"]["trigger"]
    assert trigger["platform"] == "device" and trigger["device_id"] == entrance
    assert trigger["entity_id"] == "binary_sensor.front_door" and trigger["for"] == 5
    params = full["trace"]["steps"][1]["result"]["params"]
    assert (params["domain"], params["service"]) == ("lock", "unlock")
    assert params["target"] == {"entity_id": ["lock.front_door"]}
    assert full["trace"]["conditions"] == [{"path": "condition/0", "result": True, "error": None}]

    # the condition now fails: the light is on
    await set_sensor(hub, "binary_sensor.front_door", "off")
    await set_sensor(hub, "binary_sensor.front_door", "on")
    await clock.advance(6)
    latest = api.list_traces(hub, "automation", "door_light")
    assert [t["script_execution"] for t in latest] == ["finished", "failed_conditions"]


async def test_device_trigger_is_indexed(make_hub: Any, config_dir: Path, clock: FakeClock) -> None:
    hub = await demo_hub(make_hub, config_dir)
    sensor = device_id(hub, "reception_sensor")
    items = "".join(
        f"""
        - id: motion_{i}
          triggers:
            - trigger: device
              device_id: {sensor}
              domain: binary_sensor
              entity_id: binary_sensor.reception_motion
              type: {"motion" if i == 0 else "no_motion"}
          actions: []
        """
        for i in range(2)
    )
    assert await reload(hub, config_dir, items) == []
    before = api.stats(hub).trigger_evaluations
    await set_sensor(hub, "binary_sensor.kitchen_motion", "on")  # not listened to
    assert api.stats(hub).trigger_evaluations == before
    await set_sensor(hub, "binary_sensor.reception_motion", "on")
    await clock.advance(0)
    assert api.stats(hub).trigger_evaluations - before == 2  # one per automation
    assert [t["item_id"] for t in api.list_traces(hub, "automation")] == ["motion_0"]


async def test_unknown_device_or_entity_is_reported_with_file_and_line(
    make_hub: Any, config_dir: Path, clock: FakeClock
) -> None:
    hub = await demo_hub(make_hub, config_dir)
    entrance, lighting = device_id(hub, "front_entrance"), device_id(hub, "lighting")
    errors = await reload(
        hub,
        config_dir,
        f"""
        - id: gone
          triggers:
            - trigger: device
              device_id: 0123456789abcdef0123456789abcdef
              domain: binary_sensor
              entity_id: binary_sensor.front_door
              type: opened
          actions: []
        - id: wrong_device
          triggers: {{trigger: event, event_type: go}}
          actions:
            - if:
                - condition: device
                  device_id: {lighting}
                  domain: binary_sensor
                  entity_id: binary_sensor.front_door
                  type: is_open
              then: []
        - id: no_entity
          triggers: {{trigger: event, event_type: go}}
          actions:
            - device_id: {entrance}
              domain: lock
              entity_id: demo:no_such_lock
              type: unlock
        - id: bad_type
          triggers:
            - trigger: device
              device_id: {entrance}
              domain: lock
              entity_id: lock.front_door
              type: exploded
          actions: []
        - id: fine
          triggers:
            - trigger: device
              device_id: {entrance}
              domain: lock
              entity_id: lock.front_door
              type: unlocked
          actions: []
        """,
    )
    text = [str(e) for e in errors]
    assert len(errors) == 4, text
    assert all(e.file == "automations.yaml" for e in errors)
    assert errors[0].line == 5  # the device_id line
    assert text[0].endswith(
        "device_id: no such device in the device registry (got '0123456789abcdef0123456789abcdef')"
    )
    assert errors[1].line == 17  # the entity_id line inside if:
    assert "binary_sensor.front_door does not belong to device 'Lighting Controller'" in text[1]
    assert errors[2].line == 25
    assert "no such entity in the entity registry (got 'demo:no_such_lock')" in text[2]
    assert errors[3].line == 33
    assert "type: unknown device trigger type for domain 'lock'" in text[3]
    assert "(got 'exploded')" in text[3]
    assert "jammed, locked" in text[3]  # the choices are listed
    engine = api.get_engine(hub)
    assert [a.item_id for a in engine.automations.values()] == ["fine"]


async def test_sensor_cover_and_alarm_types(
    make_hub: Any, config_dir: Path, clock: FakeClock
) -> None:
    hub = await demo_hub(make_hub, config_dir)
    office, shutter = device_id(hub, "office_sensor"), device_id(hub, "shutter")
    panel = add_device(
        hub,
        "house_panel",
        {
            "alarm_control_panel.house": {
                "state": "disarmed",
                "supported_features": 3,
                "code_arm_required": True,
            }
        },
    )
    calls = record_service(hub, "alarm_control_panel", "alarm_arm_away")
    errors = await reload(
        hub,
        config_dir,
        f"""
        - id: warm_office
          triggers:
            - trigger: device
              device_id: {office}
              domain: sensor
              entity_id: sensor.open_office_temperature
              type: temperature
              above: 26
          conditions:
            - condition: device
              device_id: {panel}
              domain: alarm_control_panel
              entity_id: alarm_control_panel.house
              type: is_disarmed
          actions:
            - device_id: {shutter}
              domain: cover
              entity_id: cover.stockroom_shutter
              type: set_position
              position: 60
        - id: shutter_open
          triggers:
            - trigger: device
              device_id: {shutter}
              domain: cover
              entity_id: cover.stockroom_shutter
              type: position
              above: 50
          actions:
            - device_id: {panel}
              domain: alarm_control_panel
              entity_id: alarm_control_panel.house
              type: arm_away
              code: "4321"
        """,
    )
    assert errors == []
    await set_sensor(hub, "sensor.open_office_temperature", "25.5")
    await clock.advance(30)
    assert state(hub, "cover.stockroom_shutter").state == "closed"
    await set_sensor(hub, "sensor.open_office_temperature", "27")
    await clock.advance(30)  # the shutter travels to 60 %
    shutter_state = state(hub, "cover.stockroom_shutter")
    assert shutter_state.attributes["current_position"] == 60
    assert len(calls) == 1
    assert calls[0].data["code"] == "4321"
    assert calls[0].entity_ids == frozenset({"alarm_control_panel.house"})
    assert calls[0].context.parent_id is not None  # an automation's run context


async def test_for_survives_restart(config_dir: Path, clock: FakeClock) -> None:
    (config_dir / "configuration.yaml").write_text("automation: !include automations.yaml\n")
    (config_dir / "automations.yaml").write_text("[]\n")
    hub = Hub(config_dir, clock=clock)
    await hub.start()
    try:
        garage = add_device(hub, "garage", {"binary_sensor.garage_door": {"state": "off"}})
        await reload(
            hub,
            config_dir,
            f"""
            - id: garage_open
              triggers:
                - trigger: device
                  device_id: {garage}
                  domain: binary_sensor
                  entity_id: test:garage_door
                  type: turned_on
                  for: "00:10:00"
              actions:
                - action: test.record
                  data: {{restored: "{{{{ trigger.restored | default(false) }}}}"}}
            """,
        )
        hub.states.set("binary_sensor.garage_door", "on")
        await clock.advance(300)
    finally:
        await hub.stop()

    hub = Hub(config_dir, clock=clock)
    await hub.start()
    try:
        calls = record_service(hub)
        assert api.get_engine(hub).errors == []  # the registry came back from storage
        hub.states.set("binary_sensor.garage_door", "on")  # the sensor reports again
        await clock.advance(290)
        assert calls == []
        await clock.advance(20)  # ten minutes after the door opened
        assert calls.data() == [{"restored": True}]
    finally:
        await hub.stop()


async def test_an_integration_registers_its_own_trigger_type(
    make_hub: Any, config_dir: Path, clock: FakeClock
) -> None:
    hub = await demo_hub(make_hub, config_dir)
    keypad = device_id(hub, "keypad")
    pressed = state_trigger("code_rejected", None)
    remove = register_trigger_type(
        "event", TriggerType("code_rejected", pressed.attach, schema=pressed.schema)
    )
    try:
        calls = record_service(hub)
        errors = await reload(
            hub,
            config_dir,
            f"""
            - id: keypad
              triggers:
                - trigger: device
                  device_id: {keypad}
                  domain: event
                  entity_id: event.alarm_keypad
                  type: code_rejected
              actions:
                - action: test.record
                  data: {{type: "{{{{ trigger.type }}}}"}}
            """,
        )
        assert errors == []
        hub.states.set("event.alarm_keypad", "2026-01-05T12:00:01+00:00", {"event_type": "x"})
        await clock.advance(0)
        assert calls.data() == [{"type": "code_rejected"}]
    finally:
        remove()
    with pytest.raises(vol.Invalid, match="no device trigger types for this domain"):
        schemas.trigger(
            {
                "trigger": "device",
                "device_id": keypad,
                "domain": "event",
                "entity_id": "event.alarm_keypad",
                "type": "code_rejected",
            }
        )


async def test_registry_id_follows_a_renamed_entity(
    make_hub: Any, config_dir: Path, clock: FakeClock
) -> None:
    hub = await demo_hub(make_hub, config_dir)
    plug = add_device(hub, "plug", {"switch.plug": {"state": "on"}})
    calls = record_service(hub)
    errors = await reload(
        hub,
        config_dir,
        f"""
        - id: plug_on
          triggers: {{trigger: event, event_type: check}}
          conditions:
            - condition: device
              device_id: {plug}
              domain: switch
              entity_id: test:plug
              type: is_on
          actions:
            - action: test.record
            - device_id: {plug}
              domain: switch
              entity_id: test:plug
              type: turn_off
        """,
    )
    assert errors == []
    turned_off = record_service(hub, "switch", "turn_off")
    hub.registries.entities.update("switch.plug", new_entity_id="switch.heater")
    hub.states.set("switch.heater", "on")
    hub.bus.fire("check")
    await clock.advance(0)
    assert len(calls) == 1
    assert turned_off[0].entity_ids == frozenset({"switch.heater"})
    hub.states.set("switch.heater", "off")
    hub.bus.fire("check")
    await clock.advance(0)
    assert len(calls) == 1  # is_on is false now


async def test_scripts_check_their_device_actions(
    make_hub: Any, config_dir: Path, clock: FakeClock
) -> None:
    hub = await demo_hub(make_hub, config_dir)
    lighting = device_id(hub, "lighting")
    (config_dir / "scripts.yaml").write_text(
        textwrap.dedent(
            f"""\
            hall_on:
              sequence:
                - device_id: {lighting}
                  domain: light
                  entity_id: light.kitchen_lights
                  type: turn_on
            broken:
              sequence:
                - device_id: {lighting}
                  domain: light
                  entity_id: light.nowhere
                  type: turn_on
            """
        )
    )
    await hub.services.call("script", "reload", {})
    errors = [str(e) for e in api.get_engine(hub, "script").errors]
    assert errors == [
        "scripts.yaml:11: script.broken -> sequence -> 0 -> entity_id: no such entity in the "
        "entity registry (got 'light.nowhere')"
    ]
    await hub.services.call("script", "hall_on", {})
    assert state(hub, "light.kitchen_lights").state == "on"
