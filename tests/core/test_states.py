"""StateMachine: set/get/remove, change vs report semantics, cached JSON, validation."""

from __future__ import annotations

import orjson
import pytest

from hub.clock import FakeClock
from hub.errors import ValidationError
from hub.events import Event, EventBus
from hub.states import StateMachine


def make() -> tuple[EventBus, StateMachine, FakeClock]:
    clock = FakeClock()
    bus = EventBus(clock)
    return bus, StateMachine(bus, clock), clock


async def test_set_fires_state_changed_with_old_and_new() -> None:
    bus, states, _ = make()
    changes: list[Event] = []
    bus.listen("state_changed", changes.append)
    states.set("light.kitchen", "off")
    states.set("light.kitchen", "on", {"brightness": 10})
    assert [(e.data["old_state"] and e.data["old_state"].state) for e in changes] == [None, "off"]
    assert changes[-1].data["new_state"].attributes["brightness"] == 10


async def test_unchanged_write_only_moves_last_reported() -> None:
    bus, states, clock = make()
    changed: list[Event] = []
    reported: list[Event] = []
    bus.listen("state_changed", changed.append)
    bus.listen("state_reported", reported.append)
    first = states.set("sensor.t", "20", {"unit_of_measurement": "°C"})
    await clock.advance(30)
    second = states.set("sensor.t", "20", {"unit_of_measurement": "°C"})
    assert len(changed) == 1 and len(reported) == 1
    assert second.last_changed == first.last_changed
    assert second.last_updated == first.last_updated
    assert (second.last_reported - first.last_reported).total_seconds() == 30


async def test_attribute_change_keeps_last_changed() -> None:
    _, states, clock = make()
    first = states.set("light.a", "on", {"brightness": 1})
    await clock.advance(5)
    second = states.set("light.a", "on", {"brightness": 2})
    assert second.last_changed == first.last_changed
    assert second.last_updated > first.last_updated


async def test_json_computed_once_and_matches_ha_shape() -> None:
    _, states, _ = make()
    state = states.set("lock.front", "locked", {"friendly_name": "Front"})
    assert state.json() is state.json()
    data = orjson.loads(state.json())
    assert set(data) == {
        "entity_id",
        "state",
        "attributes",
        "last_changed",
        "last_reported",
        "last_updated",
        "context",
    }
    assert state.name == "Front"


async def test_invalid_entity_id_and_long_state_rejected() -> None:
    _, states, _ = make()
    with pytest.raises(ValidationError, match="Invalid entity id"):
        states.set("Light.Bad", "on")
    with pytest.raises(ValidationError, match="longer than 255"):
        states.set("sensor.long", "x" * 256)


async def test_remove_and_domain_queries() -> None:
    bus, states, _ = make()
    removed: list[Event] = []
    bus.listen("state_changed", removed.append)
    states.set("light.a", "on")
    states.set("light.b", "off")
    states.set("switch.c", "on")
    assert sorted(s.entity_id for s in states.all("light")) == ["light.a", "light.b"]
    assert states.remove("light.a")
    assert not states.remove("light.a")
    assert removed[-1].data["new_state"] is None
    assert states.entity_ids("light") == ["light.b"]
    assert sorted(states.domains()) == ["light", "switch"]
