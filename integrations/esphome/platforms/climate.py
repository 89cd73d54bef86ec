"""ESPHome lights, fans, climate devices and water heaters."""

from __future__ import annotations

import math
from typing import Any

from aioesphomeapi import (
    ClimateAction,
    ClimateFanMode,
    ClimateInfo,
    ClimateMode,
    ClimatePreset,
    ClimateState,
    EntityInfo,
    EntityState,
    FanDirection,
    FanInfo,
    FanState,
    LightColorCapability,
    LightInfo,
    LightState,
    TemperatureUnit,
    WaterHeaterFeature,
    WaterHeaterInfo,
    WaterHeaterMode,
    WaterHeaterState,
    WaterHeaterStateFlag,
)

from hub.domains import climate, fan, light, water_heater
from hub.domains.light import ColorMode

from ..entity import EsphomeEntity, enum_name, finite, missing

MIREDS_PER_KELVIN = 1_000_000
FLASH_SECONDS = {"short": 2.0, "long": 10.0}


def _hub_mode(capabilities: int) -> ColorMode:
    """The hub colour mode for an ESPHome capability bitmask."""
    if capabilities & LightColorCapability.RGB:
        return ColorMode.RGB
    if capabilities & (
        LightColorCapability.COLOR_TEMPERATURE | LightColorCapability.COLD_WARM_WHITE
    ):
        return ColorMode.COLOR_TEMP
    if capabilities & (LightColorCapability.BRIGHTNESS | LightColorCapability.WHITE):
        return ColorMode.BRIGHTNESS
    return ColorMode.ONOFF


class EsphomeLight(EsphomeEntity, light.LightEntity):
    INFO = LightInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, LightInfo)
        super().update_info(info)
        modes = {_hub_mode(int(m)) for m in info.supported_color_modes} or {ColorMode.ONOFF}
        if len(modes) > 1:  # richer modes imply on/off and brightness
            modes -= {ColorMode.ONOFF, ColorMode.BRIGHTNESS}
        self.supported_color_modes = frozenset(modes)
        if info.min_mireds and info.max_mireds:
            self.min_color_temp_kelvin = round(MIREDS_PER_KELVIN / info.max_mireds)
            self.max_color_temp_kelvin = round(MIREDS_PER_KELVIN / info.min_mireds)
        self.effect_list = [e for e in info.effects if e.lower() != "none"]
        features = light.LightEntityFeature.FLASH | light.LightEntityFeature.TRANSITION
        if self.effect_list:
            features |= light.LightEntityFeature.EFFECT
        self._features = features

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, LightState)
        self._is_on = state.state
        self._brightness = round(state.brightness * 255)
        mode = _hub_mode(int(state.color_mode))
        self._color_mode = mode if mode in self.supported_color_modes else None
        self._rgb_color = tuple(round(c * 255) for c in (state.red, state.green, state.blue))  # type: ignore[assignment]
        if state.color_temperature:
            self._color_temp_kelvin = round(MIREDS_PER_KELVIN / state.color_temperature)
        self._effect = state.effect or None

    async def turn_on(self, **kwargs: Any) -> None:
        command: dict[str, Any] = {}
        if (brightness := kwargs.get("brightness")) is not None:
            command["brightness"] = brightness / 255
        if (rgb := kwargs.get("rgb_color")) is not None:
            command["rgb"] = tuple(c / 255 for c in rgb)
        if (kelvin := kwargs.get("color_temp_kelvin")) is not None:
            command["color_temperature"] = MIREDS_PER_KELVIN / kelvin
        if (effect := kwargs.get("effect")) is not None:
            command["effect"] = effect
        if (transition := kwargs.get("transition")) is not None:
            command["transition_length"] = transition
        if (flash := kwargs.get("flash")) is not None:
            command["flash_length"] = FLASH_SECONDS[flash]
        self.client.light_command(self.key, True, **command)

    async def turn_off(self, **kwargs: Any) -> None:
        command: dict[str, Any] = {}
        if (transition := kwargs.get("transition")) is not None:
            command["transition_length"] = transition
        self.client.light_command(self.key, False, **command)


