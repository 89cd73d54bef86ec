"""Store: atomic writes, versions, migrations, refusal of newer files, private mode."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from hub.storage import StorageError, Store


async def test_save_and_load(tmp_path: Path) -> None:
    store = Store(tmp_path, "thing", 1)
    assert await store.load() is None
    await store.save({"a": 1})
    assert await Store(tmp_path, "thing", 1).load() == {"a": 1}
    assert not list((tmp_path / ".storage").glob(".thing.*.tmp"))


async def test_private_file_mode(tmp_path: Path) -> None:
    store = Store(tmp_path, "auth", 1, private=True)
    await store.save({"secret": "x"})
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


async def test_migration_runs_and_is_saved(tmp_path: Path) -> None:
    await Store(tmp_path, "m", 1).save({"old": True})

    def migrate(version: int, data: dict[str, Any]) -> dict[str, Any]:
        assert version == 1
        return {"new": data["old"]}

    assert await Store(tmp_path, "m", 2, migrate=migrate).load() == {"new": True}
    assert json.loads((tmp_path / ".storage" / "m").read_text())["version"] == 2


async def test_newer_version_and_garbage_refused(tmp_path: Path) -> None:
    await Store(tmp_path, "n", 3).save({})
    with pytest.raises(StorageError, match="newer"):
        await Store(tmp_path, "n", 2).load()
    (tmp_path / ".storage" / "bad").write_text("{not json")
    with pytest.raises(StorageError, match="not valid JSON"):
        await Store(tmp_path, "bad", 1).load()


async def test_delay_save_coalesces_and_flush_writes(tmp_path: Path) -> None:
    store = Store(tmp_path, "d", 1)
    counter = {"n": 0}

    def data() -> dict[str, int]:
        counter["n"] += 1
        return {"v": counter["n"]}

    store.delay_save(data, 60)
    store.delay_save(data, 60)
    assert store.has_pending
    await store.flush()
    assert counter["n"] == 1
    assert await Store(tmp_path, "d", 1).load() == {"v": 1}
