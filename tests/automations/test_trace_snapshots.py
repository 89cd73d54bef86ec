"""A finished trace keeps compact copies of the States it saw and shows them unchanged."""

from __future__ import annotations

from datetime import UTC, datetime

from automations.trace import RunTrace, StateSnapshot, StepTrace
from hub.context import Context
from hub.states import State


def _state(entity_id: str, value: str, when: datetime) -> State:
    return State(
        entity_id, value, {"friendly_name": "Door", "device_class": "door"}, when, when, when,
        Context(),
    )  # fmt: skip


def test_finished_trace_keeps_snapshots_with_the_same_wire_form() -> None:
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    old = _state("binary_sensor.door", "off", when)
    new = _state("binary_sensor.door", "on", when)
    old.json()  # a cached wire form the trace must not keep alive
    trigger = {"platform": "state", "entity_id": new.entity_id, "from_state": old, "to_state": new}
    this = _state("automation.door", "on", when)
    trace = RunTrace(
        "automation", "door", Context(), when, "state", {"this": this, "trigger": trigger}
    )
    trace.steps.append(StepTrace("action/0", when, variables={"seen": [new]}))
    before = trace.as_dict()

    trace.finish(when, "finished")

    kept = trace.variables["trigger"]
    assert isinstance(kept["from_state"], StateSnapshot)
    assert isinstance(kept["to_state"], StateSnapshot)
    assert "this" not in trace.variables
    assert isinstance(trace.steps[0].variables["seen"][0], StateSnapshot)  # type: ignore[index]
    after = trace.as_dict()
    for key in ("trace", "variables", "response"):
        assert after[key] == before[key]
    assert after["trace"]["trigger"]["to_state"] == new.as_dict() | {
        "attributes": {"friendly_name": "Door", "device_class": "door"}
    }
