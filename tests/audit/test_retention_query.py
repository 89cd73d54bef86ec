"""Retention keeps the remaining chain verifiable; queries filter and page; secrets redacted."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from hub.audit import AuditLog
from hub.clock import FakeClock
from hub.context import Context

from .conftest import tamper


def database_bytes(config_dir: Path) -> bytes:
    """The database and its WAL file, as stored on disk."""
    return b"".join(p.read_bytes() for p in sorted(config_dir.glob("audit.db*")))


async def test_prune_moves_the_checkpoint_and_verify_stays_ok(
    audit_log: AuditLog, clock: FakeClock
) -> None:
    for index in range(5):
        audit_log.append("auth.login", details={"n": index})
    await clock.advance(timedelta(days=30))
    for index in range(3):
        audit_log.append("auth.login", details={"n": 10 + index})
    await audit_log.flush()
    removed = await audit_log.prune(clock.now() - timedelta(days=10))
    assert removed == 5
    await audit_log.flush()
    records = await audit_log.query()
    assert [r["seq"] for r in records] == [9, 8, 7, 6]
    assert records[0]["action"] == "audit.prune"
    assert records[0]["details"] == {"removed": 5}
    report = await audit_log.verify()
    assert report.ok, report.problems
    assert report.count == 4 and report.head_seq == 9


async def test_prune_everything_then_append(audit_log: AuditLog, clock: FakeClock) -> None:
    audit_log.append("auth.login")
    await clock.advance(timedelta(days=2))
    assert await audit_log.prune(clock.now()) == 1
    audit_log.append("auth.login")
    await audit_log.flush()
    report = await audit_log.verify()
    assert report.ok and report.head_seq == 3


async def test_deleting_old_rows_without_the_checkpoint_is_detected(
    config_dir: Path, audit_log: AuditLog, clock: FakeClock
) -> None:
    for _ in range(4):
        audit_log.append("auth.login")
    await clock.advance(timedelta(days=2))
    audit_log.append("auth.login")
    await audit_log.flush()
    await audit_log.prune(clock.now() - timedelta(days=1))
    conn = tamper(config_dir)
    conn.execute("DELETE FROM audit_log WHERE seq = 5")  # the oldest kept record
    conn.execute("UPDATE audit_meta SET value = '5' WHERE key = 'checkpoint_seq'")
    conn.close()
    report = await audit_log.verify()
    assert report.problems[0].kind == "checkpoint"


async def test_query_filters_and_pages(audit_log: AuditLog, clock: FakeClock) -> None:
    start = clock.now()
    audit_log.append("auth.login", user_id="alice", target="alice")
    audit_log.append("auth.login_mfa", user_id="alice", outcome="failure")
    await clock.advance(60)
    audit_log.append(
        "service.call", context=Context(user_id="bob"), target="lock.back_door,lock.front_door"
    )
    audit_log.append("authority.x", user_id="bob")
    audit_log.append("alarm.disarm", user_id="bob", target="alarm_control_panel.home")
    await audit_log.flush()

    assert [r["seq"] for r in await audit_log.query(user_id="alice")] == [2, 1]
    assert [r["seq"] for r in await audit_log.query(action="auth.login")] == [2, 1]
    assert [r["seq"] for r in await audit_log.query(action="auth")] == [4, 2, 1]
    assert [r["seq"] for r in await audit_log.query(entity_id="lock.front_door")] == [3]
    assert [r["seq"] for r in await audit_log.query(entity_id="lock.back")] == []
    assert [r["seq"] for r in await audit_log.query(end=start + timedelta(seconds=30))] == [2, 1]
    assert [r["seq"] for r in await audit_log.query(start=start + timedelta(seconds=30))] == [
        5,
        4,
        3,
    ]
    page = await audit_log.query(limit=2)
    assert [r["seq"] for r in page] == [5, 4]
    assert [r["seq"] for r in await audit_log.query(limit=2, before_seq=4)] == [3, 2]
    assert page[0]["user_id"] == "bob" and page[0]["time"].startswith("2026-01-05T12:01:00")


async def test_secrets_are_redacted_before_storage(config_dir: Path, audit_log: AuditLog) -> None:
    audit_log.append(
        "alarm.code_failed",
        target="alarm_control_panel.home",
        outcome="failure",
        details={
            "code": "zq-1234-wx",
            "Password": "hunter2",
            "access_token": "abc",
            "nested": {"new_pin": "zq-9999-wx", "items": [{"api_key": "k"}]},
            "entity_id": "alarm_control_panel.home",
            "name": "line\x1bbreak",
        },
    )
    await audit_log.flush()
    (record,) = await audit_log.query()
    assert record["details"] == {
        "code": "***",
        "Password": "***",
        "access_token": "***",
        "nested": {"new_pin": "***", "items": [{"api_key": "***"}]},
        "entity_id": "alarm_control_panel.home",
        "name": "line break",
    }
    raw = database_bytes(config_dir)
    assert b"alarm_control_panel.home" in raw
    # Secrets with letters that never occur in hashes, ULIDs or timestamps, so a chance
    # match in binary data cannot fail the scan.
    for secret in (b"zq-1234-wx", b"hunter2", b"zq-9999-wx"):
        assert secret not in raw
