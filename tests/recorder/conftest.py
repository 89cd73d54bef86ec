"""Recorder fixtures: every relevant test runs on SQLite and on a throwaway PostgreSQL database."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from hub.clock import FakeClock
from hub.events import EventBus
from hub.recorder import Recorder, RecorderConfig
from hub.services import ServiceRegistry
from hub.states import StateMachine

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
REQUIRE_SERVICES = os.environ.get("BASTION_REQUIRE_SERVICES") == "1"


def postgres_missing(reason: str) -> None:
    message = f"PostgreSQL not reachable at 127.0.0.1:5432: {reason}"
    if REQUIRE_SERVICES:
        pytest.fail(message + " (BASTION_REQUIRE_SERVICES=1)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str | Exception]:
    """A database created for this test session (dropped at the end), or the connect error."""
    name = f"bastion_test_{secrets.token_hex(4)}"
    admin = create_engine(
        PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as err:
        admin.dispose()
        yield err
        return
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def reset_pg(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, config_dir: Path) -> str | None:
    """None for the default SQLite file in the config dir, or a clean PostgreSQL database."""
    if request.param == "sqlite":
        return None
    pg = request.getfixturevalue("pg_database")
    if isinstance(pg, Exception):
        postgres_missing(f"{type(pg).__name__}: {pg}")
    reset_pg(pg)
    return pg


@pytest.fixture
def sqlite_only(db_url: str | None) -> None:
    if db_url is not None:
        pytest.skip("SQLite-only behaviour")


@dataclass
class RecorderHarness:
    """A bus, state machine, services and a running recorder on one FakeClock."""

    bus: EventBus
    states: StateMachine
    services: ServiceRegistry
    clock: FakeClock
    recorder: Recorder
    config_dir: Path

    def set(
        self, entity_id: str, state: Any, attrs: dict[str, Any] | None = None, **kw: Any
    ) -> Any:
        return self.states.set(entity_id, str(state), attrs, **kw)

    def sql(self, query: str, **params: Any) -> list[Any]:
        """Run a read query on a separate connection (what a second process would see)."""
        return run_sql(self.recorder.config.database_url(self.config_dir), query, **params)


def run_sql(url: str, query: str, **params: Any) -> list[Any]:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(query), params)
            return list(result) if result.returns_rows else []
    finally:
        engine.dispose()


Factory = Callable[..., Awaitable[RecorderHarness]]


@pytest.fixture
async def make_recorder(
    db_url: str | None, config_dir: Path, clock: FakeClock
) -> AsyncIterator[Factory]:
    """Start recorders with `RecorderConfig` overrides; all are stopped after the test."""
    started: list[Recorder] = []

    async def factory(**overrides: Any) -> RecorderHarness:
        config = replace(
            RecorderConfig(db_url=db_url, commit_interval=0.05, auto_purge=False), **overrides
        )
        bus = EventBus(clock)
        states = StateMachine(bus, clock)
        services = ServiceRegistry(bus)
        recorder = Recorder(bus, states, clock, config, config_dir)
        await recorder.start()
        started.append(recorder)
        return RecorderHarness(bus, states, services, clock, recorder, config_dir)

    yield factory
    for recorder in started:
        await recorder.stop()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Backend-specific tests run only on their backend: deselected, not skipped, elsewhere."""
    only = {"sqlite_only": "sqlite", "pg_only": "postgresql"}
    keep: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("db_url") if callspec else None
        wanted = {only[name] for name in getattr(item, "fixturenames", ()) if name in only}
        (dropped if backend and wanted and backend not in wanted else keep).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
