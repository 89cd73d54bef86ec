"""hub.zones: distances, zone membership and the active zone."""

from __future__ import annotations

from typing import Any

from hub.clock import FakeClock
from hub.events import EventBus
from hub.states import State, StateMachine
from hub.zones import active_zone, distance, in_zone, state_in_zone

_CLOCK = FakeClock()
_STATES = StateMachine(EventBus(_CLOCK), _CLOCK)


def state(entity_id: str, value: str, attributes: dict[str, Any] | None = None) -> State:
    return _STATES.set(entity_id, value, attributes or {})


OFFICE = state("zone.office", "0", {"latitude": 52.0, "longitude": 4.0, "radius": 100})
WIDE = state("zone.city", "0", {"latitude": 52.0, "longitude": 4.01, "radius": 5000})
PASSIVE = state(
    "zone.park", "0", {"latitude": 52.0, "longitude": 4.0, "radius": 50, "passive": True}
)
HOME = state("zone.home", "0", {"latitude": 51.0, "longitude": 4.0, "radius": 100})


def test_distance_and_in_zone() -> None:
    assert distance(52.0, 4.0, 52.0, 4.0) == 0
    assert 11_100 < distance(52.0, 4.0, 52.1, 4.0) < 11_150
    assert in_zone(OFFICE, 52.0005, 4.0)  # ~56 m
    assert not in_zone(OFFICE, 52.0015, 4.0)  # ~167 m
    assert in_zone(OFFICE, 52.0015, 4.0, accuracy=100)
    assert in_zone(OFFICE.attributes, 52.0, 4.0)
    assert not in_zone({"latitude": "x", "longitude": 4.0}, 52.0, 4.0)
    assert in_zone({"latitude": 52.0, "longitude": 4.0}, 52.0005, 4.0)  # default radius 100 m


def test_active_zone_is_closest_non_passive() -> None:
    assert active_zone([WIDE, PASSIVE, OFFICE], 52.0, 4.0) is OFFICE
    assert active_zone([WIDE, PASSIVE], 52.0, 4.0) is WIDE
    assert active_zone([PASSIVE, HOME], 52.0, 4.0) is None


def test_state_in_zone() -> None:
    near = state("person.ann", "x", {"latitude": 52.0001, "longitude": 4.0})
    far = state("person.ann", "x", {"latitude": 52.1, "longitude": 4.0})
    assert state_in_zone(OFFICE, near) and not state_in_zone(OFFICE, far)
    assert not state_in_zone(None, near) and not state_in_zone(OFFICE, None)
    # Without coordinates, the state naming the zone (or "home" for zone.home) counts.
    assert state_in_zone(OFFICE, state("device_tracker.bob", "Office"))
    assert state_in_zone(HOME, state("device_tracker.bob", "home"))
    assert not state_in_zone(OFFICE, state("device_tracker.bob", "not_home"))
