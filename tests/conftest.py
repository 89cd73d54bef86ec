"""Shared fixtures: a real hub on a temporary config dir with a controllable clock."""

from __future__ import annotations

import asyncio
import os
import textwrap
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from hub.clock import FakeClock
from hub.runtime import Hub

REQUIRE_SERVICES = os.environ.get("BASTION_REQUIRE_SERVICES") == "1"

HubFactory = Callable[..., Awaitable[Hub]]


def service_missing(name: str, reason: str) -> None:
    """Skip (or fail under BASTION_REQUIRE_SERVICES=1) when a real service is absent."""
    message = f"{name} not reachable: {reason}"
    if REQUIRE_SERVICES:
        pytest.fail(message + " (BASTION_REQUIRE_SERVICES=1 makes this a failure)")
    pytest.skip(message)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    path = tmp_path / "config"
    path.mkdir()
    return path


def write_config(config_dir: Path, yaml_text: str, name: str = "configuration.yaml") -> Path:
    """Write a YAML file (dedented) into the config dir."""
    path = config_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(yaml_text), encoding="utf-8")
    return path


@pytest.fixture
async def make_hub(config_dir: Path, clock: FakeClock) -> AsyncIterator[HubFactory]:
    """Start hubs on `config_dir`; every hub started is stopped at the end of the test."""
    started: list[Hub] = []

    async def factory(yaml_text: str | None = None, *, use_clock: bool = True) -> Hub:
        if yaml_text is not None:
            write_config(config_dir, yaml_text)
        hub = Hub(config_dir, clock=clock if use_clock else None)
        started.append(hub)
        await hub.start()
        return hub

    yield factory
    for hub in started:
        await hub.stop()


@pytest.fixture(autouse=True)
async def no_leaked_tasks() -> AsyncIterator[None]:
    """Fail a test that leaves tasks running on the loop after its fixtures are torn down."""
    before = set(asyncio.all_tasks())
    yield
    await asyncio.sleep(0)
    leaked = [
        t for t in asyncio.all_tasks() - before if not t.done() and t is not asyncio.current_task()
    ]
    for task in leaked:
        task.cancel()
    assert not leaked, f"leaked tasks: {[t.get_name() for t in leaked]}"
