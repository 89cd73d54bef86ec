"""Helpers shared by the auth tests."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

import argon2

from hub.clock import FakeClock

PASSWORD = "correct horse battery"
CLIENT_ID = "https://app.example.org/"
REDIRECT_URI = "https://app.example.org/?auth_callback=1"
IP = "192.0.2.10"


def cheap_hasher() -> argon2.PasswordHasher:
    """Fast argon2 for tests only; production keeps argon2-cffi's defaults."""
    return argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


async def drive[T](clock: FakeClock, awaitable: Awaitable[T], step: float = 0.25) -> T:
    """Run `awaitable`, moving the fake clock so throttle delays elapse instantly."""
    task = asyncio.ensure_future(awaitable)
    while not task.done():
        await asyncio.sleep(0.001)  # lets argon2 finish in its worker thread
        if not task.done():
            await clock.advance(step)
    return task.result()
