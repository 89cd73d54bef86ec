"""Run traces: trigger, each condition result, each step with variables, result, error, timing."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hub.context import Context, ulid
from hub.redaction import redact_secrets
from hub.states import State

from .persistence import to_json_safe
from .trace_secrets import Masker, secret_values

DEFAULT_STORED_TRACES = 5


@dataclass(frozen=True, slots=True)
class StateSnapshot:
    """What a finished trace keeps of a State: its fields, without the State's derived caches.

    A stored trace would otherwise keep superseded State objects alive together with their
    cached wire forms (dict, JSON bytes); the attributes mapping is shared, not copied.
    """

    entity_id: str
    state: str
    attributes: Any
    last_changed: datetime
    last_updated: datetime
    last_reported: datetime
    context: Context

    @classmethod
    def of(cls, state: State) -> StateSnapshot:
        return cls(
            state.entity_id,
            state.state,
            state.attributes,
            state.last_changed,
            state.last_updated,
            state.last_reported,
            state.context,
        )

    def as_dict(self) -> dict[str, Any]:
        """The same wire form as State.as_dict (what trace/get shows)."""
        return {
            "entity_id": self.entity_id,
            "state": self.state,
            "attributes": self.attributes,
            "last_changed": self.last_changed.isoformat(),
            "last_reported": self.last_reported.isoformat(),
            "last_updated": self.last_updated.isoformat(),
            "context": self.context.as_dict(),
        }


def compact(value: Any) -> Any:
    """`value` with every State in it (through dicts, lists and tuples) made a StateSnapshot."""
    if isinstance(value, State):
        return StateSnapshot.of(value)
    if isinstance(value, dict):
        return {k: compact(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [compact(v) for v in value]
    return value


@dataclass(slots=True)
class StepTrace:
    path: str
    timestamp: datetime
    variables: dict[str, Any] | None = None
    result: dict[str, Any] | None = None
    error: str | None = None
    duration: float | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "timestamp": self.timestamp.isoformat()}
        if self.variables:
            out["changed_variables"] = to_json_safe(self.variables)
        if self.result is not None:
            out["result"] = to_json_safe(self.result)
        if self.error is not None:
            out["error"] = self.error
        if self.duration is not None:
            out["duration"] = round(self.duration, 6)
        return out


@dataclass(slots=True)
class RunTrace:
    """One run of an automation or script.

    Its wire form (`as_dict`, what trace/get shows and the trace file stores) has values under
    secret keys replaced and the run's secret values masked in every text (trace_secrets.py);
    errors are masked when they are recorded, so summaries never hold a secret either.
    """

    domain: str
    item_id: str
    context: Context
    started: datetime
    trigger: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)
    run_id: str = field(default_factory=ulid)
    conditions: list[dict[str, Any]] = field(default_factory=list)
    steps: list[StepTrace] = field(default_factory=list)
    finished: datetime | None = None
    state: str = "running"
    script_execution: str | None = None
    error: str | None = None
    response: Any = None
    # secret values seen outside the trace's own data (the configuration of a failed step)
    noted_secrets: set[str] = field(default_factory=set)

    def note_secrets(self, config: Any) -> None:
        """Remember the secret values in `config` (e.g. a step's) for masking this run's text."""
        self.noted_secrets |= secret_values(config)

    def masker(self, *extra: Any) -> Masker:
        """A masker for the secret values of the run so far (and of `extra` data)."""
        found = set(self.noted_secrets)
        for value in (self.variables, *extra):
            found |= secret_values(value) | secret_values(to_json_safe(value))
        return Masker(found)

    def condition(self, path: str, result: bool, error: str | None) -> None:
        if error is not None:
            error = self.masker().text(error)
        self.conditions.append({"path": path, "result": result, "error": error})

    def finish(self, when: datetime, execution: str, error: str | None = None) -> None:
        if error is not None:
            steps = [(s.variables, s.result) for s in self.steps]
            error = self.masker(steps, self.response).text(error)
        # The run is over: keep compact copies, not the State objects it saw (`this` is
        # never shown, see as_dict).
        self.variables = compact({k: v for k, v in self.variables.items() if k != "this"})
        for step in self.steps:
            if step.variables:
                step.variables = compact(step.variables)
        self.finished = when
        self.state = "stopped"
        self.script_execution = execution
        if error is not None:
            self.error = error

    def summary(self) -> dict[str, Any]:
        return {
            "domain": self.domain,
            "item_id": self.item_id,
            "run_id": self.run_id,
            "state": self.state,
            "script_execution": self.script_execution,
            "timestamp": {
                "start": self.started.isoformat(),
                "finish": self.finished.isoformat() if self.finished else None,
            },
            "trigger": self.trigger,
            "error": self.error,
            "context": self.context.as_dict(),
            "last_step": self.steps[-1].path if self.steps else None,
        }

    def as_dict(self) -> dict[str, Any]:
        """The wire form: secret keys replaced, the run's secret values masked in all text."""
        out = self.summary()
        steps = [step.as_dict() for step in self.steps]
        variables = {k: v for k, v in self.variables.items() if k != "this"}
        out["trace"] = {
            "trigger": to_json_safe(self.variables.get("trigger")),
            "conditions": list(self.conditions),
            "steps": steps,
        }
        out["variables"] = to_json_safe(variables)
        out["response"] = to_json_safe(self.response)
        # SecretStr values only show on the live objects, keys inside objects (an Event's
        # data) only on the wire form: look at both.
        live = [variables, [(s.variables, s.result) for s in self.steps], self.response]
        masker = Masker(self.noted_secrets | secret_values(live) | secret_values(out))
        out = dict(redact_secrets(out))
        if not masker:
            return out
        trace = out["trace"]
        trace["trigger"] = masker.data(trace["trigger"])
        trace["conditions"] = [
            {**c, "error": masker.optional(c["error"])} for c in trace["conditions"]
        ]
        trace["steps"] = [_mask_step(step, masker) for step in trace["steps"]]
        out["variables"] = masker.data(out["variables"])
        out["response"] = masker.data(out["response"])
        out["error"] = masker.optional(out["error"])
        out["trigger"] = masker.optional(out["trigger"])
        return out


def _mask_step(step: dict[str, Any], masker: Masker) -> dict[str, Any]:
    """A step's free text masked (its path and timestamp are the trace's own)."""
    return {
        key: masker.data(value) if key in ("changed_variables", "result", "error") else value
        for key, value in step.items()
    }


_DETAIL_KEYS = frozenset({"trace", "variables", "response"})


@dataclass(frozen=True, slots=True)
class StoredTrace:
    """A finished trace read back from storage: its serialised (redacted) form, as stored."""

    domain: str
    item_id: str
    run_id: str
    started: datetime
    data: dict[str, Any]

    def summary(self) -> dict[str, Any]:
        return {k: v for k, v in self.data.items() if k not in _DETAIL_KEYS}

    def as_dict(self) -> dict[str, Any]:
        return dict(self.data)


AnyTrace = RunTrace | StoredTrace


class TraceStore:
    """The last N traces per (domain, item id), in memory; `on_add` lets a file follow it."""

    def __init__(self) -> None:
        self._traces: dict[tuple[str, str], deque[AnyTrace]] = {}
        self.total = 0
        self.on_add: Callable[[], None] | None = None

    def add(self, trace: AnyTrace, keep: int = DEFAULT_STORED_TRACES) -> None:
        key = (trace.domain, trace.item_id)
        bucket = self._traces.get(key)
        if bucket is None or bucket.maxlen != keep:
            bucket = deque(bucket or (), maxlen=max(1, keep))
            self._traces[key] = bucket
        bucket.append(trace)
        self.total += 1
        if self.on_add is not None:
            self.on_add()

    def restore(self, traces: Iterable[StoredTrace]) -> None:
        """Put traces from before a restart in front of (older than) any recorded since."""
        grouped: dict[tuple[str, str], list[AnyTrace]] = {}
        for trace in sorted(traces, key=lambda t: t.started):
            grouped.setdefault((trace.domain, trace.item_id), []).append(trace)
        for key, items in grouped.items():
            bucket = self._traces.get(key)
            keep = bucket.maxlen if bucket is not None else DEFAULT_STORED_TRACES
            self._traces[key] = deque([*items, *(bucket or ())], maxlen=keep)

    def list(self, domain: str | None = None, item_id: str | None = None) -> list[AnyTrace]:
        out: list[AnyTrace] = []
        for (d, i), bucket in self._traces.items():
            if (domain is None or d == domain) and (item_id is None or i == item_id):
                out.extend(bucket)
        return sorted(out, key=lambda t: t.started)

    def get(self, domain: str, item_id: str, run_id: str) -> AnyTrace | None:
        for trace in self._traces.get((domain, item_id), ()):
            if trace.run_id == run_id:
                return trace
        return None
