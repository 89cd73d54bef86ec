"""Purge: per-class retention, small batches, services, orphans and the size budget."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hub.recorder import RetentionRule, purge
from hub.recorder.config import FilterSpec

from .conftest import Factory, RecorderHarness

RULES = (
    RetentionRule(365, entity_id="lock.front"),
    RetentionRule(30, entity_id="sensor.power_main"),  # entity beats glob
    RetentionRule(2, entity_globs=("sensor.power_*",)),
    RetentionRule(1, entity_globs=("binary_sensor.tmp_*",)),  # glob beats device_class
    RetentionRule(60, device_class="door"),  # device_class beats domain
    RetentionRule(3, domain="binary_sensor"),
    RetentionRule(5, domain="light"),
)
ENTITIES = {
    "lock.front": {},
    "lock.back": {},
    "sensor.power_main": {},
    "sensor.power_1": {},
    "binary_sensor.tmp_door": {"device_class": "door"},
    "binary_sensor.front_door": {"device_class": "door"},
    "binary_sensor.window": {"device_class": "window"},
    "light.a": {},
    "switch.x": {},
}


def recorded(h: RecorderHarness) -> set[str]:
    return {
        r[0]
        for r in h.sql(
            "SELECT DISTINCT m.entity_id FROM states s JOIN states_meta m USING (metadata_id)"
        )
    }


async def test_per_class_retention(make_recorder: Factory) -> None:
    h = await make_recorder(retention=RULES, purge_keep_days=10)
    for entity_id, attrs in ENTITIES.items():
        h.set(entity_id, "on", attrs)
    await h.recorder.flush()
    start = h.clock.timestamp()
    expected = set(ENTITIES)
    for day, gone in (
        (1.5, {"binary_sensor.tmp_door"}),
        (2.5, {"sensor.power_1"}),
        (3.5, {"binary_sensor.window"}),
        (5.5, {"light.a"}),
        (10.5, {"lock.back", "switch.x"}),
        (30.5, {"sensor.power_main"}),
        (60.5, {"binary_sensor.front_door"}),
    ):
        await h.clock.advance(day * 86400 - (h.clock.timestamp() - start))
        await h.recorder.purge()
        expected -= gone
        assert recorded(h) == expected, f"day {day}"
    assert expected == {"lock.front"}


async def test_purge_runs_in_batches_and_writes_keep_flowing(
    make_recorder: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(purge, "PURGE_BATCH", 7)
    h = await make_recorder(purge_keep_days=1)
    for i in range(50):
        h.set("sensor.noisy", i, {"n": i % 5})
        await h.clock.advance(1)
    await h.recorder.flush()
    commits_before = h.recorder.status()["commits"]
    await h.clock.advance(timedelta(days=2))
    job = h.recorder.purge()
    for i in range(5):  # queued while the purge job is pending
        h.set("sensor.fresh", i)
    removed = await job
    await h.recorder.flush()
    assert removed["states"] == 50
    assert removed["state_attributes"] == 5  # orphaned attributes went with them
    assert recorded(h) == {"sensor.fresh"}
    assert h.sql("SELECT count(*) FROM states")[0][0] == 5
    assert h.sql("SELECT count(*) FROM state_attributes")[0][0] == 1
    assert h.recorder.status()["commits"] > commits_before
    # a new state with previously purged attributes gets a fresh attributes row
    h.set("sensor.noisy", "x", {"n": 1})
    await h.recorder.flush()
    query = (
        "SELECT count(*) FROM states s JOIN state_attributes a USING (attributes_id) "
        "WHERE a.shared_attrs = :attrs"
    )
    assert h.sql(query, attrs='{"n":1}')[0][0] == 1


async def test_purge_services_and_events(make_recorder: Factory) -> None:
    h = await make_recorder()
    remove = h.recorder.register_services(h.services)
    for entity_id in ("light.a", "light.b", "sensor.power_main", "sensor.power_2", "lock.x"):
        h.set(entity_id, "1")
    h.bus.fire("doorbell", {"n": 1})
    await h.clock.advance(5)
    await h.recorder.flush()
    await h.services.call("recorder", "purge_entities", {"entity_id": "sensor.power_main"})
    assert "sensor.power_main" not in recorded(h)
    await h.services.call(
        "recorder", "purge_entities", {"domains": ["light"], "entity_globs": ["sensor.power_*"]}
    )
    assert recorded(h) == {"lock.x"}
    await h.services.call("recorder", "purge", {"keep_days": 0, "repack": True})
    assert recorded(h) == set()
    # events fired before now are gone (the service calls just made remain, fired "now")
    left = {
        r[0]
        for r in h.sql("SELECT t.event_type FROM events JOIN event_types t USING (event_type_id)")
    }
    assert left == {"call_service"}
    assert h.sql("SELECT count(*) FROM event_data WHERE shared_data = :d", d='{"n":1}') == [(0,)]
    remove()
    assert not h.services.has("recorder", "purge")


async def test_nightly_auto_purge(make_recorder: Factory) -> None:
    h = await make_recorder(auto_purge=True, purge_keep_days=1)
    h.set("switch.x", "on")
    await h.recorder.flush()
    await h.clock.advance(timedelta(days=2))  # passes 04:12 twice
    await h.recorder.flush()
    assert recorded(h) == set()


async def test_size_budget_spares_protected_entities(
    make_recorder: Factory, sqlite_only: None
) -> None:
    h = await make_recorder(retention=(RetentionRule(365, domain="lock"),), max_db_size_mb=1.0)
    for i in range(1500):
        h.set("sensor.big", i, {"blob": f"{i:05d}" + "x" * 600})
        h.set("lock.door", "locked" if i % 2 else "unlocked")
        await h.clock.advance(1)
    await h.recorder.flush()
    removed = await h.recorder.enforce_size_budget()
    assert removed["states"] > 0
    assert (
        h.sql(
            "SELECT count(*) FROM states s JOIN states_meta m USING (metadata_id) "
            "WHERE m.entity_id = 'lock.door'"
        )[0][0]
        == 1500
    )
    remaining = h.sql(
        "SELECT min(s.state) FROM states s JOIN states_meta m USING (metadata_id) "
        "WHERE m.entity_id = 'sensor.big'"
    )
    assert remaining[0][0] is None or int(remaining[0][0]) > 0  # oldest went first
    used = h.sql(
        "SELECT (page_count - freelist_count) * page_size FROM pragma_page_count(), "
        "pragma_freelist_count(), pragma_page_size()"
    )[0][0]
    assert used <= 1_100_000


def event_types_recorded(h: RecorderHarness) -> set[str]:
    return {
        r[0]
        for r in h.sql("SELECT t.event_type FROM events JOIN event_types t USING (event_type_id)")
    }


async def test_purge_apply_filter_removes_rows_the_filter_now_excludes(
    make_recorder: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(purge, "PURGE_BATCH", 3)
    h = await make_recorder()  # no filter yet: everything is recorded
    for i in range(7):
        h.set("sensor.keep", i, {"unit": "W"})
        h.set("sensor.debug_x", i, {"unit": "W"} if i % 2 else {"debug_only": True})
        h.set("light.noisy", "on" if i % 2 else "off")
        h.bus.fire("noisy_event", {"n": 1} if i % 2 else {"noisy_only": i})
        await h.clock.advance(60)
    h.set("switch.a", "on")
    h.bus.fire("doorbell", {"n": 1})  # shares its event data with noisy events
    await h.recorder.stop()

    h = await make_recorder(
        exclude=FilterSpec(
            entities=frozenset({"light.noisy"}),
            entity_globs=("sensor.debug_*",),
            event_types=frozenset({"noisy_event"}),
        )
    )
    h.recorder.register_services(h.services)
    await h.services.call("recorder", "purge", {})  # rows are fresh, the filter is not applied
    assert recorded(h) == {"sensor.keep", "sensor.debug_x", "light.noisy", "switch.a"}
    assert "noisy_event" in event_types_recorded(h)
    commits_before = h.recorder.status()["commits"]

    job = h.services.call("recorder", "purge", {"apply_filter": True})
    for i in range(4):  # recording goes on around the purge
        h.set("sensor.fresh", i)
    await job
    await h.recorder.flush()
    assert recorded(h) == {"sensor.keep", "switch.a", "sensor.fresh"}
    assert h.sql("SELECT count(*) FROM states")[0][0] == 7 + 1 + 4
    assert "noisy_event" not in event_types_recorded(h)
    assert "doorbell" in event_types_recorded(h)
    assert h.recorder.status()["commits"] > commits_before
    # attributes and event data only the purged rows used are gone; shared ones stay
    attrs = {r[0] for r in h.sql("SELECT shared_attrs FROM state_attributes")}
    assert attrs == {'{"unit":"W"}', "{}"}
    data = {r[0] for r in h.sql("SELECT shared_data FROM event_data")}
    assert '{"n":1}' in data
    assert not any("noisy_only" in d for d in data)
    # without apply_filter nothing else goes, and recording still works on the kept entity
    h.set("sensor.keep", "x", {"unit": "W"})
    await h.recorder.flush()
    assert h.sql(
        "SELECT count(*) FROM states s JOIN states_meta m USING (metadata_id) "
        "WHERE m.entity_id = 'sensor.keep'"
    ) == [(8,)]


async def test_purge_entities_keep_days(make_recorder: Factory) -> None:
    h = await make_recorder()
    h.recorder.register_services(h.services)
    h.set("sensor.a", "old")
    h.set("sensor.b", "old")
    await h.clock.advance(timedelta(days=3))
    h.set("sensor.a", "new")
    await h.recorder.flush()
    await h.services.call("recorder", "purge_entities", {"entity_id": "sensor.a", "keep_days": 1})
    rows = h.sql(
        "SELECT m.entity_id, s.state FROM states s JOIN states_meta m USING (metadata_id) "
        "ORDER BY m.entity_id"
    )
    assert rows == [("sensor.a", "new"), ("sensor.b", "old")]
