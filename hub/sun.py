"""Sun events and position for a location (via astral): pure math shared by the `sun`
integration and the automation engine's sun trigger and condition."""

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
class Location:
    """Where the sun is observed from (degrees, metres above sea level)."""

    latitude: float
    longitude: float
    elevation: float = 0.0

    @classmethod
    def of(cls, core: Any) -> Location:
        """From the core configuration (its latitude, longitude and elevation)."""
        return cls(
            float(getattr(core, "latitude", 0.0)),
            float(getattr(core, "longitude", 0.0)),
            float(getattr(core, "elevation", 0) or 0),
        )

    @property
    def observer(self) -> Observer:
        return Observer(self.latitude, self.longitude, self.elevation)


def event_on(location: Location, event: str, day: date, tz: tzinfo = UTC) -> datetime | None:
    """When `event` happens on local `day` in `tz` (as UTC), or None if it does not that day."""
    if event not in _FUNCTIONS:
        raise ValueError(f"unknown sun event {event!r}; expected one of {', '.join(SUN_EVENTS)}")
    try:
        when = _FUNCTIONS[event](location.observer, day, tzinfo=tz)
    except ValueError:  # the sun never reaches that depression on this day (polar regions)
        return None
    return when.astimezone(UTC)


def next_event(
    location: Location,
    event: str,
    after: datetime,
    *,
    offset: timedelta = timedelta(0),
    tz: tzinfo = UTC,
) -> datetime | None:
    """The first `event` + `offset` strictly after `after` (as UTC; days counted in `tz`), or
    None when there is none within a year (polar day or night)."""
    if after.tzinfo is None:
        after = after.replace(tzinfo=UTC)
    start = after.astimezone(tz).date() - timedelta(days=1)
    for days in range(SEARCH_DAYS + 2):
        when = event_on(location, event, start + timedelta(days=days), tz)
        if when is not None and when + offset > after:
            return when + offset
    return None


def position(location: Location, when: datetime) -> tuple[float, float]:
    """(elevation, azimuth) of the sun in degrees at `when`."""
    observer = location.observer
    return (
        float(astral_sun.elevation(observer, when)),
        float(astral_sun.azimuth(observer, when)),
    )


def is_up(location: Location, when: datetime) -> bool:
    """True between sunrise and sunset: the next setting comes before the next rising."""
    rising = next_event(location, "sunrise", when)
    setting = next_event(location, "sunset", when)
    if rising is None and setting is None:  # polar day or night: decide by elevation
        return position(location, when)[0] > 0
    if rising is None:
        return True
    if setting is None:
        return False
    return setting < rising
