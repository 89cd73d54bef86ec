"""Wall-clock time and timers behind one interface, so tests can drive time by hand."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

Unsubscribe = Callable[[], None]
TimerCallback = Callable[[], Any]


def as_timestamp(when: datetime | float) -> float:
    """POSIX seconds for a datetime (aware, or naive meaning UTC) or a number."""
    if isinstance(when, datetime):
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.timestamp()
    return float(when)


class Clock:
    """Real time: `now()` is the wall clock and timers run on the event loop."""

    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        return datetime.now(UTC)

    def timestamp(self) -> float:
        """The current time as POSIX seconds."""
        return time.time()

    def call_at(self, when: datetime | float, callback: TimerCallback) -> Unsubscribe:
        """Run `callback` (a plain function, on the loop) at wall-clock `when`."""
        loop = asyncio.get_running_loop()
        target = as_timestamp(when)
        handle: asyncio.TimerHandle | None = None

        def fire() -> None:
            nonlocal handle
            remaining = target - time.time()
            if remaining > 0.001:  # the wall clock moved back or the loop woke early
                handle = loop.call_later(remaining, fire)
                return
            handle = None
            callback()

        handle = loop.call_later(max(0.0, target - time.time()), fire)

        def cancel() -> None:
            if handle is not None:
                handle.cancel()

        return cancel

    def call_later(self, delay: float, callback: TimerCallback) -> Unsubscribe:
        """Run `callback` after `delay` seconds."""
        return self.call_at(self.timestamp() + max(0.0, delay), callback)

    async def sleep(self, delay: float) -> None:
        """Sleep `delay` seconds of this clock's time."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def wake() -> None:
            if not future.done():
                future.set_result(None)

        cancel = self.call_later(delay, wake)
        try:
            await future
        finally:
            cancel()


class FakeClock(Clock):
    """A clock that only moves when a test calls `advance`; timers fire in order."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = as_timestamp(start or datetime(2026, 1, 5, 12, 0, tzinfo=UTC))
        self._timers: list[tuple[float, int, list[TimerCallback | None]]] = []
        self._seq = itertools.count()

    def now(self) -> datetime:
        return datetime.fromtimestamp(self._now, UTC)

    def timestamp(self) -> float:
        return self._now

    def call_at(self, when: datetime | float, callback: TimerCallback) -> Unsubscribe:
        slot: list[TimerCallback | None] = [callback]
        heapq.heappush(self._timers, (as_timestamp(when), next(self._seq), slot))

        def cancel() -> None:
            slot[0] = None

        return cancel

    async def advance(self, seconds: float | timedelta = 0.0) -> None:
        """Move time forward, firing due timers in order and letting the loop run between."""
        if isinstance(seconds, timedelta):
            seconds = seconds.total_seconds()
        target = self._now + seconds
        await _settle()
        while self._timers and self._timers[0][0] <= target:
            when, _, slot = heapq.heappop(self._timers)
            self._now = max(self._now, when)
            callback = slot[0]
            if callback is not None:
                callback()
            await _settle()
        self._now = target
        await _settle()

    async def set(self, when: datetime) -> None:
        """Advance to an absolute time (never backwards)."""
        await self.advance(max(0.0, as_timestamp(when) - self._now))


async def _settle(rounds: int = 20) -> None:
    for _ in range(rounds):
        await asyncio.sleep(0)
