"""Statistics: 5-minute and hourly compilation, meter resets, queries, survival of purges."""

from __future__ import annotations

from datetime import timedelta

import pytest

from .conftest import Factory, RecorderHarness

TEMP = {"state_class": "measurement", "unit_of_measurement": "°C", "friendly_name": "Temp"}
ENERGY = {"state_class": "total_increasing", "unit_of_measurement": "kWh"}


async def _feed(h: RecorderHarness) -> float:
    """Two sensors over the first 10 minutes of an hour; returns the hour start."""
    hour = h.clock.timestamp()
    assert hour % 3600 == 0
    h.set("sensor.temp", 10, TEMP)
    h.set("sensor.energy", 100, ENERGY)
    await h.clock.advance(60)
    h.set("sensor.energy", 105, ENERGY)
    await h.clock.advance(60)
    h.set("sensor.temp", 20, TEMP)
    await h.clock.advance(60)
    h.set("sensor.energy", 2, ENERGY)  # the meter was reset
    h.set("sensor.temp", "unavailable", TEMP)
    await h.clock.advance(60)
    h.set("sensor.temp", 30, TEMP)
    h.set("sensor.energy", 7, ENERGY)
    await h.clock.advance(120)
    h.set("sensor.energy", 10, ENERGY)
    await h.recorder.flush()
    return hour


async def test_short_term_and_hourly_statistics(make_recorder: Factory) -> None:
    h = await make_recorder()
    hour = await _feed(h)
    for index in range(12):
        await h.recorder.compile_statistics(hour + index * 300)

    short = await h.recorder.statistics_during_period(
        hour, hour + 600, ["sensor.temp", "sensor.energy"], period="5minute"
    )
    temp = short["sensor.temp"]
    assert temp[0]["start"] == int(hour * 1000)
    assert temp[0]["end"] == int((hour + 300) * 1000)
    # time-weighted over the time with a value: 10 for 120 s, 20 for 60 s, (unavailable 60 s
    # left out), 30 for 60 s
    assert temp[0]["mean"] == pytest.approx((10 * 120 + 20 * 60 + 30 * 60) / 240)
    assert (temp[0]["min"], temp[0]["max"]) == (10, 30)
    assert temp[1]["mean"] == pytest.approx(30)
    energy = short["sensor.energy"]
    # 100 -> 105 (+5), reset to 2 (+2), -> 7 (+5); then -> 10 (+3)
    assert (energy[0]["sum"], energy[0]["state"], energy[0]["change"]) == (12, 7, 12)
    assert (energy[1]["sum"], energy[1]["state"], energy[1]["change"]) == (15, 10, 3)

    hourly = await h.recorder.statistics_during_period(
        hour, None, ["sensor.temp", "sensor.energy"], period="hour"
    )
    assert len(hourly["sensor.temp"]) == 1
    assert hourly["sensor.temp"][0]["mean"] == pytest.approx((17.5 + 30 * 11) / 12)
    assert hourly["sensor.temp"][0]["max"] == 30
    assert hourly["sensor.energy"][0]["sum"] == 15
    assert hourly["sensor.energy"][0]["change"] == 15

    daily = await h.recorder.statistics_during_period(
        hour - 86400, hour + 86400, None, period="day", types={"sum", "change"}
    )
    assert daily["sensor.energy"][0].keys() == {"start", "end", "sum", "change"}
    assert daily["sensor.energy"][0]["change"] == 15

    ids = await h.recorder.list_statistic_ids()
    assert {i["statistic_id"] for i in ids} == {"sensor.temp", "sensor.energy"}
    means = await h.recorder.list_statistic_ids("mean")
    assert [(i["statistic_id"], i["statistics_unit_of_measurement"], i["name"]) for i in means] == [
        ("sensor.temp", "°C", "Temp")
    ]


async def test_statistics_continue_across_periods_and_survive_purge(make_recorder: Factory) -> None:
    h = await make_recorder()
    hour = await _feed(h)
    for index in range(12):
        await h.recorder.compile_statistics(hour + index * 300)
    await h.clock.advance(timedelta(hours=1))
    h.set("sensor.energy", 14, ENERGY)
    await h.recorder.flush()
    await h.recorder.compile_statistics(hour + 3600 + 3300 - 300)  # a later period of hour 2
    short = await h.recorder.statistics_during_period(
        hour + 3600, None, ["sensor.energy"], period="5minute"
    )
    assert short["sensor.energy"][-1]["sum"] == 19  # 15 carried over, +4

    await h.clock.advance(1)
    removed = await h.recorder.purge(keep_days=0)
    assert removed["states"] > 0
    assert removed["statistics_short_term"] > 0
    assert h.sql("SELECT count(*) FROM states")[0][0] == 0
    hourly = await h.recorder.statistics_during_period(hour, None, ["sensor.energy"], "hour")
    assert hourly["sensor.energy"][0]["sum"] == 15
