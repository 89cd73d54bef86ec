"""input_datetime: a date, a time, or both; defined in YAML, restored across restarts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.entity_host import EntityService
from hub.errors import ValidationError
from hub.integration import IntegrationContext
from hub.states import State
from integrations.homeassistant.yaml_entities import YamlEntity, setup_yaml_entities, slug_keyed

DOMAIN = "input_datetime"
FMT_DATE = "%Y-%m-%d"
FMT_TIME = "%H:%M:%S"
FMT_DATETIME = f"{FMT_DATE} {FMT_TIME}"


def parse_value(text: str, has_date: bool, has_time: bool) -> tuple[date | None, time | None]:
    """Parse a state or `initial` string in the entity's format; raises ValueError."""
    text = text.strip()
    if has_date and has_time:
        value = datetime.fromisoformat(text)
        return value.date(), value.time().replace(tzinfo=None)
    if has_date:
        return date.fromisoformat(text), None
    return None, time.fromisoformat(text)


def _check(conf: dict[str, Any]) -> dict[str, Any]:
    if not conf["has_date"] and not conf["has_time"]:
        raise vol.Invalid("at least one of has_date or has_time must be true")
    initial = conf.get("initial")
    if initial is not None:
        try:
            parse_value(initial, conf["has_date"], conf["has_time"])
        except ValueError:
            raise vol.Invalid(f"initial value {initial!r} does not match the format") from None
    return conf


ENTRY_SCHEMA = vol.All(
    vol.Schema(
        {
            vol.Optional("name"): vol.Any(cv.string, None),
            vol.Optional("has_date", default=False): cv.boolean,
            vol.Optional("has_time", default=False): cv.boolean,
            vol.Optional("icon"): cv.icon,
            vol.Optional("initial"): vol.All(vol.Coerce(str), cv.string),
        }
    ),
    _check,
)
CONFIG_SCHEMA = slug_keyed(ENTRY_SCHEMA)


SET_DATETIME_SCHEMA = {
    vol.Optional("date"): cv.date,
    vol.Optional("time"): cv.time,
    vol.Optional("datetime"): cv.datetime,
    vol.Optional("timestamp"): vol.Coerce(float),
}


class InputDatetime(YamlEntity):
    """A local date/time value shown in the configured format."""

    domain = DOMAIN
    restore = True

    def __init__(self, tz: tzinfo, clock_now: datetime, conf_id: str, conf: Mapping[str, Any]):
        super().__init__(conf_id, conf)
        self._tz = tz
        today = clock_now.astimezone(tz).date()
        self.value = datetime.combine(today, time(0, 0, 0), tz)
        if (initial := conf.get("initial")) is not None:
            self._apply(*parse_value(initial, conf["has_date"], conf["has_time"]))

    @property
    def has_date(self) -> bool:
        return bool(self.conf["has_date"])

    @property
    def has_time(self) -> bool:
        return bool(self.conf["has_time"])

    def _apply(self, new_date: date | None, new_time: time | None) -> None:
        self.value = datetime.combine(
            new_date or self.value.date(), new_time or self.value.time().replace(tzinfo=None)
        ).replace(tzinfo=self._tz)

    @property
    def state(self) -> str:
        if self.has_date and self.has_time:
            return self.value.strftime(FMT_DATETIME)
        if self.has_date:
            return self.value.strftime(FMT_DATE)
        return self.value.strftime(FMT_TIME)

    @property
    def capability_attributes(self) -> dict[str, Any]:
        return {"has_date": self.has_date, "has_time": self.has_time}

    @property
    def state_attributes(self) -> dict[str, Any]:
        value = self.value
        attrs: dict[str, Any] = {}
        if self.has_date:
            attrs.update(year=value.year, month=value.month, day=value.day)
        if self.has_time:
            attrs.update(hour=value.hour, minute=value.minute, second=value.second)
        if self.has_date:
            attrs["timestamp"] = value.timestamp()
        else:
            attrs["timestamp"] = value.hour * 3600 + value.minute * 60 + value.second
        return attrs

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        if self.conf.get("initial") is not None:
            return
        try:
            self._apply(*parse_value(last.state, self.has_date, self.has_time))
        except ValueError:
            return

    def set_datetime(
        self,
        date: date | None = None,
        time: time | None = None,
        datetime: datetime | None = None,
        timestamp: float | None = None,
    ) -> None:
        given = [v for v in (date, time, datetime, timestamp) if v is not None]
        if not given:
            raise ValidationError(f"Nothing to set for {self.entity_id}")
        if (datetime is not None or timestamp is not None) and len(given) > 1:
            raise ValidationError("Give either date/time, datetime or timestamp")
        if timestamp is not None:
            datetime = _dt_from_timestamp(timestamp, self._tz)
        if datetime is not None:
            if datetime.tzinfo is not None:
                datetime = datetime.astimezone(self._tz)
            date, time = datetime.date(), datetime.time().replace(tzinfo=None)
        self._apply(date, time)

    SERVICES = (EntityService("set_datetime", set_datetime, SET_DATETIME_SCHEMA),)


def _dt_from_timestamp(timestamp: float, tz: tzinfo) -> datetime:
    try:
        return datetime.fromtimestamp(timestamp, UTC).astimezone(tz)
    except (OverflowError, OSError, ValueError) as err:
        raise ValidationError(f"Invalid timestamp {timestamp}") from err


async def setup(ctx: IntegrationContext, config: dict[str, Any] | None) -> bool:
    """Create one input_datetime per YAML id and register its services."""
    tz = getattr(ctx.core, "time_zone", None) or UTC
    await setup_yaml_entities(
        ctx,
        config,
        CONFIG_SCHEMA,
        InputDatetime.SERVICES,
        lambda conf_id, conf: InputDatetime(tz, ctx.now(), conf_id, conf),
    )
    return True
