"""The hub process's garbage-collector policy: no full collections while starting, then the
objects alive after start are frozen until the hub stops."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path

from hub import gc_policy
from hub.runtime import CoreState, Hub
from tests.conftest import write_config


def test_starting_suspends_full_collections_and_restores_thresholds() -> None:
    before = gc.get_threshold()
    with gc_policy.starting():
        assert gc.get_threshold()[:2] == before[:2]
        assert gc.get_threshold()[2] == gc_policy.STARTUP_GEN2_THRESHOLD
    assert gc.get_threshold() == before


def test_running_freezes_survivors_until_the_block_ends() -> None:
    assert gc.get_freeze_count() == 0
    kept = [object() for _ in range(10)]
    with gc_policy.running():
        assert gc.get_freeze_count() > len(kept)
    assert gc.get_freeze_count() == 0


async def test_hub_run_applies_the_policy(config_dir: Path) -> None:
    write_config(config_dir, "homeassistant:\n  name: Office\n")
    before = gc.get_threshold()
    hub = Hub(config_dir)
    task = asyncio.get_running_loop().create_task(hub.run())
    started = asyncio.Event()
    hub.bus.listen("homeassistant_started", lambda _event: started.set())
    async with asyncio.timeout(30):
        await started.wait()  # run() freezes right after start() returns, without yielding
    assert hub.state is CoreState.RUNNING
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    hub.request_stop()
    async with asyncio.timeout(30):
        assert await task == 0
    assert gc.get_freeze_count() == 0
