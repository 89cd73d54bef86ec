"""The demo integration on a real hub: layout, actuators, services, simulation, restore."""

from __future__ import annotations

import struct
from typing import Any

import pytest

from hub.clock import FakeClock
from hub.errors import ValidationError
from hub.events import Event
from hub.runtime import Hub
from integrations.demo.actuators import LOCK_DELAY, TRAVEL_TIME

CONFIG = """
homeassistant:
  name: Demo
  time_zone: Europe/London
demo:
  seed: 11
"""
STATIC = """
homeassistant:
  time_zone: Europe/London
demo:
  simulate: false
"""


def state(hub: Hub, entity_id: str) -> Any:
    found = hub.states.get(entity_id)
    assert found is not None, f"{entity_id} missing"
    return found


async def test_areas_devices_and_entities(make_hub: Any) -> None:
    hub = await make_hub(STATIC)
    assert hub.loader.report.failed.get("demo") is None
    areas = {a.name: a for a in hub.registries.areas}
    assert set(areas) >= {
        "Reception",
        "Open Office",
        "Server Room",
        "Kitchen",
        "Stockroom",
        "Exterior",
    }
    floor = hub.registries.floors.get(areas["Server Room"].floor_id)
    assert floor.name == "Basement" and floor.level == -1
    device = hub.registries.devices.find(identifiers={("demo", "front_entrance")})
    assert device.manufacturer == "Bastion Demo Devices"
    assert (device.model, device.sw_version) == ("AC-410 Access Controller", "3.2.1")
    assert device.area_id == areas["Reception"].id
    expected_classes = {
        "binary_sensor.front_door": "door",
        "binary_sensor.back_door": "door",
        "binary_sensor.open_office_window": "window",
        "binary_sensor.reception_motion": "motion",
        "binary_sensor.open_office_motion": "motion",
        "binary_sensor.kitchen_motion": "motion",
        "binary_sensor.reception_glass_break": "sound",
        "binary_sensor.kitchen_smoke": "smoke",
        "binary_sensor.kitchen_carbon_monoxide": "carbon_monoxide",
        "binary_sensor.kitchen_gas": "gas",
        "binary_sensor.stockroom_water_leak": "moisture",
        "binary_sensor.alarm_keypad_tamper": "tamper",
        "sensor.open_office_temperature": "temperature",
        "sensor.open_office_humidity": "humidity",
        "sensor.office_power": "power",
        "sensor.office_energy": "energy",
        "valve.water_main": "water",
        "valve.gas_supply": "gas",
        "update.access_controller_firmware": "firmware",
    }
    for entity_id, device_class in expected_classes.items():
        assert state(hub, entity_id).attributes["device_class"] == device_class, entity_id
    assert state(hub, "sensor.office_energy").attributes["state_class"] == "total_increasing"
    assert state(hub, "sensor.office_power").attributes["unit_of_measurement"] == "W"
    for entity_id in (
        "lock.front_door",
        "lock.back_door",
        "lock.server_room_door",
        "light.reception_lights",
        "light.exterior_accent_lights",
        "switch.exit_sign_lighting",
        "siren.exterior_siren",
        "climate.office_hvac",
        "camera.entrance_camera",
        "event.front_entrance_reader",
        "event.alarm_keypad",
    ):
        state(hub, entity_id)
    assert "rgb" in state(hub, "light.exterior_accent_lights").attributes["supported_color_modes"]
    entry = hub.registries.entities.get("lock.server_room_door")
    server_room_device = hub.registries.devices.get(entry.device_id)
    assert server_room_device.area_id == areas["Server Room"].id


async def test_lock_moves_through_locking(make_hub: Any, clock: FakeClock) -> None:
    hub = await make_hub(STATIC)
    seen: list[str] = []
    hub.bus.listen_entities(
        "state_changed", ["lock.front_door"], lambda e: seen.append(e.data["new_state"].state)
    )
    await hub.services.call("lock", "unlock", {"entity_id": "lock.front_door"})
    assert state(hub, "lock.front_door").state == "unlocking"
    await clock.advance(LOCK_DELAY / 2)
    assert state(hub, "lock.front_door").state == "unlocking"
    await clock.advance(LOCK_DELAY / 2)
    assert state(hub, "lock.front_door").state == "unlocked"
    await hub.services.call("lock", "lock", {"entity_id": "lock.front_door"})
    await clock.advance(LOCK_DELAY)
    assert seen == ["unlocking", "unlocked", "locking", "locked"]


