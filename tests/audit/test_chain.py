"""Appending, verifying, and detecting edits, deletions and reordering made in the database."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import orjson
import pytest

from hub.audit import AuditLog, AuditStoreError
from hub.audit.chain import HASHED_FIELDS
from hub.context import Context

from .conftest import LogFactory, tamper


async def fill(log: AuditLog, count: int = 10) -> None:
    for index in range(count):
        log.append(
            "service.call",
            context=Context(user_id="user-1"),
            target=f"lock.door_{index}",
            details={"n": index},
        )
    await log.flush()


async def test_append_assigns_seq_and_chains(audit_log: AuditLog) -> None:
    await fill(audit_log, 3)
    records = list(reversed(await audit_log.query()))
    assert [r["seq"] for r in records] == [1, 2, 3]
    assert records[1]["prev_hash"] == records[0]["hash"]
    assert records[2]["prev_hash"] == records[1]["hash"]
    assert records[0]["user_id"] == "user-1"
    report = await audit_log.verify()
    assert report.ok and report.count == 3
    assert (await audit_log.head()) == {"seq": 3, "hash": records[2]["hash"]}


async def test_chain_continues_across_restarts(make_log: LogFactory) -> None:
    first = await make_log()
    await fill(first, 2)
    await first.stop()
    second = await make_log()
    await fill(second, 2)
    report = await second.verify()
    assert report.ok and report.count == 4 and report.head_seq == 4


async def test_first_record_chains_from_a_random_genesis(
    config_dir: Path, audit_log: AuditLog
) -> None:
    await fill(audit_log, 1)
    (record,) = await audit_log.query()
    with sqlite3.connect(config_dir / "audit.db") as conn:
        genesis = conn.execute("SELECT value FROM audit_meta WHERE key = 'genesis'").fetchone()[0]
    conn.close()
    assert record["prev_hash"] == genesis and len(genesis) == 64


async def test_database_refuses_updates(config_dir: Path, audit_log: AuditLog) -> None:
    await fill(audit_log, 1)
    conn = sqlite3.connect(config_dir / "audit.db")
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE audit_log SET outcome = 'failure'")
    finally:
        conn.close()


async def test_edited_details_are_reported_as_modified(
    config_dir: Path, make_log: LogFactory
) -> None:
    log = await make_log()
    await fill(log)
    conn = tamper(config_dir)
    conn.execute("""UPDATE audit_log SET details = '{"n":99}' WHERE seq = 5""")
    conn.close()
    report = await log.verify()
    assert [(p.seq, p.kind) for p in report.problems] == [(5, "modified")]


async def test_deleted_row_is_reported_as_a_gap(config_dir: Path, audit_log: AuditLog) -> None:
    await fill(audit_log)
    conn = tamper(config_dir)
    conn.execute("DELETE FROM audit_log WHERE seq = 4")
    conn.close()
    report = await audit_log.verify()
    assert [(p.seq, p.kind) for p in report.problems] == [(4, "deleted")]
    assert "gap before seq 5" in str(report.problems[0])


async def test_deleted_tail_is_reported(config_dir: Path, audit_log: AuditLog) -> None:
    await fill(audit_log)
    conn = tamper(config_dir)
    conn.execute("DELETE FROM audit_log WHERE seq >= 9")
    conn.close()
    report = await audit_log.verify()
    assert [(p.seq, p.kind) for p in report.problems] == [(9, "deleted")]
    assert "seq 9..10 missing at the end" in str(report.problems[0])


@pytest.mark.parametrize(("first", "second"), [(3, 7), (5, 6)])
async def test_swapped_rows_are_reported_as_reordered(
    config_dir: Path, audit_log: AuditLog, first: int, second: int
) -> None:
    await fill(audit_log)
    conn = tamper(config_dir)
    conn.execute("UPDATE audit_log SET seq = -1 WHERE seq = ?", (first,))
    conn.execute("UPDATE audit_log SET seq = ? WHERE seq = ?", (first, second))
    conn.execute("UPDATE audit_log SET seq = ? WHERE seq = -1", (second,))
    conn.close()
    report = await audit_log.verify()
    assert [(p.seq, p.kind) for p in report.problems] == [
        (first, "reordered"),
        (second, "reordered"),
    ]
    assert f"written as seq {second} is stored as seq {first}" in str(report.problems[0])


async def test_hash_recomputed_without_the_key_is_detected(
    config_dir: Path, audit_log: AuditLog
) -> None:
    await fill(audit_log)
    conn = tamper(config_dir)
    columns = ", ".join(HASHED_FIELDS)
    row = conn.execute(f"SELECT {columns} FROM audit_log WHERE seq = 6").fetchone()
    fields = dict(zip(HASHED_FIELDS, row, strict=True))
    fields["details"] = '{"n":600}'
    forged = hashlib.sha256(orjson.dumps(fields, option=orjson.OPT_SORT_KEYS)).hexdigest()
    conn.execute(
        "UPDATE audit_log SET details = ?, hash = ? WHERE seq = 6", (fields["details"], forged)
    )
    # A careful attacker also relinks the next record (whose own hash then breaks).
    conn.execute("UPDATE audit_log SET prev_hash = ? WHERE seq = 7", (forged,))
    conn.close()
    report = await audit_log.verify()
    assert [(p.seq, p.kind) for p in report.problems] == [(6, "modified"), (7, "modified")]


async def test_unkeyed_log_detects_edits_but_not_a_full_recompute(
    config_dir: Path, make_log: LogFactory
) -> None:
    log = await make_log(use_key=False)
    await fill(log, 3)
    conn = tamper(config_dir)
    conn.execute("""UPDATE audit_log SET details = '{"n":7}' WHERE seq = 2""")
    conn.close()
    report = await log.verify()
    assert [(p.seq, p.kind) for p in report.problems] == [(2, "modified")]
    assert not (config_dir / ".storage" / "audit_key").exists()


async def test_key_file_is_private_and_required(config_dir: Path, make_log: LogFactory) -> None:
    log = await make_log()
    await fill(log, 1)
    await log.stop()
    key = config_dir / ".storage" / "audit_key"
    assert key.stat().st_mode & 0o777 == 0o600
    key.rename(config_dir / "moved_key")
    with pytest.raises(AuditStoreError, match="audit_key is missing"):
        await make_log()
    key.write_text("00" * 32 + "\n")
    with pytest.raises(AuditStoreError, match="not the key of this audit log"):
        await make_log()


async def test_tail_deletion_with_a_forged_head_marker_is_reported(
    config_dir: Path, audit_log: AuditLog
) -> None:
    await fill(audit_log, 5)
    conn = tamper(config_dir)
    conn.execute("DELETE FROM audit_log WHERE seq = 5")
    head = conn.execute("SELECT hash FROM audit_log WHERE seq = 4").fetchone()[0]
    conn.execute("UPDATE audit_meta SET value = '4' WHERE key = 'head_seq'")
    conn.execute("UPDATE audit_meta SET value = ? WHERE key = 'head_hash'", (head,))
    conn.close()
    report = await audit_log.verify()
    assert [(p.seq, p.kind) for p in report.problems] == [(4, "head")]


async def test_whole_chain_recomputed_without_the_key_is_detected(
    config_dir: Path, audit_log: AuditLog
) -> None:
    await fill(audit_log, 6)
    conn = tamper(config_dir)
    columns = ", ".join(HASHED_FIELDS)
    prev = conn.execute("SELECT value FROM audit_meta WHERE key = 'genesis'").fetchone()[0]
    for row in conn.execute(f"SELECT {columns} FROM audit_log ORDER BY seq").fetchall():
        fields = dict(zip(HASHED_FIELDS, row, strict=True))
        fields["prev_hash"] = prev
        fields["user_id"] = "someone-else"
        prev = hashlib.sha256(orjson.dumps(fields, option=orjson.OPT_SORT_KEYS)).hexdigest()
        conn.execute(
            "UPDATE audit_log SET user_id = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            (fields["user_id"], fields["prev_hash"], prev, fields["seq"]),
        )
    conn.close()
    report = await audit_log.verify()
    assert [(p.seq, p.kind) for p in report.problems] == [(s, "modified") for s in range(1, 7)]
