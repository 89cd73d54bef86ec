"""number: a settable number with a range and step."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import voluptuous as vol

from ..entity import Entity
from ..entity_host import EntityService
from ..errors import ValidationError

STEP_TOLERANCE = 1e-9


class NumberMode(StrEnum):
    AUTO = "auto"
    BOX = "box"
    SLIDER = "slider"


async def _set_value(entity: NumberEntity, value: float) -> None:
    if not entity.min_value <= value <= entity.max_value:
        raise ValidationError(
            f"Value {value} for {entity.entity_id} is outside {entity.min_value}-{entity.max_value}"
        )
    steps = (value - entity.min_value) / entity.step
    if abs(steps - round(steps)) > STEP_TOLERANCE * max(1.0, abs(steps)):
        raise ValidationError(
            f"Value {value} for {entity.entity_id} is not a multiple of the step {entity.step} "
            f"from {entity.min_value}"
        )
    await entity.set_value(value)


class NumberEntity(Entity):
    """State is `native_value`; `set_value` receives a value already checked against
    min_value, max_value and step."""

    domain = "number"
    SERVICES = (EntityService("set_value", _set_value, {vol.Required("value"): vol.Coerce(float)}),)
    min_value: float = 0.0
    max_value: float = 100.0
    step: float = 1.0
    mode: NumberMode = NumberMode.AUTO
    _native_value: float | None = None

    @property
    def native_value(self) -> float | None:
        return self._native_value

    @property
    def state(self) -> float | int | None:
        value = self.native_value
        if value is None:
            return None
        if float(self.step).is_integer() and float(value).is_integer():
            return int(value)
        return value

    @property
    def capability_attributes(self) -> dict[str, Any]:
        return {
            "min": self.min_value,
            "max": self.max_value,
            "step": self.step,
            "mode": str(self.mode),
        }

    async def set_value(self, value: float) -> None:
        raise NotImplementedError
