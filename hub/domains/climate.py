"""climate: thermostats and HVAC units (state = HVAC mode)."""

from __future__ import annotations

from enum import IntFlag, StrEnum
from typing import Any

import voluptuous as vol

from ..entity import Entity
from ..entity_host import EntityService
from ..errors import ValidationError
from .shared import require_feature


class HVACMode(StrEnum):
    OFF = "off"
    HEAT = "heat"
    COOL = "cool"
    HEAT_COOL = "heat_cool"
    AUTO = "auto"
    DRY = "dry"
    FAN_ONLY = "fan_only"


class HVACAction(StrEnum):
    OFF = "off"
    PREHEATING = "preheating"
    HEATING = "heating"
    COOLING = "cooling"
    DRYING = "drying"
    IDLE = "idle"
    FAN = "fan"
    DEFROSTING = "defrosting"


class ClimateEntityFeature(IntFlag):
    TARGET_TEMPERATURE = 1
    TARGET_TEMPERATURE_RANGE = 2
    TARGET_HUMIDITY = 4
    FAN_MODE = 8
    PRESET_MODE = 16
    SWING_MODE = 32
    TURN_OFF = 128
    TURN_ON = 256


_temp = vol.Coerce(float)
_hvac_mode = vol.Coerce(HVACMode, msg=f"expected one of {', '.join(HVACMode)}")
_mode = vol.All(vol.Coerce(str), vol.Length(min=1, max=64))

SET_TEMPERATURE_SCHEMA: dict[Any, Any] = {
    vol.Exclusive("temperature", "temperature"): _temp,
    vol.Inclusive("target_temp_high", "range"): _temp,
    vol.Inclusive("target_temp_low", "range"): _temp,
    vol.Optional("hvac_mode"): _hvac_mode,
}


def _check_mode(entity: ClimateEntity, value: str, allowed: list[str] | None, what: str) -> None:
    if value not in (allowed or []):
        raise ValidationError(
            f"{what} '{value}' is not one of {', '.join(allowed or [])} for {entity.entity_id}"
        )


def _check_temp(entity: ClimateEntity, value: float) -> None:
    if not entity.min_temp <= value <= entity.max_temp:
        raise ValidationError(
            f"Temperature {value} is outside {entity.min_temp}-{entity.max_temp} "
            f"for {entity.entity_id}"
        )


async def _set_hvac_mode(entity: ClimateEntity, hvac_mode: HVACMode) -> None:
    _check_mode(entity, hvac_mode, entity.hvac_modes, "HVAC mode")
    await entity.set_hvac_mode(hvac_mode)


async def _set_temperature(entity: ClimateEntity, **params: Any) -> None:
    if "temperature" in params:
        require_feature(entity, ClimateEntityFeature.TARGET_TEMPERATURE, "set_temperature")
        _check_temp(entity, params["temperature"])
    elif "target_temp_low" in params:
        require_feature(entity, ClimateEntityFeature.TARGET_TEMPERATURE_RANGE, "set_temperature")
        low, high = params["target_temp_low"], params["target_temp_high"]
        _check_temp(entity, low)
        _check_temp(entity, high)
        if low > high:
            raise ValidationError("target_temp_low must not be above target_temp_high")
    else:
        raise ValidationError("set_temperature needs temperature or target_temp_low/high")
    if (mode := params.pop("hvac_mode", None)) is not None:
        await _set_hvac_mode(entity, mode)
    await entity.set_temperature(**params)


async def _set_fan_mode(entity: ClimateEntity, fan_mode: str) -> None:
    require_feature(entity, ClimateEntityFeature.FAN_MODE, "set_fan_mode")
    _check_mode(entity, fan_mode, entity.fan_modes, "Fan mode")
    await entity.set_fan_mode(fan_mode)


async def _set_preset_mode(entity: ClimateEntity, preset_mode: str) -> None:
    require_feature(entity, ClimateEntityFeature.PRESET_MODE, "set_preset_mode")
    _check_mode(entity, preset_mode, entity.preset_modes, "Preset mode")
    await entity.set_preset_mode(preset_mode)


async def _set_humidity(entity: ClimateEntity, humidity: int) -> None:
    require_feature(entity, ClimateEntityFeature.TARGET_HUMIDITY, "set_humidity")
    await entity.set_humidity(humidity)


async def _turn_on(entity: ClimateEntity) -> None:
    require_feature(entity, ClimateEntityFeature.TURN_ON, "turn_on")
    await entity.turn_on()


async def _turn_off(entity: ClimateEntity) -> None:
    require_feature(entity, ClimateEntityFeature.TURN_OFF, "turn_off")
    await entity.turn_off()


