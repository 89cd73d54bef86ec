"""time: a settable time of day (no date, no zone); state is the ISO time (HH:MM:SS)."""

from __future__ import annotations

from datetime import time
from typing import Any

import voluptuous as vol

from ..config import validation as cv
from ..entity import Entity
from ..entity_host import EntityService
from ..errors import ValidationError


async def _set_value(entity: TimeEntity, **params: Any) -> None:
    value: time = params["time"]
    if value.tzinfo is not None:
        raise ValidationError(f"{entity.entity_id} takes a time of day without a time zone")
    await entity.set_value(value)


class TimeEntity(Entity):
    """State is `native_value` in ISO form; `time.set_value` (field `time`, HH:MM or
    HH:MM:SS) hands `set_value` a naive `datetime.time`."""

    domain = "time"
    SERVICES = (EntityService("set_value", _set_value, {vol.Required("time"): cv.time}),)
    _native_value: time | None = None

    @property
    def native_value(self) -> time | None:
        return self._native_value

    @property
    def state(self) -> str | None:
        value = self.native_value
        return None if value is None else value.isoformat()

    async def set_value(self, value: time) -> None:
        raise NotImplementedError