class EsphomeFan(EsphomeEntity, fan.FanEntity):
    INFO = FanInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, FanInfo)
        super().update_info(info)
        features = fan.FanEntityFeature.TURN_ON | fan.FanEntityFeature.TURN_OFF
        if info.supports_speed:
            features |= fan.FanEntityFeature.SET_SPEED
        if info.supports_oscillation:
            features |= fan.FanEntityFeature.OSCILLATE
        if info.supports_direction:
            features |= fan.FanEntityFeature.DIRECTION
        if info.supported_preset_modes:
            features |= fan.FanEntityFeature.PRESET_MODE
        self._features = features
        self.speed_count = max(1, info.supported_speed_count)
        self.preset_modes = list(info.supported_preset_modes) or None

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, FanState)
        self._is_on = state.state
        self._percentage = math.ceil(state.speed_level * 100 / self.speed_count)
        self._oscillating = state.oscillating
        self._direction = (
            fan.FanDirection.REVERSE
            if state.direction == FanDirection.REVERSE
            else fan.FanDirection.FORWARD
        )
        self._preset_mode = state.preset_mode or None

    def _level(self, percentage: int) -> int:
        return math.ceil(percentage * self.speed_count / 100)

    async def turn_on(self, **kwargs: Any) -> None:
        command: dict[str, Any] = {}
        if (percentage := kwargs.get("percentage")) is not None:
            command["speed_level"] = self._level(percentage)
        if (preset := kwargs.get("preset_mode")) is not None:
            command["preset_mode"] = preset
        self.client.fan_command(self.key, True, **command)

    async def turn_off(self, **kwargs: Any) -> None:
        self.client.fan_command(self.key, False)

    async def set_percentage(self, percentage: int) -> None:
        self.client.fan_command(self.key, True, speed_level=self._level(percentage))

    async def set_preset_mode(self, preset_mode: str) -> None:
        self.client.fan_command(self.key, preset_mode=preset_mode)

    async def oscillate(self, oscillating: bool) -> None:
        self.client.fan_command(self.key, oscillating=oscillating)

    async def set_direction(self, direction: fan.FanDirection) -> None:
        value = (
            FanDirection.REVERSE if direction == fan.FanDirection.REVERSE else FanDirection.FORWARD
        )
        self.client.fan_command(self.key, direction=value)


_HVAC = {m: climate.HVACMode(enum_name(m) or "off") for m in ClimateMode}
_HVAC_BACK = {v: k for k, v in _HVAC.items()}
_ACTIONS = {
    ClimateAction.OFF: climate.HVACAction.OFF,
    ClimateAction.COOLING: climate.HVACAction.COOLING,
    ClimateAction.HEATING: climate.HVACAction.HEATING,
    ClimateAction.IDLE: climate.HVACAction.IDLE,
    ClimateAction.DRYING: climate.HVACAction.DRYING,
    ClimateAction.FAN: climate.HVACAction.FAN,
    ClimateAction.DEFROSTING: climate.HVACAction.DEFROSTING,
}
_FAN_MODES = {enum_name(m): m for m in ClimateFanMode}
_PRESETS = {enum_name(p): p for p in ClimatePreset}


class EsphomeClimate(EsphomeEntity, climate.ClimateEntity):
    INFO = ClimateInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, ClimateInfo)
        super().update_info(info)
        F = climate.ClimateEntityFeature
        self.hvac_modes = [_HVAC[m] for m in info.supported_modes if m in _HVAC]
        features = (
            F.TARGET_TEMPERATURE_RANGE
            if info.supports_two_point_target_temperature
            else F.TARGET_TEMPERATURE
        )
        self.fan_modes = [enum_name(m) or "" for m in info.supported_fan_modes] + list(
            info.supported_custom_fan_modes
        )
        self.preset_modes = [
            enum_name(p) or "" for p in info.supported_presets if p != ClimatePreset.NONE
        ] + list(info.supported_custom_presets)
        if self.fan_modes:
            features |= F.FAN_MODE
        if self.preset_modes:
            features |= F.PRESET_MODE
        if info.supports_target_humidity:
            features |= F.TARGET_HUMIDITY
        if climate.HVACMode.OFF in self.hvac_modes and len(self.hvac_modes) > 1:
            features |= F.TURN_ON | F.TURN_OFF
        self._features = features
        self.min_temp = info.visual_min_temperature
        self.max_temp = info.visual_max_temperature
        self.target_temperature_step = info.visual_target_temperature_step or None

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, ClimateState)
        info = self.info
        assert isinstance(info, ClimateInfo)
        self._hvac_mode = _HVAC.get(state.mode)  # type: ignore[arg-type]
        self._hvac_action = _ACTIONS.get(state.action) if info.supports_action else None  # type: ignore[arg-type]
        self._current_temperature = (
            state.current_temperature if info.supports_current_temperature else None
        )
        self._target_temperature = state.target_temperature
        self._target_temp_low = state.target_temperature_low
        self._target_temp_high = state.target_temperature_high
        self._current_humidity = state.current_humidity if info.supports_current_humidity else None
        self._fan_mode = state.custom_fan_mode or enum_name(state.fan_mode)
        self._preset_mode = state.custom_preset or enum_name(state.preset)

    async def set_hvac_mode(self, hvac_mode: climate.HVACMode) -> None:
        self.client.climate_command(self.key, mode=_HVAC_BACK[hvac_mode])

    async def set_temperature(self, **kwargs: Any) -> None:
        if "temperature" in kwargs:
            self.client.climate_command(self.key, target_temperature=kwargs["temperature"])
        else:
            self.client.climate_command(
                self.key,
                target_temperature_low=kwargs["target_temp_low"],
                target_temperature_high=kwargs["target_temp_high"],
            )

    async def set_fan_mode(self, fan_mode: str) -> None:
        if fan_mode in _FAN_MODES:
            self.client.climate_command(self.key, fan_mode=_FAN_MODES[fan_mode])
        else:
            self.client.climate_command(self.key, custom_fan_mode=fan_mode)

    async def set_preset_mode(self, preset_mode: str) -> None:
        if preset_mode in _PRESETS:
            self.client.climate_command(self.key, preset=_PRESETS[preset_mode])
        else:
            self.client.climate_command(self.key, custom_preset=preset_mode)

    async def set_humidity(self, humidity: int) -> None:
        self.client.climate_command(self.key, target_humidity=float(humidity))


