"""Script: a validated sequence with a run mode; starts, limits, queues and stops its runs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from hub.context import Context

from ..host import Host
from ..modes import MAX_EXCEEDED_LEVELS, RunMode
from ..trace import DEFAULT_STORED_TRACES, RunTrace, TraceStore
from .resume import Resume
from .runner import ScriptResult, ScriptRun, StepError, StopRun, handlers

_LOGGER = logging.getLogger(__name__)

RunListener = Callable[[], None]


class Script:
    """Runs `sequence` in `mode`; traces go to `traces` under (domain, item_id)."""

    def __init__(
        self,
        host: Host,
        sequence: list[dict[str, Any]],
        *,
        name: str,
        domain: str,
        item_id: str,
        traces: TraceStore,
        mode: str = RunMode.SINGLE,
        max_runs: int = 10,
        max_exceeded: str = "warning",
        stored_traces: int = DEFAULT_STORED_TRACES,
        root: str = "action",
        pending_prefix: str | None = None,
        on_change: RunListener | None = None,
    ) -> None:
        handlers()
        self.host = host
        self.sequence = sequence
        self.name = name
        self.domain = domain
        self.item_id = item_id
        self.traces = traces
        self.mode = RunMode(mode)
        self.max_runs = max_runs
        self.max_exceeded = max_exceeded
        self.stored_traces = stored_traces
        self.root = root
        # Key prefix of this script's delays in the PendingStore; None: delays are not saved.
        self.pending_prefix = pending_prefix
        self._on_change = on_change
        self._tasks: dict[asyncio.Task[ScriptResult], ScriptRun] = {}
        self._queue_lock = asyncio.Lock()
        self._queued = 0
        self._starting = 0

    @property
    def runs(self) -> int:
        """Runs in progress (queued ones included)."""
        return len(self._tasks)

    @property
    def is_running(self) -> bool:
        return bool(self._tasks)

    def new_trace(
        self, context: Context, variables: dict[str, Any], trigger: str | None
    ) -> RunTrace:
        return RunTrace(self.domain, self.item_id, context, self.host.now(), trigger, variables)

    def _over_limit(self) -> bool:
        running = len(self._tasks) + self._starting
        if self.mode is RunMode.SINGLE:
            return running > 0
        if self.mode in (RunMode.PARALLEL, RunMode.QUEUED):
            return running >= self.max_runs
        return False

    def _log_exceeded(self) -> None:
        level = MAX_EXCEEDED_LEVELS.get(self.max_exceeded, logging.WARNING)
        if level:
            what = "Already running" if self.mode is RunMode.SINGLE else "Maximum number of runs"
            _LOGGER.log(level, "%s: %s (mode %s)", self.name, what, self.mode)

    async def start(
        self,
        variables: dict[str, Any],
        context: Context,
        trace: RunTrace,
        *,
        resume: Resume | None = None,
    ) -> asyncio.Task[ScriptResult] | None:
        """Start a run as a task per the mode; None (and a trace saying why) when refused."""
        if self._over_limit():
            self._log_exceeded()
            trace.finish(self.host.now(), f"failed_{self.mode.value}")
            self.traces.add(trace, self.stored_traces)
            return None
        if self.mode is RunMode.RESTART:
            await self.stop()
        run = ScriptRun(self, variables, context, trace)
        run.resume = resume
        # Eager (except restart mode, whose stop() must be able to cancel every run): a run
        # that needs no waiting finishes right here. `_starting` makes the run count while it
        # executes on this stack, so a trigger it causes itself still sees it (mode single).
        self._starting += 1
        try:
            task = self.host.create_task(
                self._execute(run),
                f"{self.domain}:{self.item_id}",
                eager=self.mode is not RunMode.RESTART,
            )
        finally:
            self._starting -= 1
        if task.done():
            return task
        self._tasks[task] = run
        task.add_done_callback(self._done)
        self._changed()
        return task

    async def run(
        self,
        variables: dict[str, Any],
        context: Context,
        trace: RunTrace | None = None,
    ) -> ScriptResult | None:
        """Start a run and wait for it; None when the mode refused it."""
        trace = trace or self.new_trace(context, variables, None)
        task = await self.start(variables, context, trace)
        if task is None:
            return None
        return await asyncio.shield(task)

    def _done(self, task: asyncio.Task[ScriptResult]) -> None:
        self._tasks.pop(task, None)
        self._changed()

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change()

    async def _execute(self, run: ScriptRun) -> ScriptResult:
        self.host.stats.runs_started += 1
        trace = run.trace
        execution, error = "finished", None
        queued = False
        try:
            if self.mode is RunMode.QUEUED:
                await self._queue_lock.acquire()
                queued = True
            await run.run_sequence(self.sequence, self.root)
        except StopRun as stop:
            if stop.response is not None:
                run.response = stop.response
            if stop.error:
                execution, error = "error", str(stop)
            else:
                execution = "failed_conditions" if stop.condition else "finished"
        except StepError as err:
            execution, error = "error", str(err)
            _LOGGER.error("%s: error in %s", self.name, err)
        except asyncio.CancelledError:
            execution = "cancelled"
            raise
        except Exception as err:  # the runner is a dispatch boundary
            execution, error = "error", f"{type(err).__name__}: {err}"
            _LOGGER.exception("%s: unexpected error", self.name)
        finally:
            if queued:
                self._queue_lock.release()
            trace.response = run.response
            trace.finish(self.host.now(), execution, error)
            self.traces.add(trace, self.stored_traces)
            self.host.stats.runs_finished += 1
        return run.result(execution)

    async def stop(self) -> None:
        """Cancel every run in progress and wait for them to end."""
        tasks = list(self._tasks)
        if tasks and self.host.shutting_down:
            self._warn_dropped()
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    def _warn_dropped(self) -> None:
        """At shutdown: name every run that will not resume after the restart, and where it is."""
        for run in self._tasks.values():
            if run.persisted:
                continue
            where = run.trace.steps[-1].path if run.trace.steps else f"{self.root} (queued)"
            if "/repeat/" in where or "/parallel/" in where:
                why = "a delay or wait inside repeat/parallel cannot resume"
            elif run.waiting is not None:
                why = f"{run.waiting} cannot resume"
            else:
                why = "the step was still executing"
            _LOGGER.warning(
                "%s %s: run %s dropped at shutdown at step %s (%s after a restart)",
                self.domain,
                self.name,
                run.trace.run_id,
                where,
                why,
            )
