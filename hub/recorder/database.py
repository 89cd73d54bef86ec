"""Engine creation (SQLite pragmas, PostgreSQL timeouts), Alembic upgrades and backups."""

from __future__ import annotations

import functools
import glob
import logging
import re
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url

from ..errors import HubError
from .config import DEFAULT_KEEP_PRE_MIGRATION_COPIES

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

_LOGGER = logging.getLogger(__name__)

CONNECT_TIMEOUT = 10  # seconds, PostgreSQL
SQLITE_BUSY_TIMEOUT = 30.0  # seconds
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"
PRE_MIGRATION = ".pre-migration-"  # <db file>.pre-migration-<old revision>-<unix time>
_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*(.+?)\s*$", re.MULTILINE)


def make_engine(url: str) -> Engine:
    """An engine tuned for the recorder: WAL + synchronous=NORMAL on SQLite, pre-ping elsewhere."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT, "check_same_thread": False}
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=OFF")
            cursor.close()

        return engine
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        connect_args["connect_timeout"] = CONNECT_TIMEOUT
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def _alembic_config() -> AlembicConfig:
    from alembic.config import Config as AlembicConfig  # only needed to migrate (~10 MiB)

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


@functools.cache
def head_revision() -> str:
    """The newest migration revision id, read from the migration files without Alembic.

    Alembic and its script machinery cost ~10 MiB of memory, so a start against an
    up-to-date schema never imports them: each file in migrations/versions declares
    `revision = "..."` and `down_revision = ...`; the head is the one nobody revises.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue
        revisions.add(found["revision"].strip("\"'"))
        parent = found.get("down_revision", "None").strip("\"'")
        if parent != "None":
            parents.add(parent)
    heads = revisions - parents
    if len(heads) != 1:
        raise HubError(f"Recorder migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database), with one cheap query."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        rows = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(rows) > 1:
        raise HubError(f"Recorder database has several schema revisions: {sorted(rows)}")
    return rows[0] if rows else None


def upgrade(
    engine: Engine, revision: str = "head", keep_copies: int = DEFAULT_KEEP_PRE_MIGRATION_COPIES
) -> None:
    """Bring the schema to `revision`; for SQLite, back up a database that already had a schema
    and, once the migration succeeded, keep only the newest `keep_copies` such copies.

    Alembic is imported only when the schema actually has to change.
    """
    current = current_revision(engine)
    target = head_revision() if revision == "head" else revision
    if current == target:
        return
    if current is None and target == head_revision() and _is_empty(engine):
        _create_at_head(engine, target)
        return
    from alembic import command

    db_path = sqlite_path(engine)
    backup: Path | None = None
    if current is not None and db_path is not None and db_path.exists():
        backup = db_path.with_name(f"{db_path.name}{PRE_MIGRATION}{current}-{int(time.time())}")
        _LOGGER.warning("Backing up %s to %s before migrating schema", db_path, backup)
        backup_sqlite(engine, backup)
    _LOGGER.info("Migrating recorder schema from %s to %s", current, target)
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    # Only after success: a failed migration leaves every copy, the new one included.
    if backup is not None and db_path is not None:
        prune_pre_migration_copies(db_path, keep_copies)


def _is_empty(engine: Engine) -> bool:
    with engine.connect() as conn:
        return not inspect(conn).get_table_names()


def _create_at_head(engine: Engine, head: str) -> None:
    """A new database gets the head schema straight from the models, stamped with the head
    revision the way Alembic stamps it; Alembic (~10 MiB resident) is never imported for it.
    A test keeps this schema identical to the one the migrations build."""
    from .models import metadata

    _LOGGER.info("Creating recorder schema at revision %s", head)
    with engine.begin() as conn:
        metadata.create_all(conn)
        conn.execute(
            text(
                f"CREATE TABLE {VERSION_TABLE} (version_num VARCHAR(32) NOT NULL, "
                f"CONSTRAINT {VERSION_TABLE}_pkc PRIMARY KEY (version_num))"
            )
        )
        conn.execute(text(f"INSERT INTO {VERSION_TABLE} (version_num) VALUES (:v)"), {"v": head})


def pre_migration_copies(db_path: Path) -> list[Path]:
    """The pre-migration copies of `db_path`, oldest first (by the time in their name)."""
    pattern = re.compile(re.escape(db_path.name + PRE_MIGRATION) + r".+-(\d+)")
    found: list[tuple[int, str, Path]] = []
    for path in db_path.parent.glob(f"{glob.escape(db_path.name)}{PRE_MIGRATION}*"):
        match = pattern.fullmatch(path.name)
        if match is not None and path.is_file():
            found.append((int(match.group(1)), path.name, path))
    return [path for _, _, path in sorted(found)]


def prune_pre_migration_copies(db_path: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` pre-migration copies of `db_path`; returns the removed."""
    copies = pre_migration_copies(db_path)
    doomed = copies[: max(0, len(copies) - keep)]
    removed: list[Path] = []
    for path in doomed:
        try:
            path.unlink()
        except OSError as err:
            _LOGGER.warning("Could not remove old pre-migration copy %s: %s", path, err)
            continue
        removed.append(path)
    if removed:
        _LOGGER.info(
            "Removed %d old pre-migration copies (keeping the newest %d): %s",
            len(removed),
            keep,
            ", ".join(p.name for p in removed),
        )
    return removed


def sqlite_path(engine: Engine) -> Path | None:
    """The database file for a file-backed SQLite engine, else None."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(database)


def backup_sqlite(engine: Engine, dest: Path) -> None:
    """Copy a live SQLite database to `dest` with the online backup API (consistent snapshot)."""
    if engine.dialect.name != "sqlite":
        raise HubError(
            "Database backup is only built in for SQLite; for PostgreSQL use pg_dump "
            "(e.g. `pg_dump -Fc -f bastion.dump <database>`)"
        )
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".partial")
    raw = engine.raw_connection()
    try:
        source: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)  # one step: a WAL reader never blocks the writer
        finally:
            target.close()
    finally:
        raw.close()
    tmp.replace(dest)


def database_size(engine: Engine) -> int:
    """Bytes used by the recorder (SQLite: used pages; PostgreSQL: its tables with indexes)."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            page_size = conn.execute(text("PRAGMA page_size")).scalar_one()
            pages = conn.execute(text("PRAGMA page_count")).scalar_one()
            free = conn.execute(text("PRAGMA freelist_count")).scalar_one()
            return int((pages - free) * page_size)
        if engine.dialect.name == "postgresql":
            return int(
                conn.execute(
                    text(
                        "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                        "JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
                    )
                ).scalar_one()
            )
    return 0
