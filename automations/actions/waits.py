"""Steps that wait: delay (saved for a restart where resumable), wait_template, wait_for_trigger."""

from __future__ import annotations

import asyncio
from typing import Any

from hub.events import Event
from hub.templates import RenderInfo, result_as_boolean

from ..timing import period_seconds
from ..tracker import TemplateTracker
from ..triggers.attach import attach_triggers
from .resume import resumable
from .runner import ScriptRun, StopRun, step_handler

# `this` is rebuilt on resume; `context` is a new one (the old run's context is not restored).
_NOT_SAVED = frozenset({"this", "context"})


async def sleep_until(run: ScriptRun, deadline: float, path: str | None) -> None:
    """Sleep on the hub clock; a delay at a resumable `path` is saved for a restart."""
    host = run.host
    if deadline <= host.clock.timestamp():
        return
    key = None
    prefix = run.script.pending_prefix
    if path is not None and prefix is not None and host.pending is not None:
        key = f"{prefix}{run.trace.run_id}"
        saved = {k: v for k, v in run.variables.items() if k not in _NOT_SAVED}
        host.pending.add(key, deadline, {"path": path, "variables": saved})
        run.persisted = True
    future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    cancel = host.call_at(deadline, lambda: future.done() or future.set_result(None))
    try:
        await future
    except asyncio.CancelledError:
        if key is not None and not host.shutting_down:
            host.pending.remove(key)
        raise
    finally:
        cancel()
        run.persisted = False
    if key is not None:
        host.pending.remove(key)


@step_handler("delay")
async def delay(run: ScriptRun, step: dict[str, Any], path: str) -> None:
    now = run.host.clock.timestamp()
    resume = run.resume
    if resume is not None and resume.path == path:  # restored run: the original deadline
        run.resume = None
        deadline = resume.deadline
        seconds = max(0.0, deadline - now)
    else:
        seconds = period_seconds(step["delay"], run.variables, run.host.templates)
        deadline = now + seconds
    if run.current_step is not None:
        run.current_step.result = {"delay": seconds, "done": False}
    saved_at = path if resumable(run.script.root, path) else None
    run.waiting = "delay"
    try:
        await sleep_until(run, deadline, saved_at)
    finally:
        run.waiting = None
    if run.current_step is not None:
        run.current_step.result = {"delay": seconds, "done": True}


async def _wait(
    run: ScriptRun, step: dict[str, Any], future: asyncio.Future[Any]
) -> tuple[bool, float | None]:
    """Wait for `future` or the step's timeout; returns (completed, remaining seconds)."""
    timeout = step.get("timeout")
    seconds = None
    if timeout is not None:
        seconds = period_seconds(timeout, run.variables, run.host.templates)
    if future.done():
        return True, seconds
    started = run.host.clock.timestamp()
    cancel = None
    if seconds is not None:
        cancel = run.host.call_later(seconds, lambda: future.done() or future.set_result(None))
    try:
        value = await future
    finally:
        if cancel is not None:
            cancel()
    completed = value is not None
    remaining = None
    if seconds is not None:
        remaining = max(0.0, seconds - (run.host.clock.timestamp() - started))
    return completed, remaining


def _finish(run: ScriptRun, step: dict[str, Any], wait: dict[str, Any]) -> None:
    run.set_variables({"wait": wait})
    if run.current_step is not None:
        run.current_step.result = {"wait": dict(wait), "timeout": not wait["completed"]}
    if not wait["completed"] and not step.get("continue_on_timeout", True):
        raise StopRun("wait timed out", condition=True)


@step_handler("wait_template")
async def wait_template(run: ScriptRun, step: dict[str, Any], path: str) -> None:
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

    def on_result(info: RenderInfo, _event: Event | None) -> None:
        if info.exception is None and result_as_boolean(info.result) and not future.done():
            future.set_result(True)

    tracker = TemplateTracker(
        run.host, run.host.template(step["wait_template"]), run.variables, on_result
    )
    tracker.start()
    run.waiting = "wait_template"
    try:
        completed, remaining = await _wait(run, step, future)
    finally:
        run.waiting = None
        tracker.stop()
    _finish(run, step, {"completed": completed, "remaining": remaining, "trigger": None})


@step_handler("wait_for_trigger")
async def wait_for_trigger(run: ScriptRun, step: dict[str, Any], path: str) -> None:
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

    def on_trigger(payload: dict[str, Any], _context: Any) -> None:
        if not future.done():
            future.set_result(payload["trigger"])

    detach = await attach_triggers(
        run.host,
        step["wait_for_trigger"],
        on_trigger,
        name=f"{run.script.name} wait",
        item_id=f"{run.script.item_id}/wait",
        variables=dict(run.variables),
        persist=False,
    )
    run.waiting = "wait_for_trigger"
    try:
        completed, remaining = await _wait(run, step, future)
    finally:
        run.waiting = None
        detach()
    trigger = future.result() if future.done() else None
    _finish(run, step, {"completed": completed, "remaining": remaining, "trigger": trigger})
