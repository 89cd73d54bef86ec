"""Entity mapping for every platform: attributes from the device, commands back to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hub.runtime import Hub
from integrations.esphome.simulator import SimulatedDevice
from tests.esphome.conftest import SimFactory, device_yaml, hub_yaml, wait_state

ALL: list[dict[str, Any]] = [
    {
        "platform": "light",
        "id": "lamp",
        "name": "Lamp",
        "supported_color_modes": ["rgb"],
        "effects": ["None", "Rainbow"],
    },
    {
        "platform": "lock",
        "id": "front",
        "name": "Front",
        "code": "1234",
        "requires_code": True,
        "supports_open": True,
    },
    {
        "platform": "cover",
        "id": "garage",
        "name": "Garage",
        "device_class": "garage",
        "supports_position": True,
        "supports_stop": True,
    },
    {"platform": "valve", "id": "water", "name": "Water", "supports_position": False},
    {
        "platform": "fan",
        "id": "vent",
        "name": "Vent",
        "supports_speed": True,
        "supported_speed_count": 4,
        "supports_oscillation": True,
    },
    {
        "platform": "climate",
        "id": "thermo",
        "name": "Thermo",
        "supported_modes": ["off", "heat"],
        "visual_min_temperature": 10,
        "visual_max_temperature": 30,
        "visual_target_temperature_step": 0.5,
        "supports_current_temperature": True,
        "supported_presets": ["home", "away"],
    },
    {
        "platform": "button",
        "id": "restart",
        "name": "Restart",
        "device_class": "restart",
        "entity_category": "config",
    },
    {
        "platform": "number",
        "id": "delay",
        "name": "Delay",
        "min_value": 0,
        "max_value": 60,
        "step": 5,
        "unit_of_measurement": "s",
        "state": 10,
    },
    {
        "platform": "select",
        "id": "mode",
        "name": "Mode",
        "options": ["auto", "manual"],
        "state": "auto",
    },
    {"platform": "text", "id": "label", "name": "Label", "max_length": 20, "state": "hi"},
    {
        "platform": "siren",
        "id": "alarm",
        "name": "Alarm",
        "tones": ["beep", "wail"],
        "supports_duration": True,
    },
    {
        "platform": "alarm_control_panel",
        "id": "panel",
        "name": "Panel",
        "code": "4321",
        "supported_features": 3,
        "requires_code": True,
    },
    {
        "platform": "event",
        "id": "bell",
        "name": "Bell",
        "device_class": "doorbell",
        "event_types": ["single", "double"],
    },
    {
        "platform": "update",
        "id": "firmware",
        "name": "Firmware",
        "device_class": "firmware",
        "entity_category": "diagnostic",
        "state": {"current_version": "1.0", "latest_version": "1.1", "title": "Fw"},
    },
    {"platform": "sensor", "id": "hidden", "name": "Hidden", "disabled_by_default": True},
]


async def call(hub: Hub, domain: str, service: str, entity_id: str, **data: Any) -> None:
    await hub.services.call(domain, service, {"entity_id": entity_id, **data})


async def started(make_hub, make_sim: SimFactory) -> tuple[Hub, SimulatedDevice]:
    sim = await make_sim(ALL)
    hub = await make_hub(hub_yaml(device_yaml(sim, allow_plaintext=True)))
    await wait_state(hub, "update.test_device_firmware", lambda s: s.state == "on")
    return hub, sim


async def test_light_lock_cover_valve(make_hub, make_sim: SimFactory, config_dir: Path) -> None:
    hub, sim = await started(make_hub, make_sim)
    lamp = hub.states.get("light.test_device_lamp")
    assert lamp.state == "off"
    assert lamp.attributes["supported_color_modes"] == ["rgb"]
    assert lamp.attributes["effect_list"] == ["Rainbow"]
    await call(
        hub, "light", "turn_on", "light.test_device_lamp", rgb_color=[255, 0, 0], brightness=128
    )
    lamp = await wait_state(hub, "light.test_device_lamp", lambda s: s.state == "on")
    assert lamp.attributes["rgb_color"] == (255, 0, 0)
    assert sim.commands[-1][1].brightness == pytest.approx(128 / 255)

    assert hub.states.get("lock.test_device_front").state == "locked"
    await call(hub, "lock", "unlock", "lock.test_device_front", code="1234")
    await wait_state(hub, "lock.test_device_front", lambda s: s.state == "unlocked")
    await call(hub, "lock", "open", "lock.test_device_front", code="1234")
    await wait_state(hub, "lock.test_device_front", lambda s: s.state == "open")

    garage = hub.states.get("cover.test_device_garage")
    assert garage.state == "closed" and garage.attributes["device_class"] == "garage"
    await call(hub, "cover", "set_cover_position", "cover.test_device_garage", position=40)
    garage = await wait_state(hub, "cover.test_device_garage", lambda s: s.state == "open")
    assert garage.attributes["current_position"] == 40

    await call(hub, "valve", "open_valve", "valve.test_device_water")
    await wait_state(hub, "valve.test_device_water", lambda s: s.state == "open")


async def test_fan_climate_number_select_text(
    make_hub, make_sim: SimFactory, config_dir: Path
) -> None:
    hub, sim = await started(make_hub, make_sim)
    await call(hub, "fan", "turn_on", "fan.test_device_vent", percentage=50)
    vent = await wait_state(hub, "fan.test_device_vent", lambda s: s.state == "on")
    assert vent.attributes["percentage"] == 50
    assert sim.commands[-1][1].speed_level == 2

    thermo = hub.states.get("climate.test_device_thermo")
    assert thermo.state == "off"
    assert thermo.attributes["hvac_modes"] == ["off", "heat"]
    assert thermo.attributes["preset_modes"] == ["home", "away"]
    assert (thermo.attributes["min_temp"], thermo.attributes["max_temp"]) == (10, 30)
    await call(hub, "climate", "set_hvac_mode", "climate.test_device_thermo", hvac_mode="heat")
    await wait_state(hub, "climate.test_device_thermo", lambda s: s.state == "heat")
    await call(hub, "climate", "set_temperature", "climate.test_device_thermo", temperature=22.5)
    await wait_state(
        hub, "climate.test_device_thermo", lambda s: s.attributes["temperature"] == 22.5
    )
    await call(hub, "climate", "set_preset_mode", "climate.test_device_thermo", preset_mode="away")
    await wait_state(
        hub, "climate.test_device_thermo", lambda s: s.attributes["preset_mode"] == "away"
    )

    delay = hub.states.get("number.test_device_delay")
    assert delay.state == "10" and delay.attributes["step"] == 5
    await call(hub, "number", "set_value", "number.test_device_delay", value=25)
    await wait_state(hub, "number.test_device_delay", lambda s: s.state == "25")

    await call(hub, "select", "select_option", "select.test_device_mode", option="manual")
    await wait_state(hub, "select.test_device_mode", lambda s: s.state == "manual")
    await call(hub, "text", "set_value", "text.test_device_label", value="porch")
    await wait_state(hub, "text.test_device_label", lambda s: s.state == "porch")


async def test_button_siren_alarm_event_update(
    make_hub, make_sim: SimFactory, config_dir: Path
) -> None:
    hub, sim = await started(make_hub, make_sim)
    entry = hub.registries.entities.get("button.test_device_restart")
    assert entry.entity_category == "config"
    await call(hub, "button", "press", "button.test_device_restart")
    await sim.wait_for(lambda: sim.entities["restart"].presses == 1)

    await call(hub, "siren", "turn_on", "siren.test_device_alarm", tone="wail", duration=5)
    await wait_state(hub, "siren.test_device_alarm", lambda s: s.state == "on")
    assert (sim.commands[-1][1].tone, sim.commands[-1][1].duration) == ("wail", 5)

    panel = hub.states.get("alarm_control_panel.test_device_panel")
    assert panel.state == "disarmed" and panel.attributes["code_format"] == "number"
    await call(
        hub,
        "alarm_control_panel",
        "alarm_arm_away",
        "alarm_control_panel.test_device_panel",
        code="4321",
    )
    await wait_state(
        hub, "alarm_control_panel.test_device_panel", lambda s: s.state == "armed_away"
    )

    sim.fire_event("bell", "double")
    bell = await wait_state(hub, "event.test_device_bell", lambda s: s.state != "unknown")
    assert bell.attributes["event_type"] == "double"
    assert bell.attributes["event_types"] == ["single", "double"]

    firmware = hub.states.get("update.test_device_firmware")
    assert firmware.attributes["installed_version"] == "1.0"
    assert firmware.attributes["latest_version"] == "1.1"
    await call(hub, "update", "install", "update.test_device_firmware")
    await wait_state(hub, "update.test_device_firmware", lambda s: s.state == "off")

    assert hub.states.get("sensor.test_device_hidden") is None
    assert hub.registries.entities.get("sensor.test_device_hidden").disabled
