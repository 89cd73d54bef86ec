"""PostgreSQL going away: rows are buffered, retried with backoff, and none are lost."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from .conftest import PG_ADMIN_URL, Factory


async def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll a condition set by the writer thread (real time, short)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


@contextmanager
def outage(db_url: str) -> Iterator[None]:
    """Refuse new connections to the database and kill the recorder's open ones."""
    name = make_url(db_url).database
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
        yield
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        admin.dispose()


@pytest.fixture
def pg_only(db_url: str | None) -> str:
    if db_url is None:
        pytest.skip("PostgreSQL outage test")
    return db_url


async def test_outage_buffers_and_loses_nothing(make_recorder: Factory, pg_only: str) -> None:
    h = await make_recorder()
    h.set("sensor.a", 0)
    await h.recorder.flush()
    with outage(pg_only):
        for i in range(1, 201):
            h.set("sensor.a", i)
            h.bus.fire("tick", {"i": i})
            await h.clock.advance(1)
        await wait_until(lambda: h.recorder.status()["failures"] > 0)
        status = h.recorder.status()
        assert status["connected"] is False
        assert status["backlog"] == 400
        assert status["last_error"]
        assert status["dropped"] == 0
    await asyncio.wait_for(h.recorder.flush(), 30)
    status = h.recorder.status()
    assert status["connected"] is True
    assert status["backlog"] == 0
    assert h.sql("SELECT count(*) FROM states") == [(201,)]
    assert h.sql(
        "SELECT count(*) FROM events e JOIN event_types t USING (event_type_id) "
        "WHERE t.event_type = 'tick'"
    ) == [(200,)]
    history = await h.recorder.history_during_period(0, None, ["sensor.a"])
    assert [e["s"] for e in history["sensor.a"]] == [str(i) for i in range(201)]


async def test_outage_past_buffer_limit_drops_oldest(make_recorder: Factory, pg_only: str) -> None:
    h = await make_recorder(buffer_limit=10, commit_interval=0.5)
    h.set("sensor.a", 0)
    await h.recorder.flush()
    with outage(pg_only):
        for i in range(1, 31):  # all queued within the commit interval
            h.set("sensor.a", i)
        status = h.recorder.status()
        assert status["dropped"] == 20
        assert status["queue_size"] == 10
        await wait_until(lambda: h.recorder.status()["failures"] > 0)
    await asyncio.wait_for(h.recorder.flush(), 30)
    rows = h.sql("SELECT state FROM states ORDER BY state_id")
    assert [r[0] for r in rows] == ["0", *(str(i) for i in range(21, 31))]
    assert h.recorder.status()["dropped"] == 20
