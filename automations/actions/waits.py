"""Steps that wait: delay (persisted at top level), wait_template and wait_for_trigger."""

from __future__ import annotations

import asyncio
from typing import Any

from hub.events import Event
from hub.templates import RenderInfo, result_as_boolean

from ..timing import period_seconds
from ..tracker import TemplateTracker
from ..triggers.attach import attach_triggers
from .runner import ScriptRun, StopRun, step_handler


async def sleep_until(run: ScriptRun, deadline: float, step_index: int | None) -> None:
    """Sleep on the hub clock; at top level the deadline is persisted for a restart."""
    host = run.host
    if deadline <= host.clock.timestamp():
        return
    key = None
    if step_index is not None and run.script.persist_delays and host.pending is not None:
        key = f"delay/{run.script.item_id}/{run.trace.run_id}"
        saved = {k: v for k, v in run.variables.items() if k != "this"}
        host.pending.add(key, deadline, {"step": step_index, "variables": saved})
    future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    cancel = host.call_at(deadline, lambda: future.done() or future.set_result(None))
    try:
        await future
    except asyncio.CancelledError:
        if key is not None and not host.stopping:
            host.pending.remove(key)
        raise
    finally:
        cancel()
    if key is not None:
        host.pending.remove(key)


def top_level_index(run: ScriptRun, path: str) -> int | None:
    root, _, rest = path.partition("/")
    if root == run.script.root and rest.isdigit():
        return int(rest)
    return None


@step_handler("delay")
async def delay(run: ScriptRun, step: dict[str, Any], path: str) -> None:
    seconds = period_seconds(step["delay"], run.variables, run.host.templates)
    if run.current_step is not None:
        run.current_step.result = {"delay": seconds, "done": False}
    await sleep_until(run, run.host.clock.timestamp() + seconds, top_level_index(run, path))
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
    try:
        completed, remaining = await _wait(run, step, future)
    finally:
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
    try:
        completed, remaining = await _wait(run, step, future)
    finally:
        detach()
    trigger = future.result() if future.done() else None
    _finish(run, step, {"completed": completed, "remaining": remaining, "trigger": trigger})
