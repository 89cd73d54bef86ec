"""`bastion audit verify | export | head`, run as real subprocesses."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from hub.audit import AuditLog
from hub.clock import FakeClock
from hub.context import Context

from .conftest import tamper

BASTION = [sys.executable, "-m", "hub", "audit"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BASTION, *args], capture_output=True, text=True, timeout=60, check=False
    )


async def write_log(config_dir: Path, clock: FakeClock) -> dict[str, object]:
    log = AuditLog(config_dir, clock=clock)
    await log.start()
    try:
        log.append("auth.login", context=Context(user_id="alice"), target="alice")
        await clock.advance(timedelta(days=3))
        log.append("service.call", user_id="bob", target="lock.door", details={"pin": "1"})
        log.append("alarm.disarm", user_id="bob", target="alarm_control_panel.home")
        await log.flush()
        return await log.head()
    finally:
        await log.stop()


async def test_verify_ok_and_head(config_dir: Path, clock: FakeClock) -> None:
    head = await write_log(config_dir, clock)
    result = run("verify", "--config", str(config_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"OK: 3 records, head {head['hash']} (seq 3)"
    result = run("head", "--config", str(config_dir))
    assert result.returncode == 0 and result.stdout.split() == ["3", head["hash"]]


async def test_verify_reports_where_the_chain_breaks(config_dir: Path, clock: FakeClock) -> None:
    await write_log(config_dir, clock)
    conn = tamper(config_dir)
    conn.execute("UPDATE audit_log SET target = 'lock.other' WHERE seq = 2")
    conn.close()
    result = run("verify", "--config", str(config_dir))
    assert result.returncode == 1
    assert "seq 2: modified: content does not match its hash" in result.stdout

    conn = tamper(config_dir)
    conn.execute("DELETE FROM audit_log WHERE seq = 2")
    conn.close()
    result = run("verify", "--config", str(config_dir))
    assert result.returncode == 1
    assert "seq 2: deleted: seq 2 missing (gap before seq 3)" in result.stdout


async def test_export_csv_and_jsonl(config_dir: Path, clock: FakeClock, tmp_path: Path) -> None:
    await write_log(config_dir, clock)
    out = tmp_path / "audit.csv"
    result = run("export", "--config", str(config_dir), "--format", "csv", "--output", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert [r["action"] for r in rows] == ["auth.login", "service.call", "alarm.disarm"]
    assert json.loads(rows[1]["details"]) == {"pin": "***"}
    assert rows[1]["prev_hash"] == rows[0]["hash"]

    result = run("export", "--config", str(config_dir), "--since", "2026-01-07")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["seq"] for line in lines] == [2, 3]
    assert lines[0]["user_id"] == "bob" and lines[0]["time"].startswith("2026-01-08T12:00")


def test_missing_log_is_an_error(config_dir: Path) -> None:
    result = run("verify", "--config", str(config_dir))
    assert result.returncode == 2
    assert "No audit log" in result.stderr
    assert not (config_dir / "audit.db").exists()
