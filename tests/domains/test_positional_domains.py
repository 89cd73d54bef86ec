"""lock, cover, valve and climate through their services."""

from __future__ import annotations

from typing import Any

import pytest

from hub.domains.climate import ClimateEntity, ClimateEntityFeature, HVACMode
from hub.domains.cover import CoverEntity, CoverEntityFeature
from hub.domains.lock import LockEntity, LockEntityFeature, LockState
from hub.domains.valve import ValveEntity, ValveEntityFeature
from hub.errors import ValidationError

from .conftest import Core


class Lock(LockEntity):
    _lock_state = LockState.LOCKED

    def __init__(self, name: str, code_format: str | None = None, can_open: bool = False) -> None:
        super().__init__(name)
        self.code_format = code_format
        self._features = LockEntityFeature.OPEN if can_open else LockEntityFeature(0)

    async def lock(self, *, code: str | None = None) -> None:
        self._lock_state = LockState.LOCKED

    async def unlock(self, *, code: str | None = None) -> None:
        self._lock_state = LockState.UNLOCKED

    async def open(self, *, code: str | None = None) -> None:
        self._lock_state = LockState.OPEN


async def test_lock_without_code(core: Core) -> None:
    eid = await core.add(Lock("Front door"))
    assert core.states.get(eid).state == "locked"
    await core.call("lock", "unlock", entity_id=eid)
    assert core.states.get(eid).state == "unlocked"
    await core.call("lock", "lock", entity_id=eid)
    assert core.states.get(eid).state == "locked"
    with pytest.raises(ValidationError, match=r"does not support lock.open"):
        await core.call("lock", "open", entity_id=eid)


async def test_lock_code_format(core: Core) -> None:
    eid = await core.add(Lock("Server room", code_format=r"^\d{4}$", can_open=True))
    assert core.states.get(eid).attributes["code_format"] == r"^\d{4}$"
    assert core.states.get(eid).attributes["supported_features"] == 1
    with pytest.raises(ValidationError, match="needs a code"):
        await core.call("lock", "unlock", entity_id=eid)
    with pytest.raises(ValidationError, match="does not match") as err:
        await core.call("lock", "unlock", entity_id=eid, code="12a4")
    assert "12a4" not in str(err.value)
    await core.call("lock", "open", entity_id=eid, code=1234)
    assert core.states.get(eid).state == "open"


class Blind(CoverEntity):
    _features = (
        CoverEntityFeature.OPEN
        | CoverEntityFeature.CLOSE
        | CoverEntityFeature.SET_POSITION
        | CoverEntityFeature.STOP
    )
    _position = 0

    async def open_cover(self) -> None:
        self._opening = True

    async def close_cover(self) -> None:
        self._closing = True

    async def stop_cover(self) -> None:
        self._opening = self._closing = False
        self._position = 40

    async def set_cover_position(self, position: int) -> None:
        self._position = position


async def test_cover_states_and_services(core: Core) -> None:
    eid = await core.add(Blind("Window blind"))
    state = core.states.get(eid)
    assert (state.state, state.attributes["current_position"]) == ("closed", 0)
    await core.call("cover", "toggle", entity_id=eid)
    assert core.states.get(eid).state == "opening"
    await core.call("cover", "toggle", entity_id=eid)  # moving: toggle stops
    state = core.states.get(eid)
    assert (state.state, state.attributes["current_position"]) == ("open", 40)
    await core.call("cover", "set_cover_position", entity_id=eid, position=0)
    assert core.states.get(eid).state == "closed"
    with pytest.raises(ValidationError):
        await core.call("cover", "set_cover_position", entity_id=eid, position=101)
    with pytest.raises(ValidationError):
        await core.call("cover", "set_cover_position", entity_id=eid)


class Valve(ValveEntity):
    _closed = False

    async def open_valve(self) -> None:
        self._closed = False

    async def close_valve(self) -> None:
        self._closed = True


async def test_valve_without_position(core: Core) -> None:
    eid = await core.add(Valve("Water main"))
    assert core.states.get(eid).state == "open"
    await core.call("valve", "close_valve", entity_id=eid)
    assert core.states.get(eid).state == "closed"
    await core.call("valve", "toggle", entity_id=eid)
    assert core.states.get(eid).state == "open"
    assert "current_position" not in core.states.get(eid).attributes
    with pytest.raises(ValidationError, match="set_valve_position"):
        await core.call("valve", "set_valve_position", entity_id=eid, position=50)
    assert ValveEntityFeature.SET_POSITION == 4


class Thermostat(ClimateEntity):
    hvac_modes = [HVACMode.OFF, HVACMode.HEAT, HVACMode.COOL]
    fan_modes = ["auto", "low", "high"]
    min_temp, max_temp = 10.0, 30.0
    _features = (
        ClimateEntityFeature.TARGET_TEMPERATURE
        | ClimateEntityFeature.FAN_MODE
        | ClimateEntityFeature.TURN_ON
        | ClimateEntityFeature.TURN_OFF
    )
    _hvac_mode = HVACMode.OFF
    _current_temperature = 19.5
    _target_temperature = 20.0
    _fan_mode = "auto"

    async def set_hvac_mode(self, hvac_mode: HVACMode) -> None:
        self._hvac_mode = hvac_mode

    async def set_temperature(self, **kwargs: Any) -> None:
        self._target_temperature = kwargs["temperature"]

    async def set_fan_mode(self, fan_mode: str) -> None:
        self._fan_mode = fan_mode


async def test_climate_services(core: Core) -> None:
    eid = await core.add(Thermostat("Office HVAC"))
    state = core.states.get(eid)
    assert state.state == "off"
    assert state.attributes["hvac_modes"] == ["off", "heat", "cool"]
    assert state.attributes["fan_modes"] == ["auto", "low", "high"]
    assert (state.attributes["min_temp"], state.attributes["max_temp"]) == (10.0, 30.0)
    assert state.attributes["current_temperature"] == 19.5
    await core.call("climate", "set_temperature", entity_id=eid, temperature=22, hvac_mode="heat")
    state = core.states.get(eid)
    assert (state.state, state.attributes["temperature"]) == ("heat", 22.0)
    await core.call("climate", "turn_off", entity_id=eid)
    assert core.states.get(eid).state == "off"
    await core.call("climate", "turn_on", entity_id=eid)
    assert core.states.get(eid).state == "heat"
    await core.call("climate", "set_fan_mode", entity_id=eid, fan_mode="high")
    assert core.states.get(eid).attributes["fan_mode"] == "high"


async def test_climate_invalid_data(core: Core) -> None:
    eid = await core.add(Thermostat("HVAC"))
    with pytest.raises(ValidationError, match=r"outside 10.0-30.0"):
        await core.call("climate", "set_temperature", entity_id=eid, temperature=35)
    with pytest.raises(ValidationError, match="HVAC mode 'dry'"):
        await core.call("climate", "set_hvac_mode", entity_id=eid, hvac_mode="dry")
    with pytest.raises(ValidationError):
        await core.call("climate", "set_hvac_mode", entity_id=eid, hvac_mode="warm")
    with pytest.raises(ValidationError, match="Fan mode"):
        await core.call("climate", "set_fan_mode", entity_id=eid, fan_mode="turbo")
    with pytest.raises(ValidationError, match="set_preset_mode"):
        await core.call("climate", "set_preset_mode", entity_id=eid, preset_mode="eco")
    with pytest.raises(ValidationError, match=r"set_temperature"):
        await core.call(
            "climate", "set_temperature", entity_id=eid, target_temp_low=18, target_temp_high=22
        )
