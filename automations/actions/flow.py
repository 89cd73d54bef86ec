"""Control-flow steps: condition, choose, if, repeat, parallel, sequence, variables, stop."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from hub.templates import Template

from .runner import ScriptRun, StopRun, step_handler

MAX_REPEAT = 100_000


@step_handler("condition")
async def condition_step(run: ScriptRun, step: dict[str, Any], path: str) -> None:
    result = run.condition(step, path)
    if run.current_step is not None:
        run.current_step.result = {"result": result}
    if not result:
        raise StopRun("condition did not pass", condition=True)


@step_handler("choose")
async def choose(run: ScriptRun, step: dict[str, Any], path: str) -> None:
    rest = run.resume.into(path) if run.resume is not None else None
    if rest is not None:  # restored run: follow the branch taken before the restart
        kind, _, tail = rest.partition("/")
        if kind == "default":
            _result(run, {"choice": "default", "resumed": True})
            await run.run_sequence(step["default"], f"{path}/default")
        else:
            index = int(tail.partition("/")[0])
            _result(run, {"choice": index, "resumed": True})
            await run.run_sequence(
                step["choose"][index]["sequence"], f"{path}/choose/{index}/sequence"
            )
        return
    for index, option in enumerate(step["choose"]):
        prefix = f"{path}/choose/{index}"
        if all(
            run.condition(cond, f"{prefix}/conditions/{i}")
            for i, cond in enumerate(option["conditions"])
        ):
            _result(run, {"choice": index})
            await run.run_sequence(option["sequence"], f"{prefix}/sequence")
            return
    if "default" in step:
        _result(run, {"choice": "default"})
        await run.run_sequence(step["default"], f"{path}/default")


@step_handler("if")
async def if_then(run: ScriptRun, step: dict[str, Any], path: str) -> None:
    rest = run.resume.into(path) if run.resume is not None else None
    if rest is not None:  # restored run: follow the branch taken before the restart
        branch = rest.partition("/")[0]
        _result(run, {"choice": branch, "resumed": True})
        await run.run_sequence(step[branch], f"{path}/{branch}")
        return
    ok = all(run.condition(c, f"{path}/if/{i}") for i, c in enumerate(step["if"]))
    _result(run, {"choice": "then" if ok else "else"})
    if ok:
        await run.run_sequence(step["then"], f"{path}/then")
    elif "else" in step:
        await run.run_sequence(step["else"], f"{path}/else")


@step_handler("repeat")
async def repeat(run: ScriptRun, step: dict[str, Any], path: str) -> None:
    config = step["repeat"]
    sequence = config["sequence"]
    outer = run.variables.get("repeat")

    async def iteration(index: int, item: Any = None, last: bool | None = None) -> None:
        info: dict[str, Any] = {"first": index == 1, "index": index}
        if last is not None:
            info["last"] = last
        if item is not None:
            info["item"] = item
        run.variables["repeat"] = info
        await run.run_sequence(sequence, f"{path}/repeat/sequence")

    try:
        if "count" in config:
            count = int(run.render(config["count"]))
            for index in range(1, min(count, MAX_REPEAT) + 1):
                await iteration(index, last=index == count)
        elif "for_each" in config:
            items = run.render(config["for_each"])
            if isinstance(items, str) or not isinstance(items, Iterable):
                raise ValueError("repeat for_each must be a list")
            items = list(items)[:MAX_REPEAT]
            for index, item in enumerate(items, 1):
                await iteration(index, item, last=index == len(items))
        elif "while" in config:
            index = 1
            while index <= MAX_REPEAT:
                run.variables["repeat"] = {"first": index == 1, "index": index}
                if not all(
                    run.condition(c, f"{path}/repeat/while/{i}")
                    for i, c in enumerate(config["while"])
                ):
                    break
                await iteration(index)
                index += 1
        else:
            for index in range(1, MAX_REPEAT + 1):
                await iteration(index)
                if all(
                    run.condition(c, f"{path}/repeat/until/{i}")
                    for i, c in enumerate(config["until"])
                ):
                    break
    finally:
        if outer is None:
            run.variables.pop("repeat", None)
        else:
            run.variables["repeat"] = outer


@step_handler("sequence")
async def sequence(run: ScriptRun, step: dict[str, Any], path: str) -> None:
    await run.run_sequence(step["sequence"], f"{path}/sequence")


@step_handler("parallel")
async def parallel(run: ScriptRun, step: dict[str, Any], path: str) -> None:
    async def branch(index: int, item: dict[str, Any]) -> None:
        branch_run = ScriptRun(run.script, dict(run.variables), run.context, run.trace)
        try:
            if set(item) - {"enabled", "alias"} == {"sequence"}:
                await branch_run.run_sequence(item["sequence"], f"{path}/parallel/{index}/sequence")
            else:
                await branch_run.run_step(item, f"{path}/parallel/{index}")
        except StopRun as stop:
            if stop.error or not stop.condition:
                raise

    await asyncio.gather(*(branch(i, item) for i, item in enumerate(step["parallel"])))


@step_handler("variables")
async def variables(run: ScriptRun, step: dict[str, Any], path: str) -> None:
    values: dict[str, Any] = {}
    for key, value in step["variables"].items():  # later ones may use earlier ones
        values[key] = run.render(value) if not isinstance(value, Template) else value
        run.variables[key] = values[key]
    run.set_variables(values)


@step_handler("stop")
async def stop(run: ScriptRun, step: dict[str, Any], path: str) -> None:
    message = str(run.render(step["stop"]))
    response = None
    if "response_variable" in step:
        response = run.variables.get(step["response_variable"])
        run.response = response
    _result(run, {"stop": message, "error": step.get("error", False)})
    raise StopRun(message, error=bool(step.get("error")), response=response)


def _result(run: ScriptRun, result: dict[str, Any]) -> None:
    if run.current_step is not None:
        run.current_step.result = result
