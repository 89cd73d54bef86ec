"""TaskSupervisor: named, owned background tasks that unload and shutdown cancel."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

_LOGGER = logging.getLogger(__name__)
T = TypeVar("T")

BLOCKING_WORKERS = 8
# Eager tasks started from inside other eager starts run on the caller's stack; past this depth
# (an automation that triggers an automation that triggers ...) tasks are scheduled normally.
MAX_EAGER_DEPTH = 4


class TaskSupervisor:
    """Creates tasks with an owner tag; failures are logged, owners can cancel theirs."""

    def __init__(self) -> None:
        self._tasks: dict[asyncio.Task[Any], str] = {}
        self._eager_depth = 0
        self._executor = ThreadPoolExecutor(BLOCKING_WORKERS, thread_name_prefix="bastion-blocking")

    def create(
        self, coro: Coroutine[Any, Any, T], name: str, *, owner: str = "hub", eager: bool = False
    ) -> asyncio.Task[T]:
        """Start `coro` as a task named `name` belonging to `owner`.

        `eager` runs it at once, up to its first real suspension, on the caller's stack (work
        that finishes without waiting is never queued, so a burst of triggers is paid for by
        whoever caused it instead of piling up as pending tasks).
        """
        loop = asyncio.get_running_loop()
        if eager and self._eager_depth < MAX_EAGER_DEPTH:
            self._eager_depth += 1
            try:
                task = asyncio.eager_task_factory(loop, coro, name=name)
            finally:
                self._eager_depth -= 1
        else:
            task = loop.create_task(coro, name=name)
        self._tasks[task] = owner
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.pop(task, None)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            _LOGGER.error("Task %s failed", task.get_name(), exc_info=exc)

    def owned(self, owner: str) -> list[asyncio.Task[Any]]:
        """Running tasks of one owner."""
        return [t for t, o in self._tasks.items() if o == owner]

    async def cancel_owner(self, owner: str, timeout: float = 5.0) -> None:
        """Cancel an owner's tasks and wait (bounded) for them to finish."""
        await _cancel_and_wait(self.owned(owner), timeout)

    async def cancel_all(self, timeout: float = 5.0) -> None:
        """Cancel every task (final stage of shutdown)."""
        await _cancel_and_wait(list(self._tasks), timeout)

    def names(self) -> list[str]:
        return sorted(t.get_name() for t in self._tasks)

    async def run_blocking(self, func: Callable[..., T], *args: Any) -> T:
        """Run a blocking function in the hub's worker threads."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, func, *args)

    def shutdown_executor(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


async def _cancel_and_wait(tasks: list[asyncio.Task[Any]], timeout: float) -> None:
    current = asyncio.current_task()
    tasks = [t for t in tasks if t is not current and not t.done()]
    for task in tasks:
        task.cancel()
    if tasks:
        _, pending = await asyncio.wait(tasks, timeout=timeout)
        for task in pending:
            _LOGGER.warning("Task %s did not stop within %.0f s", task.get_name(), timeout)
