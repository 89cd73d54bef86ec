"""Alembic is only imported when an existing schema has to change; the head comes from the
files, and a new database built from the models matches what the migrations build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, inspect

from hub.recorder.database import (
    MIGRATIONS_DIR,
    current_revision,
    head_revision,
    make_engine,
    upgrade,
)

_UPGRADE_AND_REPORT = """
import sys
from hub.recorder.database import make_engine, upgrade
engine = make_engine(sys.argv[1])
upgrade(engine)
engine.dispose()
print("alembic" in sys.modules)
"""


def _upgrade_in_child(url: str) -> str:
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "-c", _UPGRADE_AND_REPORT, url],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=root,
        check=True,
    )
    return proc.stdout.strip()


def test_head_matches_alembic_script_directory() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert head_revision() == ScriptDirectory.from_config(cfg).get_current_head()


def test_alembic_imported_only_when_schema_changes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bastion.db'}"
    engine = make_engine(url)
    try:
        assert current_revision(engine) is None
    finally:
        engine.dispose()
    assert _upgrade_in_child(url) == "False"  # empty database: schema from the models
    assert _upgrade_in_child(url) == "False"  # at head: one query, no Alembic
    engine = make_engine(url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_alembic_imported_to_migrate_an_old_schema(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bastion.db'}"
    engine = make_engine(url)
    try:
        _migrate_with_alembic(engine, "0001")
    finally:
        engine.dispose()
    assert _upgrade_in_child(url) == "True"
    engine = make_engine(url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def _migrate_with_alembic(engine: Engine, target: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def _schema(engine: Engine) -> dict[str, Any]:
    """Tables with their columns, keys and indexes, in a comparable form."""
    with engine.connect() as conn:
        insp = inspect(conn)
        result: dict[str, Any] = {}
        for table in sorted(insp.get_table_names()):
            result[table] = {
                "columns": [
                    (c["name"], str(c["type"]), c["nullable"], bool(c.get("autoincrement")))
                    for c in insp.get_columns(table)
                ],
                "pk": insp.get_pk_constraint(table)["constrained_columns"],
                "fks": sorted(
                    (tuple(fk["constrained_columns"]), fk["referred_table"])
                    for fk in insp.get_foreign_keys(table)
                ),
                "indexes": sorted(
                    (ix["name"], tuple(ix["column_names"]), bool(ix["unique"]))
                    for ix in insp.get_indexes(table)
                ),
            }
        return result


def _drop_everything(engine: Engine) -> None:
    with engine.begin() as conn:
        reflected = MetaData()
        reflected.reflect(conn)
        reflected.drop_all(conn)
        assert inspect(conn).get_table_names() == []


def test_new_database_schema_matches_the_migrations(tmp_path: Path, db_url: str | None) -> None:
    url = db_url or f"sqlite:///{tmp_path / 'bastion.db'}"
    engine = make_engine(url)
    try:
        upgrade(engine)  # new database: built from the models and stamped
        from_models = _schema(engine)
        assert current_revision(engine) == head_revision()
        _drop_everything(engine)
        _migrate_with_alembic(engine, "head")
        assert _schema(engine) == from_models
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
