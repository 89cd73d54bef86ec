"""date, time and datetime through their set_value services."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from hub.domains.date import DateEntity
from hub.domains.datetime import DateTimeEntity
from hub.domains.time import TimeEntity
from hub.errors import ValidationError

from .conftest import Core


class Holiday(DateEntity):
    async def set_value(self, value: date) -> None:
        self._native_value = value


async def test_date_state_and_set_value(core: Core) -> None:
    entity = Holiday("Holiday")
    eid = await core.add(entity)
    assert core.states.get(eid).state == "unknown"
    await core.call("date", "set_value", entity_id=eid, date="2026-12-24")
    assert entity.native_value == date(2026, 12, 24)
    state = core.states.get(eid)
    assert state.state == "2026-12-24"
    assert dict(state.attributes) == {"friendly_name": "Holiday"}
    with pytest.raises(ValidationError, match="date"):
        await core.call("date", "set_value", entity_id=eid, date="2026-02-30")
    with pytest.raises(ValidationError):
        await core.call("date", "set_value", entity_id=eid, value="2026-12-25")
    assert core.states.get(eid).state == "2026-12-24"


class Wakeup(TimeEntity):
    async def set_value(self, value: time) -> None:
        self._native_value = value


async def test_time_state_and_set_value(core: Core) -> None:
    entity = Wakeup("Wake-up")
    eid = await core.add(entity)
    await core.call("time", "set_value", entity_id=eid, time="06:45")
    assert core.states.get(eid).state == "06:45:00"
    await core.call("time", "set_value", entity_id=eid, time="22:15:30")
    assert entity.native_value == time(22, 15, 30)
    assert core.states.get(eid).state == "22:15:30"
    with pytest.raises(ValidationError, match="without a time zone"):
        await core.call("time", "set_value", entity_id=eid, time="07:00:00+02:00")
    with pytest.raises(ValidationError):
        await core.call("time", "set_value", entity_id=eid, time="25:00")
    assert core.states.get(eid).state == "22:15:30"


class Departure(DateTimeEntity):
    time_zone = ZoneInfo("Europe/Berlin")

    async def set_value(self, value: datetime) -> None:
        self._native_value = value


async def test_datetime_is_utc_and_reads_naive_input_in_the_zone(core: Core) -> None:
    entity = Departure("Departure")
    eid = await core.add(entity)
    assert core.states.get(eid).state == "unknown"
    # Naive: local time in the entity's zone (Berlin is UTC+1 in March before the switch).
    await core.call("datetime", "set_value", entity_id=eid, datetime="2026-03-01 07:30")
    assert entity.native_value == datetime(2026, 3, 1, 7, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert core.states.get(eid).state == "2026-03-01T06:30:00+00:00"
    # With an offset: taken as given, shown in UTC; sub-second parts are not shown.
    await core.call(
        "datetime", "set_value", entity_id=eid, datetime="2026-07-01T12:00:00.250-04:00"
    )
    assert entity.native_value.utcoffset() == timedelta(hours=-4)
    assert core.states.get(eid).state == "2026-07-01T16:00:00+00:00"
    with pytest.raises(ValidationError):
        await core.call("datetime", "set_value", entity_id=eid, datetime="tomorrow")


class Deadline(DateTimeEntity):
    """No zone override: the base reads naive input as UTC."""

    async def set_value(self, value: datetime) -> None:
        self._native_value = value


async def test_datetime_default_zone_is_utc(core: Core) -> None:
    entity = Deadline("Deadline")
    entity._native_value = datetime(2026, 1, 5, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    eid = await core.add(entity)
    assert core.states.get(eid).state == "2026-01-05T12:00:00+00:00"
    await core.call("datetime", "set_value", entity_id=eid, datetime="2026-01-06 08:00:00")
    assert entity.native_value == datetime(2026, 1, 6, 8, 0, tzinfo=UTC)
    assert core.states.get(eid).state == "2026-01-06T08:00:00+00:00"