async def _toggle(entity: ClimateEntity) -> None:
    if entity.hvac_mode == HVACMode.OFF:
        await _turn_on(entity)
    else:
        await _turn_off(entity)


class ClimateEntity(Entity):
    """State is `hvac_mode`. Subclasses implement the setters they declare in
    supported_features; the base validates modes and temperature ranges first."""

    domain = "climate"
    SERVICES = (
        EntityService("set_temperature", _set_temperature, SET_TEMPERATURE_SCHEMA),
        EntityService("set_hvac_mode", _set_hvac_mode, {vol.Required("hvac_mode"): _hvac_mode}),
        EntityService("set_fan_mode", _set_fan_mode, {vol.Required("fan_mode"): _mode}),
        EntityService("set_preset_mode", _set_preset_mode, {vol.Required("preset_mode"): _mode}),
        EntityService(
            "set_humidity",
            _set_humidity,
            {vol.Required("humidity"): vol.All(vol.Coerce(int), vol.Range(min=0, max=100))},
        ),
        EntityService("turn_on", _turn_on),
        EntityService("turn_off", _turn_off),
        EntityService("toggle", _toggle),
    )
    temperature_unit: str = "°C"
    min_temp: float = 7.0
    max_temp: float = 35.0
    target_temperature_step: float | None = None
    hvac_modes: list[str] = [HVACMode.OFF, HVACMode.HEAT]
    fan_modes: list[str] | None = None
    preset_modes: list[str] | None = None
    _features: ClimateEntityFeature = ClimateEntityFeature(0)
    _hvac_mode: HVACMode | None = None
    _hvac_action: HVACAction | None = None
    _current_temperature: float | None = None
    _current_humidity: float | None = None
    _target_temperature: float | None = None
    _target_temp_low: float | None = None
    _target_temp_high: float | None = None
    _fan_mode: str | None = None
    _preset_mode: str | None = None

    @property
    def hvac_mode(self) -> HVACMode | None:
        return self._hvac_mode

    @property
    def state(self) -> str | None:
        mode = self.hvac_mode
        return None if mode is None else str(mode)

    @property
    def supported_features(self) -> int:
        return int(self._features)

    @property
    def capability_attributes(self) -> dict[str, Any]:
        attrs: dict[str, Any] = {
            "hvac_modes": [str(m) for m in self.hvac_modes],
            "min_temp": self.min_temp,
            "max_temp": self.max_temp,
        }
        if self.target_temperature_step is not None:
            attrs["target_temp_step"] = self.target_temperature_step
        if self._features & ClimateEntityFeature.FAN_MODE:
            attrs["fan_modes"] = list(self.fan_modes or [])
        if self._features & ClimateEntityFeature.PRESET_MODE:
            attrs["preset_modes"] = list(self.preset_modes or [])
        return attrs

    @property
    def state_attributes(self) -> dict[str, Any]:
        features = self._features
        attrs: dict[str, Any] = {"current_temperature": self._current_temperature}
        if features & ClimateEntityFeature.TARGET_TEMPERATURE:
            attrs["temperature"] = self._target_temperature
        if features & ClimateEntityFeature.TARGET_TEMPERATURE_RANGE:
            attrs["target_temp_high"] = self._target_temp_high
            attrs["target_temp_low"] = self._target_temp_low
        if self._current_humidity is not None:
            attrs["current_humidity"] = self._current_humidity
        if self._hvac_action is not None:
            attrs["hvac_action"] = str(self._hvac_action)
        if features & ClimateEntityFeature.FAN_MODE:
            attrs["fan_mode"] = self._fan_mode
        if features & ClimateEntityFeature.PRESET_MODE:
            attrs["preset_mode"] = self._preset_mode
        return attrs

    async def set_hvac_mode(self, hvac_mode: HVACMode) -> None:
        raise NotImplementedError

    async def set_temperature(self, **kwargs: Any) -> None:
        """kwargs: temperature, or target_temp_low and target_temp_high (validated)."""
        raise NotImplementedError

    async def set_fan_mode(self, fan_mode: str) -> None:
        raise NotImplementedError

    async def set_preset_mode(self, preset_mode: str) -> None:
        raise NotImplementedError

    async def set_humidity(self, humidity: int) -> None:
        raise NotImplementedError

    async def turn_on(self) -> None:
        """Default: the first mode that is not off."""
        for mode in self.hvac_modes:
            if mode != HVACMode.OFF:
                await self.set_hvac_mode(HVACMode(mode))
                return

    async def turn_off(self) -> None:
        await self.set_hvac_mode(HVACMode.OFF)
