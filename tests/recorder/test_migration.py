"""Schema migrations: a database created at revision 0001 upgrades on start and keeps its rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from hub.recorder import RecorderConfig
from hub.recorder.database import current_revision, head_revision, make_engine, upgrade

from .conftest import Factory


def _matching(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern))


def _seed_revision_1(url: str) -> None:
    engine = make_engine(url)
    try:
        upgrade(engine, "0001")
        assert current_revision(engine) == "0001"
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO states_meta (entity_id) VALUES ('lock.front')"))
            conn.execute(
                text(
                    "INSERT INTO state_attributes (hash, shared_attrs) "
                    'VALUES (1, \'{"friendly_name":"Front"}\')'
                )
            )
            for i, (state, ts) in enumerate((("locked", 1000.0), ("unlocked", 2000.0))):
                conn.execute(
                    text(
                        "INSERT INTO states (metadata_id, state, attributes_id, last_updated_ts, "
                        "context_id, old_state_id) VALUES (1, :s, 1, :ts, :ctx, :old)"
                    ),
                    {"s": state, "ts": ts, "ctx": f"ctx{i}", "old": i or None},
                )
            conn.execute(
                text(
                    "INSERT INTO statistics_meta (statistic_id, source, unit_of_measurement, "
                    "has_mean, has_sum, name) VALUES ('sensor.t', 'recorder', 'C', :t, :f, 'T')"
                ),
                {"t": True, "f": False},
            )
            conn.execute(
                text(
                    "INSERT INTO statistics (metadata_id, created_ts, start_ts, mean, min, max) "
                    "VALUES (1, 0, 3600, 20.5, 20, 21)"
                )
            )
    finally:
        engine.dispose()


async def test_upgrade_from_revision_1(
    make_recorder: Factory, db_url: str | None, config_dir: Path
) -> None:
    url = RecorderConfig(db_url=db_url).database_url(config_dir)
    _seed_revision_1(url)
    h = await make_recorder()
    history = await h.recorder.history_during_period(0, None, ["lock.front"])
    assert history["lock.front"] == [
        {"s": "locked", "a": {"friendly_name": "Front"}, "lu": 1000.0},
        {"s": "unlocked", "a": {"friendly_name": "Front"}, "lu": 2000.0},
    ]
    stats = await h.recorder.statistics_during_period(0, None, ["sensor.t"], "hour", {"mean"})
    assert stats == {"sensor.t": [{"start": 3_600_000, "end": 7_200_000, "mean": 20.5}]}
    # revision 2 is in place: device_class is tracked and new rows chain to the old ones
    h.set("lock.front", "locked", {"device_class": "lock"})
    await h.recorder.flush()
    assert h.sql("SELECT device_class FROM states_meta WHERE entity_id = 'lock.front'") == [
        ("lock",)
    ]
    assert h.sql("SELECT old_state_id FROM states ORDER BY state_id DESC LIMIT 1") == [(2,)]
    assert {r[0] for r in h.sql("SELECT schema_version FROM schema_changes")} == {1, 2}
    assert h.sql("SELECT version_num FROM alembic_version") == [(head_revision(),)]
    if db_url is None:  # SQLite: the pre-migration copy is a readable revision-1 database
        backups = _matching(config_dir, "bastion.db.pre-migration-0001-*")
        assert len(backups) == 1
        copy = sqlite3.connect(backups[0])
        try:
            assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
            assert copy.execute("SELECT count(*) FROM states").fetchone() == (2,)
        finally:
            copy.close()


async def test_fresh_database_needs_no_backup(make_recorder: Factory, config_dir: Path) -> None:
    await make_recorder()
    assert _matching(config_dir, "*.pre-migration-*") == []
