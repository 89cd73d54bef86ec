"""ESPHome date, time and datetime entities (the device keeps the value; the hub sets it)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo

from aioesphomeapi import (
    DateInfo,
    DateState,
    DateTimeInfo,
    DateTimeState,
    EntityState,
    TimeInfo,
    TimeState,
)

from hub.domains import date as date_domain
from hub.domains import datetime as datetime_domain
from hub.domains import time as time_domain
from hub.errors import ValidationError

from ..entity import EsphomeEntity, missing

EPOCH_MAX = 2**32 - 1  # the API sends epoch seconds as an unsigned 32-bit number


def _date(state: DateState) -> date | None:
    if missing(state):
        return None
    try:
        return date(state.year, state.month, state.day)
    except ValueError:  # a device that has no date yet sends zeros
        return None


def _time(state: TimeState) -> time | None:
    if missing(state):
        return None
    try:
        return time(state.hour, state.minute, state.second)
    except ValueError:
        return None


class EsphomeDate(EsphomeEntity, date_domain.DateEntity):
    INFO = DateInfo

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, DateState)
        self._native_value = _date(state)

    async def set_value(self, value: date) -> None:
        self.client.date_command(self.key, value.year, value.month, value.day)


class EsphomeTime(EsphomeEntity, time_domain.TimeEntity):
    INFO = TimeInfo

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, TimeState)
        self._native_value = _time(state)

    async def set_value(self, value: time) -> None:
        self.client.time_command(self.key, value.hour, value.minute, value.second)


class EsphomeDateTime(EsphomeEntity, datetime_domain.DateTimeEntity):
    INFO = DateTimeInfo

    @property
    def time_zone(self) -> tzinfo:
        return self.link.time_zone

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, DateTimeState)
        self._native_value = (
            None if missing(state) else datetime.fromtimestamp(state.epoch_seconds, UTC)
        )

    async def set_value(self, value: datetime) -> None:
        seconds = int(value.timestamp())  # whole seconds, as the device keeps them
        if not 0 <= seconds <= EPOCH_MAX:
            raise ValidationError(f"{self.entity_id} takes times from 1970 to 2106")
        self.client.datetime_command(self.key, seconds)


CLASSES: tuple[type[EsphomeEntity], ...] = (EsphomeDate, EsphomeTime, EsphomeDateTime)
