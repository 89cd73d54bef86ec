"""number, select, text, button, sensor and binary_sensor."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hub.domains.binary_sensor import BinarySensorDeviceClass, BinarySensorEntity
from hub.domains.button import ButtonEntity
from hub.domains.number import NumberEntity
from hub.domains.select import SelectEntity
from hub.domains.sensor import SensorDeviceClass, SensorEntity, SensorStateClass
from hub.domains.text import TextEntity
from hub.errors import ValidationError

from .conftest import Core


class Setpoint(NumberEntity):
    min_value, max_value, step = 5.0, 30.0, 0.5
    _native_value = 20.0

    async def set_value(self, value: float) -> None:
        self._native_value = value


async def test_number_range_and_step(core: Core) -> None:
    eid = await core.add(Setpoint("Setpoint"))
    state = core.states.get(eid)
    assert state.state == "20.0"
    assert dict(state.attributes) == {
        "min": 5.0,
        "max": 30.0,
        "step": 0.5,
        "mode": "auto",
        "friendly_name": "Setpoint",
    }
    await core.call("number", "set_value", entity_id=eid, value="21.5")
    assert core.states.get(eid).state == "21.5"
    with pytest.raises(ValidationError, match=r"outside 5.0-30.0"):
        await core.call("number", "set_value", entity_id=eid, value=31)
    with pytest.raises(ValidationError, match=r"multiple of the step 0.5"):
        await core.call("number", "set_value", entity_id=eid, value=21.2)
    with pytest.raises(ValidationError):
        await core.call("number", "set_value", entity_id=eid, value="warm")


class Mode(SelectEntity):
    options = ["day", "evening", "night"]
    _current_option = "day"

    async def select_option(self, option: str) -> None:
        self._current_option = option


async def test_select_options(core: Core) -> None:
    eid = await core.add(Mode("Office mode"))
    assert core.states.get(eid).attributes["options"] == ["day", "evening", "night"]
    await core.call("select", "select_option", entity_id=eid, option="night")
    assert core.states.get(eid).state == "night"
    await core.call("select", "select_next", entity_id=eid)
    assert core.states.get(eid).state == "day"
    await core.call("select", "select_previous", entity_id=eid, cycle=False)
    assert core.states.get(eid).state == "day"
    await core.call("select", "select_last", entity_id=eid)
    assert core.states.get(eid).state == "night"
    await core.call("select", "select_first", entity_id=eid)
    assert core.states.get(eid).state == "day"
    with pytest.raises(ValidationError, match="choose one of day, evening, night"):
        await core.call("select", "select_option", entity_id=eid, option="dawn")


class Message(TextEntity):
    min_length, max_length, pattern = 2, 8, r"[A-Z0-9]+"

    async def set_value(self, value: str) -> None:
        self._native_value = value


async def test_text_length_and_pattern(core: Core) -> None:
    eid = await core.add(Message("Badge"))
    assert core.states.get(eid).state == "unknown"
    assert core.states.get(eid).attributes["pattern"] == "[A-Z0-9]+"
    await core.call("text", "set_value", entity_id=eid, value="AB12")
    assert core.states.get(eid).state == "AB12"
    with pytest.raises(ValidationError, match="2-8 characters"):
        await core.call("text", "set_value", entity_id=eid, value="ABCDEFGHIJ")
    with pytest.raises(ValidationError, match="pattern"):
        await core.call("text", "set_value", entity_id=eid, value="ab")


class Bell(ButtonEntity):
    presses = 0

    async def press(self) -> None:
        self.presses += 1


async def test_button_state_is_press_time(core: Core) -> None:
    bell = Bell("Identify")
    eid = await core.add(bell)
    assert core.states.get(eid).state == "unknown"
    await core.clock.advance(30)
    await core.call("button", "press", entity_id=eid)
    assert bell.presses == 1
    expected = datetime(2026, 1, 5, 12, 0, 30, tzinfo=UTC).isoformat()
    assert core.states.get(eid).state == expected


class Temperature(SensorEntity):
    state_class = SensorStateClass.MEASUREMENT
    suggested_display_precision = 1
    _native_value = 21.3487


class Door(BinarySensorEntity):
    _is_on = False


async def test_sensor_and_binary_sensor_shapes(core: Core) -> None:
    temp = Temperature(
        "Office temperature",
        device_class=SensorDeviceClass.TEMPERATURE,
        unit_of_measurement="°C",
    )
    eid = await core.add(temp)
    state = core.states.get(eid)
    assert state.state == "21.3"
    assert state.attributes["state_class"] == "measurement"
    assert state.attributes["unit_of_measurement"] == "°C"
    assert state.attributes["device_class"] == "temperature"
    temp.set_available(False)
    state = core.states.get(eid)
    assert state.state == "unavailable"
    assert state.attributes["state_class"] == "measurement"  # capabilities stay

    door = Door("Front door", device_class=BinarySensorDeviceClass.DOOR)
    did = await core.add(door)
    assert core.states.get(did).state == "off"
    door._is_on = None
    door.write_state()
    assert core.states.get(did).state == "unknown"
