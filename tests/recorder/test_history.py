"""History in the compressed websocket form, and CSV export."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from .conftest import Factory, RecorderHarness


async def _scenario(h: RecorderHarness) -> tuple[float, float, float]:
    """light.desk: on (before the window), attribute-only change, off, on; returns times."""
    h.set("light.desk", "on", {"brightness": 10})
    before = h.clock.timestamp()
    await h.clock.advance(timedelta(minutes=10))
    start = h.clock.timestamp()
    await h.clock.advance(60)
    h.set("light.desk", "on", {"brightness": 200})  # attributes only
    attr_change = h.clock.timestamp()
    await h.clock.advance(60)
    h.set("light.desk", "off", {"brightness": 0})
    await h.clock.advance(60)
    h.set("light.desk", "on", {"brightness": 50})
    await h.recorder.flush()
    del before
    return start, attr_change, h.clock.timestamp()


async def test_history_start_state_and_significant_changes(make_recorder: Factory) -> None:
    h = await make_recorder()
    start, attr_change, last = await _scenario(h)
    result = await h.recorder.history_during_period(start, last + 1, ["light.desk"])
    entries = result["light.desk"]
    # the start-time state is stamped with the start time
    assert entries[0] == {"s": "on", "a": {"brightness": 10}, "lu": start}
    # significant_changes_only drops the attribute-only update
    assert [e["s"] for e in entries] == ["on", "off", "on"]
    assert entries[1]["a"] == {"brightness": 0}
    assert entries[2]["lu"] == last
    assert "lc" not in entries[2]

    full = await h.recorder.history_during_period(
        start, last + 1, ["light.desk"], significant_changes_only=False
    )
    rows = full["light.desk"]
    assert [e["s"] for e in rows] == ["on", "on", "off", "on"]
    # attribute-only update: last_changed stays at the earlier change
    assert rows[1]["lu"] == attr_change
    assert rows[1]["lc"] < attr_change


async def test_history_minimal_response_and_no_attributes(make_recorder: Factory) -> None:
    h = await make_recorder()
    start, _, last = await _scenario(h)
    minimal = await h.recorder.history_during_period(
        start, last + 1, ["light.desk"], minimal_response=True
    )
    first, *rest = minimal["light.desk"]
    assert first["a"] == {"brightness": 10}
    assert rest == [{"s": "off", "lu": last - 60}, {"s": "on", "lu": last}]

    bare = await h.recorder.history_during_period(
        start, last + 1, ["light.desk"], no_attributes=True, include_start_time_state=False
    )
    assert [e["a"] for e in bare["light.desk"]] == [{}, {}]
    assert [e["s"] for e in bare["light.desk"]] == ["off", "on"]


async def test_history_several_entities_and_window(make_recorder: Factory) -> None:
    h = await make_recorder()
    start = h.clock.timestamp()
    for i in range(5):
        h.set("sensor.a", i)
        h.set("sensor.b", i * 10)
        await h.clock.advance(60)
    await h.recorder.flush()
    result = await h.recorder.history_during_period(
        start + 60, start + 180, ["sensor.a", "sensor.b", "sensor.missing"]
    )
    assert set(result) == {"sensor.a", "sensor.b"}
    assert [e["s"] for e in result["sensor.a"]] == ["0", "1", "2"]
    assert result["sensor.a"][0]["lu"] == start + 60
    assert [e["s"] for e in result["sensor.b"]] == ["0", "10", "20"]


async def test_export_csv(make_recorder: Factory, tmp_path) -> None:
    h = await make_recorder()
    start = h.clock.timestamp()
    for i in range(3):
        h.set("sensor.power", i, {"unit_of_measurement": "W"})
        await h.clock.advance(30)
    await h.recorder.flush()
    text = await h.recorder.export_csv("sensor.power", start, h.clock.timestamp())
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["entity_id", "state", "last_changed", "last_updated", "attributes"]
    assert [r[1] for r in rows[1:]] == ["0", "1", "2"]
    assert rows[1][4] == '{"unit_of_measurement":"W"}'
    dest = tmp_path / "power.csv"
    await h.recorder.export_csv("sensor.power", start, h.clock.timestamp(), dest)
    assert dest.read_bytes() == text.encode()
