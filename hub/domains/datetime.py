"""datetime: a settable point in time; state is the ISO date and time in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Any

import voluptuous as vol

from ..config import validation as cv
from ..entity import Entity
from ..entity_host import EntityService


async def _set_value(entity: DateTimeEntity, **params: Any) -> None:
    value: datetime = params["datetime"]
    if value.tzinfo is None:  # what a user types, e.g. "2026-03-01 07:30", is local time
        value = value.replace(tzinfo=entity.time_zone)
    await entity.set_value(value)


class DateTimeEntity(Entity):
    """State is `native_value` (timezone-aware; naive counts as UTC) converted to UTC, to the
    second. `datetime.set_value` (field `datetime`) hands `set_value` an aware datetime: one
    given without an offset is read in `time_zone` (integrations set the hub's zone)."""

    domain = "datetime"
    SERVICES = (EntityService("set_value", _set_value, {vol.Required("datetime"): cv.datetime}),)
    _native_value: datetime | None = None

    @property
    def time_zone(self) -> tzinfo:
        """The zone a datetime without an offset is read in."""
        return UTC

    @property
    def native_value(self) -> datetime | None:
        return self._native_value

    @property
    def state(self) -> str | None:
        value = self.native_value
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat(timespec="seconds")

    async def set_value(self, value: datetime) -> None:
        raise NotImplementedError