_WATER_MODES = {
    m: water_heater.WaterHeaterState(name)
    for m in WaterHeaterMode
    if (name := enum_name(m)) in set(water_heater.WaterHeaterState)
}
_WATER_MODES_BACK = {v: k for k, v in _WATER_MODES.items()}
_UNITS = {
    TemperatureUnit.CELSIUS: "°C",
    TemperatureUnit.FAHRENHEIT: "°F",
    TemperatureUnit.KELVIN: "K",
}


class EsphomeWaterHeater(EsphomeEntity, water_heater.WaterHeaterEntity):
    """State is the device's mode, or `off` while a device with on/off is switched off."""

    INFO = WaterHeaterInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, WaterHeaterInfo)
        super().update_info(info)
        W = water_heater.WaterHeaterEntityFeature
        flags = WaterHeaterFeature(info.supported_features)
        # Every ESPHome water heater has a target temperature.
        features = W.TARGET_TEMPERATURE
        modes = [_WATER_MODES[m] for m in info.supported_modes if m in _WATER_MODES]
        if modes:
            features |= W.OPERATION_MODE
        if flags & WaterHeaterFeature.SUPPORTS_AWAY_MODE:
            features |= W.AWAY_MODE
        if flags & WaterHeaterFeature.SUPPORTS_ON_OFF:
            features |= W.ON_OFF
        self._features = features
        self.operation_list = [str(m) for m in modes] or None
        if info.max_temperature > info.min_temperature:  # else keep the domain's defaults
            self.min_temp, self.max_temp = info.min_temperature, info.max_temperature
        self.target_temperature_step = info.target_temperature_step or None
        self.temperature_unit = _UNITS.get(info.temperature_unit, "°C")  # type: ignore[arg-type]

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, WaterHeaterState)
        info = self.info
        assert isinstance(info, WaterHeaterInfo)
        if missing(state):
            self._current_operation = self._away_mode = None
            self._current_temperature = self._target_temperature = None
            self._target_temp_low = self._target_temp_high = None
            return
        flags = WaterHeaterFeature(info.supported_features)
        switched_off = bool(flags & WaterHeaterFeature.SUPPORTS_ON_OFF) and not (
            state.state & WaterHeaterStateFlag.ON
        )
        mode = _WATER_MODES.get(state.mode)  # type: ignore[arg-type]
        self._current_operation = water_heater.WaterHeaterState.OFF if switched_off else mode
        self._current_temperature = (
            finite(state.current_temperature)
            if flags & WaterHeaterFeature.SUPPORTS_CURRENT_TEMPERATURE
            else None
        )
        self._target_temperature = finite(state.target_temperature)
        if flags & WaterHeaterFeature.SUPPORTS_TWO_POINT_TARGET_TEMPERATURE:
            self._target_temp_low = finite(state.target_temperature_low)
            self._target_temp_high = finite(state.target_temperature_high)
        self._away_mode = bool(state.state & WaterHeaterStateFlag.AWAY)

    async def set_temperature(self, temperature: float) -> None:
        self.client.water_heater_command(self.key, target_temperature=temperature)

    async def set_operation_mode(self, operation_mode: str) -> None:
        mode = _WATER_MODES_BACK[water_heater.WaterHeaterState(operation_mode)]
        self.client.water_heater_command(self.key, mode=mode)

    async def set_away_mode(self, away_mode: bool) -> None:
        self.client.water_heater_command(self.key, away=away_mode)

    async def turn_on(self) -> None:
        self.client.water_heater_command(self.key, on=True)

    async def turn_off(self) -> None:
        self.client.water_heater_command(self.key, on=False)


CLASSES: tuple[type[EsphomeEntity], ...] = (
    EsphomeLight,
    EsphomeFan,
    EsphomeClimate,
    EsphomeWaterHeater,
)
