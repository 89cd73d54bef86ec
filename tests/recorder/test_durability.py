"""SQLite durability: kill -9 the recording process, the database is intact and complete."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

CHILD = Path(__file__).with_name("durability_child.py")
ROOT = Path(__file__).resolve().parents[2]


def test_kill_9_keeps_everything_committed(config_dir: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(config_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    flushed = 0
    deadline = time.monotonic() + 30
    try:
        assert proc.stdout is not None
        while flushed < 2000 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("FLUSHED "):
                flushed = int(line.split()[1])
    finally:
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=10)
    assert flushed >= 2000, err
    db = sqlite3.connect(config_dir / "bastion.db")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        states = [int(r[0]) for r in db.execute("SELECT state FROM states ORDER BY state_id")]
        run = db.execute("SELECT end_ts FROM recorder_runs").fetchall()
    finally:
        db.close()
    assert states[:flushed] == list(range(1, flushed + 1))
    assert len(states) >= flushed
    assert run == [(None,)]  # the run was never closed cleanly
