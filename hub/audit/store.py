"""The audit database: an SQLite file (WAL) with the records and a small meta table.

Blocking; used only from the audit writer thread and from the CLI.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import HubError
from .chain import (
    ALG_HMAC,
    ALG_SHA256,
    AuditRecord,
    ChainStart,
    Hasher,
    Problem,
    VerifyReport,
)
from .chain import verify_chain as _verify_chain

DB_FILE = "audit.db"
KEY_FILE = Path(".storage") / "audit_key"
BUSY_TIMEOUT = 10.0  # seconds SQLite waits for a lock
SCHEMA_VERSION = "1"
COLUMNS = (
    "seq, ts_us, action, outcome, user_id, actor, context_id, parent_id, target, details, "
    "prev_hash, hash"
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit_log (
    seq INTEGER PRIMARY KEY,
    ts_us INTEGER NOT NULL,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL,
    user_id TEXT,
    actor TEXT,
    context_id TEXT,
    parent_id TEXT,
    target TEXT,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_audit_ts ON audit_log (ts_us);
CREATE INDEX IF NOT EXISTS ix_audit_user ON audit_log (user_id, seq);
CREATE INDEX IF NOT EXISTS ix_audit_target ON audit_log (target, seq);
CREATE TRIGGER IF NOT EXISTS audit_log_append_only BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""


class AuditStoreError(HubError):
    """The audit database or its key cannot be used."""


@dataclass(frozen=True, slots=True)
class PendingRecord:
    """A record accepted on the event loop, waiting for its seq and hash."""

    ts_us: int
    action: str
    outcome: str
    user_id: str | None
    actor: str | None
    context_id: str | None
    parent_id: str | None
    target: str | None
    details: str


def db_path(config_dir: Path) -> Path:
    return config_dir / DB_FILE


def read_key(config_dir: Path) -> bytes | None:
    path = config_dir / KEY_FILE
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        return None
    except ValueError as err:
        raise AuditStoreError(f"{path} is not a valid audit key") from err


def create_key(config_dir: Path) -> bytes:
    """Write a new random key file readable only by its owner (0600)."""
    path = config_dir / KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
    return key


def _key_id(key: bytes) -> str:
    return Hasher(None).digest(b"bastion-audit-key:" + key)[:16]


class AuditStore:
    """One connection to `<config>/audit.db`; creates the schema and genesis on first use."""

    def __init__(self, config_dir: Path, *, use_key: bool = True, create: bool = True) -> None:
        path = db_path(config_dir)
        if not create and not path.exists():
            raise AuditStoreError(f"No audit log at {path}")
        self._conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.executescript(_SCHEMA)
            self.meta = self._load_meta()
            if "genesis" not in self.meta:
                if not create:
                    raise AuditStoreError(f"{path} is not an initialised audit log")
                self._initialise(config_dir, use_key)
            self.hasher = self._hasher(config_dir)
        except BaseException:
            self._conn.close()
            raise

    # -- setup ---------------------------------------------------------------------------
    def _load_meta(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT key, value FROM audit_meta").fetchall())

    def _initialise(self, config_dir: Path, use_key: bool) -> None:
        meta = {"version": SCHEMA_VERSION, "genesis": secrets.token_hex(32)}
        if use_key:
            key = read_key(config_dir) or create_key(config_dir)
            meta.update(algorithm=ALG_HMAC, key_id=_key_id(key))
        else:
            meta["algorithm"] = ALG_SHA256
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            if not self._load_meta():
                self._conn.executemany("INSERT INTO audit_meta VALUES (?, ?)", meta.items())
        self.meta = self._load_meta()

    def _hasher(self, config_dir: Path) -> Hasher:
        if self.meta.get("algorithm") != ALG_HMAC:
            return Hasher(None)
        key = read_key(config_dir)
        if key is None:
            raise AuditStoreError(
                f"The audit log is keyed but {config_dir / KEY_FILE} is missing; "
                "restore the key file to append to or verify it"
            )
        if _key_id(key) != self.meta.get("key_id"):
            raise AuditStoreError(f"{config_dir / KEY_FILE} is not the key of this audit log")
        return Hasher(key)

    def close(self) -> None:
        self._conn.close()

    # -- chain ends ----------------------------------------------------------------------
    @property
    def genesis(self) -> str:
        return self.meta["genesis"]

    def start(self) -> ChainStart:
        """The checkpoint left by pruning, or seq 0 with the genesis value."""
        if "checkpoint_seq" in self.meta:
            return ChainStart(int(self.meta["checkpoint_seq"]), self.meta["checkpoint_hash"])
        return ChainStart(0, self.genesis)

    def head(self) -> ChainStart:
        """The newest record's seq and hash (the start when the log is empty)."""
        row = self._conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        found = row.fetchone()
        return ChainStart(found[0], found[1]) if found else self.start()

    def recorded_head(self) -> tuple[ChainStart | None, bool]:
        """The head marker written with each batch, and whether its tag is genuine."""
        if "head_seq" not in self.meta:
            return None, True
        head = ChainStart(int(self.meta["head_seq"]), self.meta["head_hash"])
        tag = self.hasher.tag("head", head.seq, head.hash, self.genesis)
        return head, tag == self.meta.get("head_tag")

    # -- writing -------------------------------------------------------------------------
    def append(self, pending: Sequence[PendingRecord]) -> ChainStart:
        """Chain and insert records in one transaction; returns the new head."""
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            head = self.head()
            rows = []
            for item in pending:
                fields: dict[str, Any] = {
                    "seq": head.seq + 1,
                    "ts_us": item.ts_us,
                    "action": item.action,
                    "outcome": item.outcome,
                    "user_id": item.user_id,
                    "actor": item.actor,
                    "context_id": item.context_id,
                    "parent_id": item.parent_id,
                    "target": item.target,
                    "details": item.details,
                    "prev_hash": head.hash,
                }
                digest = self.hasher.record_hash(fields)
                rows.append((*fields.values(), digest))
                head = ChainStart(head.seq + 1, digest)
            self._conn.executemany(
                f"INSERT INTO audit_log ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows
            )
            self._set_meta(
                head_seq=str(head.seq),
                head_hash=head.hash,
                head_tag=self.hasher.tag("head", head.seq, head.hash, self.genesis),
            )
        return head

    def _set_meta(self, **values: str) -> None:
        self._conn.executemany(
            "INSERT INTO audit_meta VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            values.items(),
        )
        self.meta.update(values)

    def prune(self, before_us: int, batch: int = 5000) -> int:
        """Delete records older than `before_us`, moving the checkpoint to the last one.

        Stops at the first record that is still young, so the kept chain stays contiguous.
        """
        removed = 0
        while True:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                first = self._conn.execute("SELECT MIN(seq) FROM audit_log").fetchone()[0]
                young = self._conn.execute(
                    "SELECT MIN(seq) FROM audit_log WHERE ts_us >= ?", (before_us,)
                ).fetchone()[0]
                if young is None:
                    young = self._conn.execute("SELECT MAX(seq) + 1 FROM audit_log").fetchone()[0]
                if first is None or young is None or young <= first:
                    return removed
                last = self._conn.execute(
                    "SELECT seq, hash FROM audit_log WHERE seq <= ? ORDER BY seq DESC LIMIT 1",
                    (min(young - 1, first + batch - 1),),
                ).fetchone()
                cursor = self._conn.execute("DELETE FROM audit_log WHERE seq <= ?", (last[0],))
                removed += cursor.rowcount
                self._set_meta(
                    checkpoint_seq=str(last[0]),
                    checkpoint_hash=last[1],
                    checkpoint_tag=self.hasher.tag("checkpoint", last[0], last[1], self.genesis),
                )

    # -- reading -------------------------------------------------------------------------
    def records(self, *, since_us: int | None = None, after_seq: int = 0) -> Iterator[AuditRecord]:
        """Records in seq order (streamed)."""
        sql = f"SELECT {COLUMNS} FROM audit_log WHERE seq > ?"
        params: list[Any] = [after_seq]
        if since_us is not None:
            sql += " AND ts_us >= ?"
            params.append(since_us)
        for row in self._conn.execute(sql + " ORDER BY seq", params):
            yield AuditRecord(*row)

    def find_by_hash(self, digest: str) -> AuditRecord | None:
        row = self._conn.execute(
            f"SELECT {COLUMNS} FROM audit_log WHERE hash = ? LIMIT 1", (digest,)
        ).fetchone()
        return AuditRecord(*row) if row else None

    def query(
        self,
        *,
        user_id: str | None = None,
        target: str | None = None,
        action: str | None = None,
        start_us: int | None = None,
        end_us: int | None = None,
        limit: int = 100,
        before_seq: int | None = None,
    ) -> list[AuditRecord]:
        """Newest first, filtered; `action` matches as a prefix, `target` one listed entity."""
        clauses: list[str] = []
        params: list[Any] = []
        if user_id is not None:
            clauses.append("user_id = ?")
            params.append(user_id)
        if target is not None:
            clauses.append("(target = ? OR instr(',' || target || ',', ?) > 0)")
            params += [target, f",{target},"]
        if action is not None:
            clauses.append("substr(action, 1, ?) = ?")
            params += [len(action), action]
        if start_us is not None:
            clauses.append("ts_us >= ?")
            params.append(start_us)
        if end_us is not None:
            clauses.append("ts_us < ?")
            params.append(end_us)
        if before_seq is not None:
            clauses.append("seq < ?")
            params.append(before_seq)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT {COLUMNS} FROM audit_log{where} ORDER BY seq DESC LIMIT ?"
        rows = self._conn.execute(sql, [*params, max(0, limit)]).fetchall()
        return [AuditRecord(*row) for row in rows]

    def verify(self) -> VerifyReport:
        """Check the whole chain from its start (genesis or checkpoint) to the head."""
        self.meta = self._load_meta()
        start = self.start()
        marker, marker_ok = self.recorded_head()
        report = _verify_chain(
            self.records(after_seq=-(2**62)),
            start,
            self.hasher,
            self.find_by_hash,
            marker if marker_ok else None,
        )
        if "checkpoint_seq" in self.meta:
            tag = self.hasher.tag("checkpoint", start.seq, start.hash, self.genesis)
            if tag != self.meta.get("checkpoint_tag"):
                report.problems.insert(
                    0,
                    Problem(start.seq, "checkpoint", "the pruning checkpoint was altered"),
                )
        if not marker_ok and marker is not None:
            report.problems.append(
                Problem(marker.seq, "head", "the recorded head marker was altered")
            )
        return report