async def test_other_actuators(make_hub: Any, clock: FakeClock) -> None:
    hub = await make_hub(STATIC)
    call = hub.services.call
    await call("light", "turn_on", {"entity_id": "light.reception_lights", "brightness_pct": 40})
    attrs = state(hub, "light.reception_lights").attributes
    assert (attrs["brightness"], attrs["color_mode"]) == (102, "brightness")
    await call(
        "light", "turn_on", {"entity_id": "light.exterior_accent_lights", "hs_color": [240, 100]}
    )
    assert state(hub, "light.exterior_accent_lights").attributes["rgb_color"] == (0, 0, 255)
    await call("valve", "close_valve", {"entity_id": "valve.water_main"})
    assert state(hub, "valve.water_main").state == "closing"
    await clock.advance(TRAVEL_TIME)
    valve = state(hub, "valve.water_main")
    assert (valve.state, valve.attributes["current_position"]) == ("closed", 0)
    await call("valve", "close_valve", {"entity_id": "valve.gas_supply"})
    await clock.advance(TRAVEL_TIME)
    assert state(hub, "valve.gas_supply").state == "closed"
    await call(
        "cover", "set_cover_position", {"entity_id": "cover.stockroom_shutter", "position": 50}
    )
    assert state(hub, "cover.stockroom_shutter").state == "opening"
    await clock.advance(TRAVEL_TIME / 2)
    shutter = state(hub, "cover.stockroom_shutter")
    assert (shutter.state, shutter.attributes["current_position"]) == ("open", 50)
    await call("cover", "toggle", {"entity_id": "cover.stockroom_shutter"})
    assert state(hub, "cover.stockroom_shutter").state == "closing"
    await call("cover", "stop_cover", {"entity_id": "cover.stockroom_shutter"})
    assert state(hub, "cover.stockroom_shutter").state == "open"
    await call("siren", "turn_on", {"entity_id": "siren.exterior_siren", "duration": 30})
    assert state(hub, "siren.exterior_siren").state == "on"
    await clock.advance(30)
    assert state(hub, "siren.exterior_siren").state == "off"
    await call(
        "climate", "set_temperature", {"entity_id": "climate.office_hvac", "temperature": 23}
    )
    assert state(hub, "climate.office_hvac").attributes["temperature"] == 23.0
    with pytest.raises(ValidationError):
        await call(
            "climate", "set_hvac_mode", {"entity_id": "climate.office_hvac", "hvac_mode": "dry"}
        )
    await call("update", "install", {"entity_id": "update.access_controller_firmware"})
    assert state(hub, "update.access_controller_firmware").attributes["in_progress"] is True
    await clock.advance(60)
    update = state(hub, "update.access_controller_firmware")
    assert (update.state, update.attributes["installed_version"]) == ("off", "3.3.0")


async def test_camera_image_is_a_png(make_hub: Any) -> None:
    hub = await make_hub(STATIC)
    camera = hub.entities.get("camera.entrance_camera")
    image = await camera.image()
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", image[16:24])
    assert (width, height) == (64, 48)
    token = state(hub, "camera.entrance_camera").attributes["access_token"]
    assert camera.token_valid(token)


async def test_simulation_moves_sensors(make_hub: Any, clock: FakeClock) -> None:
    hub = await make_hub(CONFIG)
    before = {s.entity_id: s.state for s in hub.states.all("sensor")}
    await clock.advance(30 * 60)
    after = {s.entity_id: s.state for s in hub.states.all("sensor")}
    changed = {eid for eid in before if before[eid] != after[eid]}
    assert {"sensor.office_power", "sensor.office_energy"} <= changed
    assert len(changed) >= 6
    assert float(after["sensor.office_energy"]) > float(before["sensor.office_energy"])
    # noon on a Monday: the open office is busy, so its motion sensor fires at some point
    history: list[str] = []
    hub.bus.listen_entities(
        "state_changed",
        ["binary_sensor.open_office_motion"],
        lambda e: history.append(e.data["new_state"].state),
    )
    await clock.advance(30 * 60)
    assert "on" in history


async def test_morning_arrival_badges_in(make_hub: Any, clock: FakeClock) -> None:
    from datetime import UTC, datetime

    await clock.set(datetime(2026, 1, 6, 7, 0, tzinfo=UTC))  # Tuesday 07:00 London
    hub = await make_hub(CONFIG)
    tags: list[Event] = []
    hub.bus.listen("tag_scanned", tags.append)
    door: list[str] = []
    hub.bus.listen_entities(
        "state_changed",
        ["binary_sensor.front_door"],
        lambda e: door.append(e.data["new_state"].state),
    )
    assert state(hub, "lock.front_door").state == "locked"
    await clock.advance(2.5 * 3600)
    assert state(hub, "lock.front_door").state == "unlocked"
    assert "on" in door
    reader = state(hub, "event.front_entrance_reader")
    assert reader.attributes["event_type"] == "tag_scanned"
    assert reader.attributes["tag_id"].startswith("demo-badge-")
    assert tags and tags[0].data["tag_id"].startswith("demo-badge-")
    device = hub.registries.devices.find(identifiers={("demo", "front_entrance")})
    assert tags[0].data["device_id"] == device.id
    assert state(hub, "event.alarm_keypad").attributes["event_type"] == "code_accepted"


