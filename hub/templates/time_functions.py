"""Time helpers for templates, driven by the engine's Clock and local time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from ..clock import Clock
from .functions import _SENTINEL, raise_no_default
from .tracking import collect_time

DEFAULT_TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"
_UNITS = (("year", 365 * 86400), ("month", 30 * 86400), ("day", 86400), ("hour", 3600),
          ("minute", 60), ("second", 1))  # fmt: skip


def parse_datetime(value: str) -> datetime | None:
    """An ISO 8601 datetime (with 'T' or space, 'Z' allowed), or None."""
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def parse_time(value: str) -> time | None:
    """'HH:MM' or 'HH:MM:SS', or None."""
    try:
        return time.fromisoformat(value.strip())
    except ValueError:
        return None


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def describe_duration(seconds: float, precision: int = 1) -> str:
    """'2 hours' or, with precision 2, '2 hours 5 minutes' (largest units first)."""
    remaining = round(abs(seconds))
    parts: list[str] = []
    for index, (unit, size) in enumerate(_UNITS):
        if remaining < size and unit != "second":
            continue
        if len(parts) == max(1, precision) - 1 or index == len(_UNITS) - 1:
            parts.append(_plural(round(remaining / size), unit))
            break
        count, remaining = divmod(remaining, size)
        parts.append(_plural(count, unit))
        if remaining == 0:
            break
    return " ".join(parts)


class TimeFunctions:
    """now/utcnow/today_at and date conversions for one clock and time zone."""

    def __init__(self, clock: Clock, time_zone: tzinfo) -> None:
        self.clock = clock
        self.time_zone = time_zone

    def now(self) -> datetime:
        """The current local time."""
        collect_time()
        return self.clock.now().astimezone(self.time_zone)

    def utcnow(self) -> datetime:
        """The current UTC time."""
        collect_time()
        return self.clock.now().astimezone(UTC)

    def today_at(self, time_str: str = "") -> datetime:
        """Today (local) at 'HH:MM[:SS]'; midnight when empty."""
        today = self.now().replace(hour=0, minute=0, second=0, microsecond=0)
        if not time_str:
            return today
        at = parse_time(str(time_str))
        if at is None:
            raise ValueError(f"could not convert {time_str!r} to a time for today_at")
        return datetime.combine(today.date(), at, self.time_zone)

    def _aware(self, value: datetime) -> datetime:
        return value if value.tzinfo is not None else value.replace(tzinfo=self.time_zone)

    def as_timestamp(self, value: Any, default: Any = _SENTINEL) -> Any:
        """POSIX seconds of a datetime or ISO string (naive means local time)."""
        try:
            if isinstance(value, datetime):
                return self._aware(value).timestamp()
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return float(value)
            parsed = parse_datetime(str(value))
            if parsed is None:
                raise ValueError(value)
            return self._aware(parsed).timestamp()
        except (ValueError, TypeError, OverflowError):
            if default is _SENTINEL:
                raise_no_default("as_timestamp", value)
            return default

    def as_datetime(self, value: Any, default: Any = _SENTINEL) -> Any:
        """A datetime from a datetime, date, timestamp or ISO string."""
        if isinstance(value, datetime):
            return value
        if isinstance(value, date):
            return datetime.combine(value, time(0, 0), self.time_zone)
        try:
            return datetime.fromtimestamp(float(value), UTC)
        except (ValueError, TypeError, OverflowError, OSError):
            pass
        parsed = parse_datetime(value) if isinstance(value, str) else None
        if parsed is None:
            if default is _SENTINEL:
                raise_no_default("as_datetime", value)
            return default
        return parsed

    def as_local(self, value: datetime) -> datetime:
        """`value` in the local time zone (naive means local already)."""
        return self._aware(value).astimezone(self.time_zone)

    def relative_time(self, value: Any) -> Any:
        """'3 hours' since `value`; non-datetimes and future times are returned unchanged."""
        if not isinstance(value, datetime):
            return value
        delta = (self.utcnow() - self._aware(value)).total_seconds()
        return value if delta < 0 else describe_duration(delta)

    def time_since(self, value: Any, precision: int = 1) -> Any:
        """Time elapsed since `value` in words; future times and non-datetimes unchanged."""
        if not isinstance(value, datetime):
            return value
        delta = (self.utcnow() - self._aware(value)).total_seconds()
        return value if delta < 0 else describe_duration(delta, int(precision))

    def time_until(self, value: Any, precision: int = 1) -> Any:
        """Time remaining until `value` in words; past times and non-datetimes unchanged."""
        if not isinstance(value, datetime):
            return value
        delta = (self._aware(value) - self.utcnow()).total_seconds()
        return value if delta < 0 else describe_duration(delta, int(precision))

    def strptime(self, value: Any, fmt: str, default: Any = _SENTINEL) -> Any:
        """datetime.strptime, else `default`, else an error."""
        try:
            return datetime.strptime(value, fmt)
        except (ValueError, TypeError, AttributeError):
            if default is _SENTINEL:
                raise_no_default("strptime", value)
            return default

    def _from_timestamp(self, value: Any, zone: tzinfo, default: Any, name: str) -> Any:
        try:
            return datetime.fromtimestamp(float(value), zone)
        except (ValueError, TypeError, OverflowError, OSError):
            if default is _SENTINEL:
                raise_no_default(name, value)
            return default

    def timestamp_local(self, value: Any, default: Any = _SENTINEL) -> Any:
        """ISO local time of a POSIX timestamp."""
        result = self._from_timestamp(value, self.time_zone, default, "timestamp_local")
        return result.isoformat() if isinstance(result, datetime) else result

    def timestamp_utc(self, value: Any, default: Any = _SENTINEL) -> Any:
        """ISO UTC time of a POSIX timestamp."""
        result = self._from_timestamp(value, UTC, default, "timestamp_utc")
        return result.isoformat() if isinstance(result, datetime) else result

    def timestamp_custom(
        self,
        value: Any,
        date_format: str = DEFAULT_TIMESTAMP_FORMAT,
        local: bool = True,
        default: Any = _SENTINEL,
    ) -> Any:
        """strftime of a POSIX timestamp, local time by default."""
        zone = self.time_zone if local else UTC
        result = self._from_timestamp(value, zone, default, "timestamp_custom")
        return result.strftime(date_format) if isinstance(result, datetime) else result


def as_timedelta(value: Any) -> timedelta | None:
    """'HH:MM[:SS]', '[-]D days, HH:MM:SS' or seconds as a timedelta, else None."""
    if isinstance(value, timedelta):
        return value
    text = str(value).strip()
    try:
        return timedelta(seconds=float(text))
    except ValueError:
        pass
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    days = 0
    if "day" in text:
        head, _, text = text.partition(",")
        try:
            days = int(head.split()[0])
        except (ValueError, IndexError):
            return None
    parts = text.strip().split(":")
    if not 2 <= len(parts) <= 3:
        return None
    try:
        hours, minutes = int(parts[0]), int(parts[1])
        seconds = float(parts[2]) if len(parts) == 3 else 0.0
    except ValueError:
        return None
    return sign * timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
