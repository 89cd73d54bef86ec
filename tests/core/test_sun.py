"""hub.sun: sun events, position and above/below horizon for a location."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hub.sun import Location, event_on, is_up, next_event, position

HERE = Location(52.37, 4.89)


def test_next_event_and_is_up() -> None:
    noon = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    sunset = next_event(HERE, "sunset", noon)
    assert sunset is not None and sunset.date() == noon.date()
    assert 15 <= sunset.hour <= 16
    assert is_up(HERE, noon)
    assert not is_up(HERE, sunset)
    assert next_event(HERE, "sunrise", noon) > sunset
    assert event_on(HERE, "sunrise", noon.date()) < noon
    assert next_event(Location(89.0, 0.0), "sunrise", noon) is not None  # polar spring


def test_offset_and_local_days() -> None:
    noon = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    sunset = next_event(HERE, "sunset", noon)
    assert sunset is not None
    early = next_event(HERE, "sunset", noon, offset=timedelta(minutes=-30))
    assert early == sunset - timedelta(minutes=30)
    # once the offset moment has passed, the next one is a day later
    later = next_event(HERE, "sunset", early, offset=timedelta(minutes=-30))
    assert later is not None and later.date() > early.date()
    amsterdam = ZoneInfo("Europe/Amsterdam")
    assert event_on(HERE, "sunset", noon.date(), amsterdam) == sunset
    assert position(HERE, noon)[0] > 0 > position(HERE, sunset + timedelta(hours=2))[0]


def test_location_from_core_config_and_unknown_event() -> None:
    class Core:
        latitude = 52.37
        longitude = 4.89
        elevation = 0

    assert Location.of(Core()) == HERE
    assert Location.of(object()) == Location(0.0, 0.0)
    with pytest.raises(ValueError, match="unknown sun event"):
        event_on(HERE, "teatime", datetime(2026, 1, 5).date())
    midsummer = datetime(2026, 6, 21, tzinfo=UTC)
    polar = Location(89.0, 0.0)
    assert event_on(polar, "sunset", midsummer.date()) is None  # polar day
    assert position(polar, midsummer)[0] > 20
    assert next_event(polar, "sunset", midsummer) > midsummer + timedelta(days=60)