async def test_simulation_can_be_disabled(make_hub: Any, clock: FakeClock) -> None:
    hub = await make_hub(STATIC)
    before = {s.entity_id: s.state for s in hub.states.all()}
    await clock.advance(3 * 3600)
    after = {s.entity_id: s.state for s in hub.states.all()}
    assert before == after


async def test_set_sensor(make_hub: Any, clock: FakeClock) -> None:
    hub = await make_hub(CONFIG)
    call = hub.services.call
    await call("demo", "set_sensor", {"entity_id": "binary_sensor.kitchen_smoke", "state": "on"})
    assert state(hub, "binary_sensor.kitchen_smoke").state == "on"
    await call("demo", "set_sensor", {"entity_id": "sensor.server_room_temperature", "state": 41})
    assert state(hub, "sensor.server_room_temperature").state == "41.0"
    await clock.advance(5 * 60)  # forced values hold against the simulation for a while
    assert state(hub, "sensor.server_room_temperature").state == "41.0"
    await call(
        "demo", "set_sensor", {"entity_id": "binary_sensor.front_door", "state": "unavailable"}
    )
    assert state(hub, "binary_sensor.front_door").state == "unavailable"
    await call("demo", "set_sensor", {"entity_id": "binary_sensor.front_door", "state": "off"})
    assert state(hub, "binary_sensor.front_door").state == "off"
    with pytest.raises(ValidationError, match="not a simulated demo sensor"):
        await call("demo", "set_sensor", {"entity_id": "lock.front_door", "state": "on"})
    with pytest.raises(ValidationError, match="on or off"):
        await call("demo", "set_sensor", {"entity_id": "binary_sensor.kitchen_gas", "state": "x"})
    with pytest.raises(ValidationError, match="a number"):
        await call("demo", "set_sensor", {"entity_id": "sensor.office_power", "state": "lots"})


async def test_scan_tag(make_hub: Any, clock: FakeClock) -> None:
    hub = await make_hub(STATIC)
    events: list[Event] = []
    hub.bus.listen("tag_scanned", events.append)
    await clock.advance(10)
    await hub.services.call("demo", "scan_tag", {"tag_id": "ABC123", "reader": "server_room"})
    await clock.advance(0)
    assert len(events) == 1
    device = hub.registries.devices.find(identifiers={("demo", "server_room_door")})
    assert dict(events[0].data) == {"tag_id": "ABC123", "device_id": device.id}
    reader = state(hub, "event.server_room_reader")
    assert reader.state == clock.now().isoformat()
    assert (reader.attributes["event_type"], reader.attributes["tag_id"]) == (
        "tag_scanned",
        "ABC123",
    )
    await hub.services.call(
        "demo", "scan_tag", {"tag_id": "X", "reader": "event.front_entrance_reader"}
    )
    with pytest.raises(ValidationError, match="Unknown reader"):
        await hub.services.call("demo", "scan_tag", {"tag_id": "X", "reader": "roof"})


async def test_lock_state_restored_after_restart(make_hub: Any, clock: FakeClock) -> None:
    hub = await make_hub(STATIC)
    await hub.services.call("lock", "unlock", {"entity_id": "lock.back_door"})
    await clock.advance(LOCK_DELAY)
    await hub.services.call(
        "light", "turn_on", {"entity_id": "light.kitchen_lights", "brightness": 77}
    )
    await hub.services.call(
        "climate", "set_temperature", {"entity_id": "climate.office_hvac", "temperature": 19.5}
    )
    await hub.services.call("demo", "scan_tag", {"tag_id": "T1", "reader": "back"})
    await hub.services.call(
        "demo", "set_sensor", {"entity_id": "sensor.office_energy", "state": "20000.5"}
    )
    scanned = state(hub, "event.back_entrance_reader").state
    await hub.stop()
    again = await make_hub()
    reader = state(again, "event.back_entrance_reader")
    assert (reader.state, reader.attributes["tag_id"]) == (scanned, "T1")
    assert state(again, "sensor.office_energy").state == "20000.50"
    assert state(again, "lock.back_door").state == "unlocked"
    assert state(again, "lock.front_door").state == "locked"
    light = state(again, "light.kitchen_lights")
    assert (light.state, light.attributes["brightness"]) == ("on", 77)
    assert state(again, "climate.office_hvac").attributes["temperature"] == 19.5
