"""Read-only views of the state machine for templates: `states`, `is_state`, `expand`, …

Templates never see `State` objects themselves (they carry caches a template could poison);
they get `TemplateState`, a read-only wrapper. Every lookup records what it read for RenderInfo.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from ..context import Context
from ..states import STATE_UNAVAILABLE, STATE_UNKNOWN, State, StateMachine
from .tracking import collect_all_states, collect_domain, collect_entity

ATTR_ENTITY_ID = "entity_id"
ATTR_UNIT = "unit_of_measurement"
ATTR_DISPLAY_PRECISION = "display_precision"
MAX_EXPAND_DEPTH = 10


class TemplateState:
    """A read-only view of one State as Home Assistant templates know it."""

    __slots__ = ("_state",)

    def __init__(self, state: State) -> None:
        self._state = state

    @property
    def entity_id(self) -> str:
        return self._state.entity_id

    @property
    def state(self) -> str:
        return self._state.state

    @property
    def attributes(self) -> Mapping[str, Any]:
        return self._state.attributes

    @property
    def last_changed(self) -> datetime:
        return self._state.last_changed

    @property
    def last_updated(self) -> datetime:
        return self._state.last_updated

    @property
    def last_reported(self) -> datetime:
        return self._state.last_reported

    @property
    def context(self) -> Context:
        return self._state.context

    @property
    def domain(self) -> str:
        return self._state.domain

    @property
    def object_id(self) -> str:
        return self._state.object_id

    @property
    def name(self) -> str:
        return self._state.name

    @property
    def state_with_unit(self) -> str:
        return format_state(self._state, rounded=True, with_unit=True)

    def snapshot(self) -> dict[str, Any]:
        """The wire form as a fresh dict (used by `to_json`)."""
        return dict(self._state.as_dict())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TemplateState):
            return self._state == other._state
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._state.entity_id)

    def __repr__(self) -> str:
        return f"<template TemplateState({self.entity_id}={self.state})>"


def format_state(state: State, *, rounded: bool, with_unit: bool) -> str:
    """The state string, optionally rounded to `display_precision` and with its unit."""
    value = state.state
    precision = state.attributes.get(ATTR_DISPLAY_PRECISION)
    if rounded and isinstance(precision, int) and not isinstance(precision, bool):
        try:
            value = f"{float(value):.{max(0, min(precision, 12))}f}"
        except ValueError:
            pass
    unit = state.attributes.get(ATTR_UNIT)
    if with_unit and unit and value not in (STATE_UNKNOWN, STATE_UNAVAILABLE):
        value = f"{value} {unit}"
    return value


class DomainStates:
    """`states.light`: iterable over a domain's states, `states.light.kitchen` for one."""

    __slots__ = ("_domain", "_machine")

    def __init__(self, machine: StateMachine, domain: str) -> None:
        self._machine = machine
        self._domain = domain

    def __getitem__(self, object_id: str) -> TemplateState | None:
        entity_id = f"{self._domain}.{object_id}"
        collect_entity(entity_id)
        state = self._machine.get(entity_id)
        return TemplateState(state) if state is not None else None

    def __iter__(self) -> Iterator[TemplateState]:
        collect_domain(self._domain)
        states = sorted(self._machine.all(self._domain), key=_by_entity_id)
        return iter([TemplateState(s) for s in states])

    def __len__(self) -> int:
        collect_domain(self._domain)
        return len(self._machine.entity_ids(self._domain))

    def __repr__(self) -> str:
        return f"<template DomainStates({self._domain})>"


class AllStates:
    """The `states` global: call it, iterate it, or walk it as `states.domain.object_id`."""

    __slots__ = ("_machine",)

    def __init__(self, machine: StateMachine) -> None:
        self._machine = machine

    def __call__(self, entity_id: str, rounded: bool = False, with_unit: bool = False) -> str:
        state = lookup(self._machine, entity_id)
        if state is None:
            return STATE_UNKNOWN
        return format_state(state, rounded=rounded, with_unit=with_unit)

    def __getitem__(self, key: str) -> DomainStates | TemplateState | None:
        if not isinstance(key, str):
            raise KeyError(key)
        if "." in key:
            state = lookup(self._machine, key)
            return TemplateState(state) if state is not None else None
        return DomainStates(self._machine, key)

    def __iter__(self) -> Iterator[TemplateState]:
        collect_all_states()
        states = sorted(self._machine.all(), key=_by_entity_id)
        return iter([TemplateState(s) for s in states])

    def __len__(self) -> int:
        collect_all_states()
        return len(self._machine)

    def __repr__(self) -> str:
        return "<template AllStates>"


def _by_entity_id(state: State) -> str:
    return state.entity_id


def lookup(machine: StateMachine, entity_id: Any) -> State | None:
    """The State for an entity id (or a TemplateState), recording the read."""
    if isinstance(entity_id, TemplateState):
        entity_id = entity_id.entity_id
    if not isinstance(entity_id, str):
        return None
    entity_id = entity_id.strip().lower()
    collect_entity(entity_id)
    return machine.get(entity_id)


class StateFunctions:
    """The state helpers bound to one state machine, ready to install as globals/filters."""

    def __init__(self, machine: StateMachine) -> None:
        self._machine = machine
        self.states = AllStates(machine)

    def is_state(self, entity_id: Any, value: Any) -> bool:
        """True when the state equals `value` (or is one of a list of values)."""
        state = lookup(self._machine, entity_id)
        if state is None:
            return False
        if isinstance(value, str):
            return state.state == value
        if isinstance(value, Iterable):
            return state.state in [str(v) for v in value]
        return False

    def state_attr(self, entity_id: Any, name: str) -> Any:
        """An attribute's value, or None when the entity or attribute is missing."""
        state = lookup(self._machine, entity_id)
        return None if state is None else state.attributes.get(name)

    def is_state_attr(self, entity_id: Any, name: str, value: Any) -> bool:
        """True when the attribute exists and equals `value`."""
        attr = self.state_attr(entity_id, name)
        return attr is not None and attr == value

    def has_value(self, entity_id: Any) -> bool:
        """True when the entity exists and is neither unknown nor unavailable."""
        state = lookup(self._machine, entity_id)
        return state is not None and state.state not in (STATE_UNKNOWN, STATE_UNAVAILABLE)

    def expand(self, *args: Any) -> list[TemplateState]:
        """Entity states for ids, states or lists of them; groups replaced by their members."""
        found: dict[str, TemplateState] = {}
        seen: set[str] = set()
        self._expand_into(args, found, seen, 0)
        return [found[eid] for eid in sorted(found)]

    def _expand_into(
        self, items: Iterable[Any], found: dict[str, TemplateState], seen: set[str], depth: int
    ) -> None:
        for item in items:
            if isinstance(item, TemplateState):
                entity_id = item.entity_id
            elif isinstance(item, str):
                entity_id = item
            elif isinstance(item, Iterable) and depth < MAX_EXPAND_DEPTH:
                self._expand_into(item, found, seen, depth + 1)
                continue
            else:
                continue
            if entity_id in seen:
                continue
            seen.add(entity_id)
            state = lookup(self._machine, entity_id)
            if state is None:
                continue
            members = state.attributes.get(ATTR_ENTITY_ID)
            if isinstance(members, (list, tuple)) and depth < MAX_EXPAND_DEPTH:
                self._expand_into(members, found, seen, depth + 1)
            else:
                found[state.entity_id] = TemplateState(state)
