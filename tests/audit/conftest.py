"""Fixtures for the audit tests: a running AuditLog on a temporary config dir."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from hub.audit import AuditLog
from hub.clock import FakeClock

LogFactory = Callable[..., Awaitable[AuditLog]]


@pytest.fixture
async def make_log(config_dir: Path, clock: FakeClock) -> AsyncIterator[LogFactory]:
    """Start AuditLogs on `config_dir`; each is stopped at the end of the test."""
    made: list[AuditLog] = []

    async def make(**kwargs: Any) -> AuditLog:
        log = AuditLog(config_dir, clock=clock, **kwargs)
        await log.start()
        made.append(log)
        return log

    yield make
    for log in made:
        await log.stop()


@pytest.fixture
async def audit_log(make_log: LogFactory) -> AuditLog:
    return await make_log()


def tamper(config_dir: Path) -> sqlite3.Connection:
    """Open the audit database as an attacker would: directly, with the guard trigger dropped."""
    conn = sqlite3.connect(config_dir / "audit.db", isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS audit_log_append_only")
    return conn
