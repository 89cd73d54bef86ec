"""Online backup of the SQLite database; PostgreSQL points to pg_dump."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hub.errors import HubError

from .conftest import Factory


async def test_backup_while_recording(make_recorder: Factory, tmp_path: Path) -> None:
    h = await make_recorder()
    for i in range(100):
        h.set("sensor.a", i)
    await h.recorder.flush()
    if h.recorder.status()["db_engine"] != "sqlite":
        with pytest.raises(HubError, match="pg_dump"):
            await h.recorder.backup_database(tmp_path / "copy.db")
        return
    h.set("sensor.a", "queued")  # not flushed: may or may not be in the copy
    dest = tmp_path / "backups" / "copy.db"
    await h.recorder.backup_database(dest)
    copy = sqlite3.connect(dest)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM states").fetchone()[0] >= 100
    finally:
        copy.close()
    assert not list(dest.parent.glob("*.partial"))
