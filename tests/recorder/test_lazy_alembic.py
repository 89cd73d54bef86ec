"""Alembic is only imported when the schema has to change; the head comes from the files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from hub.recorder.database import MIGRATIONS_DIR, current_revision, head_revision, make_engine

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
    assert _upgrade_in_child(url) == "True"  # empty database: migrations run
    assert _upgrade_in_child(url) == "False"  # at head: one query, no Alembic
    engine = make_engine(url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
