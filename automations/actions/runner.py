"""ScriptRun: one execution of an action sequence (steps dispatched by type)."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hub.context import Context
from hub.templates import render_complex

from ..conditions import check, is_enabled
from ..schemas import step_type
from ..trace import RunTrace, StepTrace
from .resume import Resume

if TYPE_CHECKING:
    from .script import Script

_LOGGER = logging.getLogger(__name__)


class StopRun(Exception):
    """Ends the run: a `stop` step, a failed condition step (`condition=True`) or an error."""

    def __init__(
        self, message: str, *, error: bool = False, condition: bool = False, response: Any = None
    ) -> None:
        super().__init__(message)
        self.error = error
        self.condition = condition
        self.response = response


class StepError(Exception):
    """A step failed (service error, bad template...); ends the run unless continue_on_error."""


@dataclass(slots=True)
class ScriptResult:
    """What a finished run gives back."""

    run_id: str
    execution: str  # finished | failed_conditions | error | cancelled | stopped
    response: Any = None
    variables: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


StepHandler = Callable[["ScriptRun", dict[str, Any], str], Awaitable[None]]
_HANDLERS: dict[str, StepHandler] = {}


def step_handler(kind: str) -> Callable[[StepHandler], StepHandler]:
    def register(func: StepHandler) -> StepHandler:
        _HANDLERS[kind] = func
        return func

    return register


class ScriptRun:
    """Runs steps in order with a mutable variable scope, recording each step in the trace."""

    def __init__(
        self, script: Script, variables: dict[str, Any], context: Context, trace: RunTrace
    ) -> None:
        self.script = script
        self.host = script.host
        self.variables = variables
        self.context = context
        self.trace = trace
        self.response: Any = None
        self.current_step: StepTrace | None = None
        self.resume: Resume | None = None  # set on a run restored after a restart
        self.persisted = False  # waiting in a delay saved for a restart
        self.waiting: str | None = None  # the kind of wait step the run is in, if any

    def render(self, value: Any) -> Any:
        return render_complex(value, self.variables, self.host.templates)

    def condition(self, config: dict[str, Any], path: str) -> bool:
        return check(self.host, config, self.variables, self.trace.condition, path)

    async def run_sequence(self, steps: list[dict[str, Any]], path: str, start: int = 0) -> None:
        if self.resume is not None:
            rest = self.resume.into(path)
            if rest is not None:
                start = int(rest.partition("/")[0])
        for index in range(start, len(steps)):
            await self.run_step(steps[index], f"{path}/{index}")

    async def run_step(self, step: dict[str, Any], path: str) -> None:
        if not is_enabled(step, self.host, self.variables):
            return
        record = StepTrace(path, self.host.now())
        self.trace.steps.append(record)
        previous, self.current_step = self.current_step, record
        started = time.perf_counter()
        kind = "condition" if "condition" in step else step_type(step)
        try:
            await _HANDLERS[kind](self, step, path)
        except StopRun:
            raise
        except Exception as err:  # a step is user configuration: report, maybe continue
            # the message may echo a secret of the run (a rejected code): mask it before it
            # reaches the trace, a log line or the run's error
            self.trace.note_secrets(step)
            masker = self.trace.masker((record.variables, record.result))
            message = masker.text(str(err))
            record.error = f"{type(err).__name__}: {message}"
            if step.get("continue_on_error"):
                _LOGGER.info("%s: %s failed (continuing): %s", self.script.name, path, message)
            else:
                raise StepError(f"{path}: {message}") from err
        finally:
            record.duration = time.perf_counter() - started
            self.current_step = previous

    def set_variables(self, values: dict[str, Any]) -> None:
        self.variables.update(values)
        if self.current_step is not None:
            changed = self.current_step.variables or {}
            changed.update(values)
            self.current_step.variables = changed

    def result(self, execution: str) -> ScriptResult:
        return ScriptResult(
            self.trace.run_id, execution, self.response, self.variables, self.trace.error
        )


def handlers() -> dict[str, StepHandler]:
    """The registered step handlers (importing the step modules fills the table)."""
    from . import device, flow, service, waits  # noqa: F401

    return _HANDLERS
