"""water_heater: hot water tanks and boilers (state = operation mode)."""

from __future__ import annotations

from enum import IntFlag, StrEnum
from typing import Any

import voluptuous as vol

from ..config import validation as cv
from ..entity import Entity
from ..entity_host import EntityService
from ..errors import ValidationError
from .shared import require_feature

DEFAULT_MIN_TEMP = 43.3  # 110 °F
DEFAULT_MAX_TEMP = 60.0  # 140 °F


class WaterHeaterState(StrEnum):
    """The operation modes, which are also the states."""

    OFF = "off"
    ECO = "eco"
    ELECTRIC = "electric"
    PERFORMANCE = "performance"
    HIGH_DEMAND = "high_demand"
    HEAT_PUMP = "heat_pump"
    GAS = "gas"


class WaterHeaterEntityFeature(IntFlag):
    TARGET_TEMPERATURE = 1
    OPERATION_MODE = 2
    AWAY_MODE = 4
    ON_OFF = 8


_mode = vol.All(cv.string, vol.Length(min=1, max=64))


def _check_operation(entity: WaterHeaterEntity, mode: str) -> None:
    require_feature(entity, WaterHeaterEntityFeature.OPERATION_MODE, "set_operation_mode")
    allowed = entity.operation_list or []
    if mode not in allowed:
        raise ValidationError(
            f"Operation mode '{mode}' is not one of {', '.join(allowed)} for {entity.entity_id}"
        )


async def _set_temperature(
    entity: WaterHeaterEntity, temperature: float, operation_mode: str | None = None
) -> None:
    require_feature(entity, WaterHeaterEntityFeature.TARGET_TEMPERATURE, "set_temperature")
    if not entity.min_temp <= temperature <= entity.max_temp:
        raise ValidationError(
            f"Temperature {temperature} is outside {entity.min_temp}-{entity.max_temp} "
            f"for {entity.entity_id}"
        )
    if operation_mode is not None:
        _check_operation(entity, operation_mode)
        await entity.set_operation_mode(operation_mode)
    await entity.set_temperature(temperature)


async def _set_operation_mode(entity: WaterHeaterEntity, operation_mode: str) -> None:
    _check_operation(entity, operation_mode)
    await entity.set_operation_mode(operation_mode)


async def _set_away_mode(entity: WaterHeaterEntity, away_mode: bool) -> None:
    require_feature(entity, WaterHeaterEntityFeature.AWAY_MODE, "set_away_mode")
    await entity.set_away_mode(away_mode)


async def _turn_on(entity: WaterHeaterEntity) -> None:
    require_feature(entity, WaterHeaterEntityFeature.ON_OFF, "turn_on")
    await entity.turn_on()


async def _turn_off(entity: WaterHeaterEntity) -> None:
    require_feature(entity, WaterHeaterEntityFeature.ON_OFF, "turn_off")
    await entity.turn_off()


class WaterHeaterEntity(Entity):
    """State is `current_operation`. Subclasses implement the setters their
    supported_features declare; the base checks features, modes and the temperature range
    (`min_temp`-`max_temp`, in `temperature_unit`) first."""

    domain = "water_heater"
    SERVICES = (
        EntityService(
            "set_temperature",
            _set_temperature,
            {vol.Required("temperature"): vol.Coerce(float), vol.Optional("operation_mode"): _mode},
        ),
        EntityService(
            "set_operation_mode", _set_operation_mode, {vol.Required("operation_mode"): _mode}
        ),
        EntityService("set_away_mode", _set_away_mode, {vol.Required("away_mode"): cv.boolean}),
        EntityService("turn_on", _turn_on),
        EntityService("turn_off", _turn_off),
    )
    temperature_unit: str = "°C"
    min_temp: float = DEFAULT_MIN_TEMP
    max_temp: float = DEFAULT_MAX_TEMP
    target_temperature_step: float | None = None
    operation_list: list[str] | None = None
    _features: WaterHeaterEntityFeature = WaterHeaterEntityFeature(0)
    _current_operation: str | None = None
    _current_temperature: float | None = None
    _target_temperature: float | None = None
    _target_temp_low: float | None = None
    _target_temp_high: float | None = None
    _away_mode: bool | None = None

    @property
    def current_operation(self) -> str | None:
        return self._current_operation

    @property
    def state(self) -> str | None:
        return self.current_operation

    @property
    def supported_features(self) -> int:
        return int(self._features)

    @property
    def capability_attributes(self) -> dict[str, Any]:
        attrs: dict[str, Any] = {"min_temp": self.min_temp, "max_temp": self.max_temp}
        if self.target_temperature_step is not None:
            attrs["target_temp_step"] = self.target_temperature_step
        if self._features & WaterHeaterEntityFeature.OPERATION_MODE:
            attrs["operation_list"] = list(self.operation_list or [])
        return attrs

    @property
    def state_attributes(self) -> dict[str, Any]:
        attrs: dict[str, Any] = {
            "current_temperature": self._current_temperature,
            "temperature": self._target_temperature,
            "target_temp_high": self._target_temp_high,
            "target_temp_low": self._target_temp_low,
        }
        if self._features & WaterHeaterEntityFeature.OPERATION_MODE:
            attrs["operation_mode"] = self.current_operation
        if self._features & WaterHeaterEntityFeature.AWAY_MODE:
            attrs["away_mode"] = "on" if self._away_mode else "off"
        return attrs

    async def set_temperature(self, temperature: float) -> None:
        raise NotImplementedError

    async def set_operation_mode(self, operation_mode: str) -> None:
        raise NotImplementedError

    async def set_away_mode(self, away_mode: bool) -> None:
        raise NotImplementedError

    async def turn_on(self) -> None:
        raise NotImplementedError

    async def turn_off(self) -> None:
        raise NotImplementedError
