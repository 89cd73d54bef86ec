"""Schema migrations: a database created at revision 0001 upgrades on start and keeps its rows."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
import voluptuous as vol
from sqlalchemy import text

from hub.errors import NotReady
from hub.recorder import CONFIG_SCHEMA, RecorderConfig
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


def _fake_copies(config_dir: Path) -> dict[str, Path]:
    """Older pre-migration copies, a leftover partial copy and another database's copy."""
    names = [
        "bastion.db.pre-migration-0001-1000",
        "bastion.db.pre-migration-0001-3000",
        "bastion.db.pre-migration-0001-2000",
        "bastion.db.pre-migration-0001-4000.partial",
        "other.db.pre-migration-0001-10",
    ]
    paths = {name: config_dir / name for name in names}
    for path in paths.values():
        path.write_bytes(b"old copy")
    return paths


def test_keep_pre_migration_copies_is_validated() -> None:
    assert RecorderConfig.from_yaml({}).keep_pre_migration_copies == 2
    assert (
        RecorderConfig.from_yaml({"keep_pre_migration_copies": "0"}).keep_pre_migration_copies == 0
    )
    for bad in (-1, "many"):
        with pytest.raises(vol.Invalid):
            CONFIG_SCHEMA({"keep_pre_migration_copies": bad})


async def test_old_pre_migration_copies_are_pruned(
    make_recorder: Factory,
    db_url: str | None,
    config_dir: Path,
    sqlite_only: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _seed_revision_1(RecorderConfig(db_url=db_url).database_url(config_dir))
    fakes = _fake_copies(config_dir)
    with caplog.at_level(logging.INFO, logger="hub.recorder.database"):
        await make_recorder(keep_pre_migration_copies=2)
    copies = _matching(config_dir, "bastion.db.pre-migration-*")
    new = [p for p in copies if p.name not in fakes]
    assert len(new) == 1  # the copy made for this migration
    assert set(copies) == {
        new[0],
        fakes["bastion.db.pre-migration-0001-3000"],  # the newest older copy
        fakes["bastion.db.pre-migration-0001-4000.partial"],  # not a copy: left alone
    }
    assert fakes["other.db.pre-migration-0001-10"].exists()
    removed = [r.getMessage() for r in caplog.records if "Removed 2 old pre-migration" in r.message]
    assert len(removed) == 1
    assert "bastion.db.pre-migration-0001-1000" in removed[0]
    assert "bastion.db.pre-migration-0001-2000" in removed[0]
    assert "-3000" not in removed[0]


async def test_zero_copies_kept_after_a_successful_migration(
    make_recorder: Factory, db_url: str | None, config_dir: Path, sqlite_only: None
) -> None:
    _seed_revision_1(RecorderConfig(db_url=db_url).database_url(config_dir))
    fakes = _fake_copies(config_dir)
    await make_recorder(keep_pre_migration_copies=0)
    assert _matching(config_dir, "bastion.db.pre-migration-*") == [
        fakes["bastion.db.pre-migration-0001-4000.partial"]
    ]


async def test_failed_migration_keeps_every_copy(
    make_recorder: Factory, db_url: str | None, config_dir: Path, sqlite_only: None
) -> None:
    url = RecorderConfig(db_url=db_url).database_url(config_dir)
    _seed_revision_1(url)
    engine = make_engine(url)
    try:
        with engine.begin() as conn:  # revision 0002 creates this index: the upgrade fails
            conn.execute(text("CREATE INDEX ix_events_data_id ON events (data_id)"))
    finally:
        engine.dispose()
    fakes = _fake_copies(config_dir)
    with pytest.raises(NotReady):
        await make_recorder(keep_pre_migration_copies=0)
    copies = _matching(config_dir, "bastion.db.pre-migration-*")
    assert {p for p in copies if p.name in fakes} == {
        p for name, p in fakes.items() if name.startswith("bastion.db")
    }
    new = [p for p in copies if p.name not in fakes]
    assert len(new) == 1  # the copy for the attempt that failed is kept
    copy = sqlite3.connect(new[0])
    try:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    finally:
        copy.close()
