"""The office HVAC unit: follows the open-office temperature and reports what it is doing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hub.domains.climate import ClimateEntity, ClimateEntityFeature, HVACAction, HVACMode
from hub.states import State

from .devices import DEVICES

DEADBAND = 0.3  # °C either side of the target where the unit idles


class DemoClimate(ClimateEntity):
    """Heat/cool/auto/fan-only with fan and preset modes; target and mode are restored."""

    restore = True
    hvac_modes = [HVACMode.OFF, HVACMode.HEAT, HVACMode.COOL, HVACMode.AUTO, HVACMode.FAN_ONLY]
    fan_modes = ["auto", "low", "medium", "high"]
    preset_modes = ["comfort", "eco", "away"]
    min_temp, max_temp = 10.0, 30.0
    target_temperature_step = 0.5

    def __init__(self) -> None:
        super().__init__(
            "Office HVAC", unique_id="demo_office_hvac", device_info=DEVICES["hvac"].info()
        )
        self._features = (
            ClimateEntityFeature.TARGET_TEMPERATURE
            | ClimateEntityFeature.FAN_MODE
            | ClimateEntityFeature.PRESET_MODE
            | ClimateEntityFeature.TURN_ON
            | ClimateEntityFeature.TURN_OFF
        )
        self._hvac_mode = HVACMode.HEAT
        self._target_temperature = 21.0
        self._current_temperature = 20.4
        self._fan_mode = "auto"
        self._preset_mode = "comfort"
        self._last_on_mode = HVACMode.HEAT

    @property
    def target(self) -> float:
        return self._target_temperature or 21.0

    @property
    def hvac_action(self) -> HVACAction:
        mode, current, target = self._hvac_mode, self._current_temperature, self.target
        if mode == HVACMode.OFF or current is None:
            return HVACAction.OFF
        if mode == HVACMode.FAN_ONLY:
            return HVACAction.FAN
        if mode in (HVACMode.HEAT, HVACMode.AUTO) and current < target - DEADBAND:
            return HVACAction.HEATING
        if mode in (HVACMode.COOL, HVACMode.AUTO) and current > target + DEADBAND:
            return HVACAction.COOLING
        return HVACAction.IDLE

    @property
    def state_attributes(self) -> dict[str, Any]:
        self._hvac_action = self.hvac_action
        return super().state_attributes

    def observe(self, temperature: float) -> None:
        """The room temperature the unit's own probe reads."""
        self._current_temperature = round(temperature, 1)
        self.write_state()

    async def set_hvac_mode(self, hvac_mode: HVACMode) -> None:
        self._hvac_mode = hvac_mode
        if hvac_mode != HVACMode.OFF:
            self._last_on_mode = hvac_mode

    async def turn_on(self) -> None:
        await self.set_hvac_mode(self._last_on_mode)

    async def set_temperature(self, **kwargs: Any) -> None:
        self._target_temperature = float(kwargs["temperature"])

    async def set_fan_mode(self, fan_mode: str) -> None:
        self._fan_mode = fan_mode

    async def set_preset_mode(self, preset_mode: str) -> None:
        self._preset_mode = preset_mode
        self._target_temperature = {"comfort": 21.0, "eco": 18.5, "away": 16.0}[preset_mode]

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        try:
            self._hvac_mode = HVACMode(last.state)
        except ValueError:
            pass
        attrs = last.attributes
        if isinstance(attrs.get("temperature"), int | float):
            self._target_temperature = float(attrs["temperature"])
        if attrs.get("fan_mode") in self.fan_modes:
            self._fan_mode = attrs["fan_mode"]
        if attrs.get("preset_mode") in self.preset_modes:
            self._preset_mode = attrs["preset_mode"]
