"""date: a settable calendar date; state is the ISO date (YYYY-MM-DD)."""

from __future__ import annotations

from datetime import date
from typing import Any

import voluptuous as vol

from ..config import validation as cv
from ..entity import Entity
from ..entity_host import EntityService


async def _set_value(entity: DateEntity, **params: Any) -> None:
    await entity.set_value(params["date"])


class DateEntity(Entity):
    """State is `native_value` as YYYY-MM-DD; `date.set_value` (field `date`) hands
    `set_value` a `datetime.date`."""

    domain = "date"
    SERVICES = (EntityService("set_value", _set_value, {vol.Required("date"): cv.date}),)
    _native_value: date | None = None

    @property
    def native_value(self) -> date | None:
        return self._native_value

    @property
    def state(self) -> str | None:
        value = self.native_value
        return None if value is None else value.isoformat()

    async def set_value(self, value: date) -> None:
        raise NotImplementedError
