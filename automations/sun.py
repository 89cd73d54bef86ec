"""Sunrise and sunset for the hub's location (astral), for the sun trigger and condition."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from astral import LocationInfo
from astral.sun import sunrise, sunset

from .host import Host


def sun_event(host: Host, event: str, day: date) -> datetime | None:
    """Sunrise/sunset on `day` (local date) as aware UTC datetime; None at polar day/night."""
    core = host.core
    location = LocationInfo(
        "hub", "", "UTC", getattr(core, "latitude", 0.0), getattr(core, "longitude", 0.0)
    )
    func = sunrise if event == "sunrise" else sunset
    try:
        return func(location.observer, date=day, tzinfo=host.time_zone)
    except ValueError:
        return None


def next_sun_event(host: Host, event: str, offset: timedelta, after: datetime) -> datetime:
    """The next `event` + `offset` strictly after `after` (searches up to a year ahead)."""
    day = after.astimezone(host.time_zone).date() - timedelta(days=1)
    for _ in range(367):
        moment = sun_event(host, event, day)
        if moment is not None and moment + offset > after:
            return moment + offset
        day += timedelta(days=1)
    raise ValueError(f"no {event} within a year at this location")
