"""Sun events and position for a location, via astral; used by sun.sun and sun triggers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from astral import Observer
from astral import sun as astral_sun

SUN_EVENTS = ("dawn", "sunrise", "noon", "sunset", "dusk", "midnight")
SEARCH_DAYS = 366

_FUNCTIONS = {
    "dawn": astral_sun.dawn,
    "sunrise": astral_sun.sunrise,
    "noon": astral_sun.noon,
    "sunset": astral_sun.sunset,
    "dusk": astral_sun.dusk,
    "midnight": astral_sun.midnight,
}


@dataclass(frozen=True, slots=True)
class SunLocation:
    """Where the sun is observed from (degrees, metres)."""

    latitude: float
    longitude: float
    elevation: float = 0.0

    @classmethod
    def of(cls, source: Any) -> SunLocation:
        """From a SunLocation, an IntegrationContext (its core config) or a CoreConfig."""
        if isinstance(source, SunLocation):
            return source
        core = getattr(source, "core", source)
        return cls(
            float(getattr(core, "latitude", 0.0)),
            float(getattr(core, "longitude", 0.0)),
            float(getattr(core, "elevation", 0) or 0),
        )

    @property
    def observer(self) -> Observer:
        return Observer(self.latitude, self.longitude, self.elevation)


def event_on(source: Any, event: str, day: date, tz: tzinfo = UTC) -> datetime | None:
    """When `event` happens on local `day` in `tz` (as UTC), or None if it does not that day."""
    if event not in _FUNCTIONS:
        raise ValueError(f"unknown sun event {event!r}; expected one of {', '.join(SUN_EVENTS)}")
    observer = SunLocation.of(source).observer
    try:
        when = _FUNCTIONS[event](observer, day, tzinfo=tz)
    except ValueError:  # the sun never reaches that depression on this day (polar regions)
        return None
    return when.astimezone(UTC)


def next_event(source: Any, event: str, after: datetime) -> datetime | None:
    """The first `event` strictly after `after` (UTC), or None within a year (polar)."""
    if after.tzinfo is None:
        after = after.replace(tzinfo=UTC)
    start = after.astimezone(UTC).date() - timedelta(days=1)
    for offset in range(SEARCH_DAYS + 2):
        when = event_on(source, event, start + timedelta(days=offset))
        if when is not None and when > after:
            return when
    return None


def position(source: Any, when: datetime) -> tuple[float, float]:
    """(elevation, azimuth) of the sun in degrees at `when`."""
    observer = SunLocation.of(source).observer
    return (
        float(astral_sun.elevation(observer, when)),
        float(astral_sun.azimuth(observer, when)),
    )


def is_up(source: Any, when: datetime) -> bool:
    """True between sunrise and sunset: the next setting comes before the next rising."""
    rising = next_event(source, "sunrise", when)
    setting = next_event(source, "sunset", when)
    if rising is None and setting is None:  # polar day or night: decide by elevation
        return position(source, when)[0] > 0
    if rising is None:
        return True
    if setting is None:
        return False
    return setting < rising
