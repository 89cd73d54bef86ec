"""fan: on/off with a speed percentage, preset modes, oscillation and direction."""

from __future__ import annotations

import math
from enum import IntFlag, StrEnum
from typing import Any

import voluptuous as vol

from ..entity_host import EntityService
from ..errors import ValidationError
from .shared import percentage, require_feature
from .toggle import ToggleEntity, toggle_services


class FanEntityFeature(IntFlag):
    SET_SPEED = 1
    OSCILLATE = 2
    DIRECTION = 4
    PRESET_MODE = 8
    TURN_OFF = 16
    TURN_ON = 32


class FanDirection(StrEnum):
    FORWARD = "forward"
    REVERSE = "reverse"


_preset = vol.All(vol.Coerce(str), vol.Length(min=1, max=64))
TURN_ON_SCHEMA: dict[Any, Any] = {
    vol.Exclusive("percentage", "speed"): percentage,
    vol.Exclusive("preset_mode", "speed"): _preset,
}
STEP_SCHEMA: dict[Any, Any] = {
    vol.Optional("percentage_step"): vol.All(vol.Coerce(int), vol.Range(min=1, max=100))
}


def _check_preset(entity: FanEntity, preset_mode: str) -> None:
    require_feature(entity, FanEntityFeature.PRESET_MODE, "set_preset_mode")
    if preset_mode not in (entity.preset_modes or []):
        raise ValidationError(f"Preset mode {preset_mode!r} is not valid for {entity.entity_id}")


async def _turn_on(entity: FanEntity, **params: Any) -> None:
    if "percentage" in params:
        require_feature(entity, FanEntityFeature.SET_SPEED, "turn_on with percentage")
        if params["percentage"] == 0:
            await entity.turn_off()
            return
    if "preset_mode" in params:
        _check_preset(entity, params["preset_mode"])
    await entity.turn_on(**params)


async def _toggle(entity: FanEntity, **params: Any) -> None:
    if entity.is_on:
        await entity.turn_off()
    else:
        await _turn_on(entity, **params)


async def _set_percentage(entity: FanEntity, percentage: int) -> None:
    require_feature(entity, FanEntityFeature.SET_SPEED, "set_percentage")
    if percentage == 0:
        await entity.turn_off()
    else:
        await entity.set_percentage(percentage)


async def _step(entity: FanEntity, sign: int, percentage_step: int | None) -> None:
    require_feature(entity, FanEntityFeature.SET_SPEED, "speed steps")
    step = percentage_step or entity.percentage_step
    current = (entity.percentage or 0) if entity.is_on else 0
    await _set_percentage(entity, max(0, min(100, current + sign * math.ceil(step))))


async def _increase(entity: FanEntity, percentage_step: int | None = None) -> None:
    await _step(entity, 1, percentage_step)


async def _decrease(entity: FanEntity, percentage_step: int | None = None) -> None:
    await _step(entity, -1, percentage_step)


async def _set_preset(entity: FanEntity, preset_mode: str) -> None:
    _check_preset(entity, preset_mode)
    await entity.set_preset_mode(preset_mode)


async def _oscillate(entity: FanEntity, oscillating: bool) -> None:
    require_feature(entity, FanEntityFeature.OSCILLATE, "oscillate")
    await entity.oscillate(oscillating)


async def _set_direction(entity: FanEntity, direction: FanDirection) -> None:
    require_feature(entity, FanEntityFeature.DIRECTION, "set_direction")
    await entity.set_direction(direction)


class FanEntity(ToggleEntity):
    """turn_on receives optional `percentage` (1-100) or `preset_mode` (validated)."""

    domain = "fan"
    SERVICES = (
        *toggle_services(TURN_ON_SCHEMA, on_handler=_turn_on, toggle_handler=_toggle),
        EntityService("set_percentage", _set_percentage, {vol.Required("percentage"): percentage}),
        EntityService("increase_speed", _increase, STEP_SCHEMA),
        EntityService("decrease_speed", _decrease, STEP_SCHEMA),
        EntityService("set_preset_mode", _set_preset, {vol.Required("preset_mode"): _preset}),
        EntityService("oscillate", _oscillate, {vol.Required("oscillating"): vol.Boolean()}),
        EntityService(
            "set_direction", _set_direction, {vol.Required("direction"): vol.Coerce(FanDirection)}
        ),
    )
    speed_count: int = 100
    preset_modes: list[str] | None = None
    _features: FanEntityFeature = FanEntityFeature.TURN_ON | FanEntityFeature.TURN_OFF
    _percentage: int | None = None
    _preset_mode: str | None = None
    _oscillating: bool | None = None
    _direction: FanDirection | None = None

    @property
    def percentage(self) -> int | None:
        return self._percentage

    @property
    def percentage_step(self) -> float:
        return 100 / max(1, self.speed_count)

    @property
    def supported_features(self) -> int:
        return int(self._features)

    @property
    def capability_attributes(self) -> dict[str, Any]:
        if self._features & FanEntityFeature.PRESET_MODE:
            return {"preset_modes": list(self.preset_modes or [])}
        return {}

    @property
    def state_attributes(self) -> dict[str, Any]:
        features = self._features
        attrs: dict[str, Any] = {}
        if features & FanEntityFeature.SET_SPEED:
            attrs["percentage"] = self._percentage if self.is_on else 0
            attrs["percentage_step"] = self.percentage_step
        if features & FanEntityFeature.PRESET_MODE:
            attrs["preset_mode"] = self._preset_mode
        if features & FanEntityFeature.OSCILLATE:
            attrs["oscillating"] = self._oscillating
        if features & FanEntityFeature.DIRECTION:
            attrs["direction"] = None if self._direction is None else str(self._direction)
        return attrs

    async def set_percentage(self, percentage: int) -> None:
        raise NotImplementedError

    async def set_preset_mode(self, preset_mode: str) -> None:
        raise NotImplementedError

    async def oscillate(self, oscillating: bool) -> None:
        raise NotImplementedError

    async def set_direction(self, direction: FanDirection) -> None:
        raise NotImplementedError
