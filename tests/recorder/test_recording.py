"""Recording through the bus: filters, attribute and event-data dedup, events, status."""

from __future__ import annotations

from typing import Any

import pytest
import voluptuous as vol

from hub.context import Context
from hub.recorder import CONFIG_SCHEMA, RecorderConfig

from .conftest import Factory, RecorderHarness


def test_config_schema_defaults_and_rules() -> None:
    config = RecorderConfig.from_yaml(
        {
            "retention": [
                {"domain": "lock", "keep_days": 365},
                {"entity_globs": "sensor.power_*", "keep_days": 2},
            ],
            "exclude": {"domains": ["sun"], "event_types": "call_service"},
        }
    )
    assert config.commit_interval == 1.0
    assert config.purge_keep_days == 10
    assert config.buffer_limit == 100_000
    assert config.retention[1].entity_globs == ("sensor.power_*",)
    assert config.exclude.event_types == frozenset({"call_service"})
    with pytest.raises(vol.Invalid):
        CONFIG_SCHEMA({"retention": [{"domain": "lock", "device_class": "door", "keep_days": 1}]})
    with pytest.raises(vol.Invalid):
        CONFIG_SCHEMA({"commit_interval": -1})


async def test_include_exclude_filters(make_recorder: Factory) -> None:
    from hub.recorder.config import FilterSpec

    h = await make_recorder(
        include=FilterSpec(domains=frozenset({"light", "sensor"}), entities=frozenset({"lock.a"})),
        exclude=FilterSpec(
            entities=frozenset({"light.noisy"}),
            entity_globs=("sensor.debug_*",),
            event_types=frozenset({"ignored_event"}),
        ),
    )
    for entity_id in (
        "light.kitchen",
        "light.noisy",
        "sensor.temp",
        "sensor.debug_x",
        "lock.a",
        "lock.b",
        "switch.x",
    ):
        h.set(entity_id, "on")
    h.bus.fire("ignored_event", {"x": 1})
    h.bus.fire("kept_event", {"x": 1})
    await h.recorder.flush()
    recorded = {
        r[0]
        for r in h.sql(
            "SELECT m.entity_id FROM states s JOIN states_meta m ON m.metadata_id = s.metadata_id"
        )
    }
    assert recorded == {"light.kitchen", "sensor.temp", "lock.a"}
    types = {
        r[0]
        for r in h.sql("SELECT t.event_type FROM events e JOIN event_types t USING (event_type_id)")
    }
    assert "kept_event" in types
    assert "ignored_event" not in types
    assert "state_changed" not in types


async def test_attributes_and_event_data_are_deduplicated(make_recorder: Factory) -> None:
    h = await make_recorder()
    attrs = {"friendly_name": "Hall", "device_class": "temperature", "unit_of_measurement": "°C"}
    for value in range(20):
        h.set("sensor.hall", value, attrs)
        await h.clock.advance(1)
    await h.recorder.stop()
    # a new recorder starts with empty caches: identical attributes map to the stored row
    h = await make_recorder()
    h.set("sensor.hall", 99, attrs)
    h.set("sensor.other", 1, {"friendly_name": "Other"})
    for _ in range(3):
        h.bus.fire("doorbell", {"button": "front"})
    await h.recorder.flush()
    assert h.sql("SELECT count(*) FROM states")[0][0] == 22
    assert h.sql("SELECT count(*) FROM state_attributes")[0][0] == 2
    assert h.sql("SELECT count(DISTINCT attributes_id) FROM states")[0][0] == 2
    assert h.sql("SELECT count(*) FROM event_data")[0][0] == 1
    assert h.sql("SELECT count(*) FROM events")[0][0] == 3


async def test_rows_carry_context_and_old_state(make_recorder: Factory) -> None:
    h = await make_recorder()
    ctx = Context(user_id="user-1", parent_id="parent-1")
    h.set("lock.front", "locked")
    h.set("lock.front", "unlocked", context=ctx)  # same batch: old_state_id still chains
    await h.recorder.flush()
    rows = h.sql(
        "SELECT state_id, state, context_id, context_user_id, context_parent_id, old_state_id "
        "FROM states ORDER BY state_id"
    )
    assert [r[1] for r in rows] == ["locked", "unlocked"]
    assert rows[1][2:5] == (ctx.id, "user-1", "parent-1")
    assert rows[1][5] == rows[0][0]
    assert rows[0][5] is None


async def test_state_reported_only_is_not_recorded(make_recorder: Factory) -> None:
    h = await make_recorder()
    h.set("sensor.a", "1")
    h.set("sensor.a", "1")  # no change: state_reported
    await h.recorder.flush()
    assert h.sql("SELECT count(*) FROM states")[0][0] == 1
    status = h.recorder.status()
    assert status["db_engine"] in ("sqlite", "postgresql")
    assert status["dropped"] == 0
    assert status["backlog"] == 0
    assert status["last_error"] is None


def _rows(h: RecorderHarness, entity_id: str) -> list[tuple[Any, ...]]:
    return [
        tuple(r)
        for r in h.sql(
            "SELECT s.state, s.last_updated_ts, s.last_reported_ts FROM states s "
            "JOIN states_meta m USING (metadata_id) WHERE m.entity_id = :e ORDER BY s.state_id",
            e=entity_id,
        )
    ]


async def test_state_reported_moves_last_reported_of_the_committed_row(
    make_recorder: Factory,
) -> None:
    h = await make_recorder()
    h.set("sensor.a", "1", {"unit": "W"})
    written = h.clock.timestamp()
    await h.recorder.flush()
    assert _rows(h, "sensor.a") == [("1", written, None)]
    for _ in range(3):
        await h.clock.advance(10)
        h.set("sensor.a", "1", {"unit": "W"})  # unchanged: state_reported
        await h.recorder.flush()
        assert _rows(h, "sensor.a") == [("1", written, h.clock.timestamp())]
    await h.clock.advance(10)
    h.set("sensor.a", "2", {"unit": "W"})  # a change is a new row; the old one keeps its report
    await h.recorder.flush()
    assert _rows(h, "sensor.a") == [
        ("1", written, written + 30),
        ("2", h.clock.timestamp(), None),
    ]


async def test_state_reported_in_the_same_batch_and_after_a_restart(
    make_recorder: Factory,
) -> None:
    from hub.recorder.config import FilterSpec

    # an hour-long commit interval: everything below is written by the flush, in one batch
    h = await make_recorder(
        commit_interval=3600, exclude=FilterSpec(entities=frozenset({"sensor.skip"}))
    )
    t0 = h.clock.timestamp()
    h.set("sensor.b", "x")
    h.set("sensor.skip", "x")
    await h.clock.advance(5)
    h.set("sensor.b", "x")
    h.set("sensor.skip", "x")
    await h.clock.advance(5)
    h.set("sensor.b", "y")
    await h.clock.advance(5)
    kept = h.set("sensor.b", "y")
    await h.recorder.flush()
    assert h.recorder.status()["written"] == 2
    assert _rows(h, "sensor.b") == [("x", t0, t0 + 5), ("y", t0 + 10, t0 + 15)]
    assert _rows(h, "sensor.skip") == []
    await h.recorder.stop()

    # after a restart the restored state's reports still reach its stored row
    h = await make_recorder()
    h.states.restore(kept)
    await h.clock.advance(100)
    h.set("sensor.b", "y")
    await h.recorder.flush()
    assert _rows(h, "sensor.b") == [("x", t0, t0 + 5), ("y", t0 + 10, h.clock.timestamp())]
