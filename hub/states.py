"""State (immutable snapshot of one entity) and StateMachine (the current state of everything)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import MappingProxyType
from typing import Any

from .clock import Clock
from .context import Context
from .errors import ValidationError
from .events import EVENT_STATE_CHANGED, EVENT_STATE_REPORTED, EventBus, dumps

MAX_STATE_LENGTH = 255
STATE_UNAVAILABLE = "unavailable"
STATE_UNKNOWN = "unknown"
STATE_ON = "on"
STATE_OFF = "off"

_ENTITY_ID = re.compile(r"^(?!.+__)(?!_)[\da-z_]+(?<!_)\.(?!_)[\da-z_]+(?<!_)$")
_EMPTY: Mapping[str, Any] = MappingProxyType({})


def valid_entity_id(entity_id: str) -> bool:
    """True for `domain.object_id` made of lowercase letters, digits and single underscores."""
    return bool(_ENTITY_ID.match(entity_id))


def split_entity_id(entity_id: str) -> tuple[str, str]:
    """Split `domain.object_id`."""
    domain, _, object_id = entity_id.partition(".")
    return domain, object_id


@dataclass(frozen=True, slots=True)
class State:
    """One entity's state at one moment. Never mutated; derived forms are cached."""

    entity_id: str
    state: str
    attributes: Mapping[str, Any]
    last_changed: datetime
    last_updated: datetime
    last_reported: datetime
    context: Context
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def domain(self) -> str:
        return self.entity_id.partition(".")[0]

    @property
    def object_id(self) -> str:
        return self.entity_id.partition(".")[2]

    @property
    def name(self) -> str:
        """The friendly name, or the object id made readable."""
        name = self.attributes.get("friendly_name")
        return str(name) if name else self.object_id.replace("_", " ")

    def as_dict(self) -> dict[str, Any]:
        """The Home Assistant wire form (computed once)."""
        cached = self._cache.get("dict")
        if cached is None:
            cached = {
                "entity_id": self.entity_id,
                "state": self.state,
                "attributes": self.attributes,
                "last_changed": self.last_changed.isoformat(),
                "last_reported": self.last_reported.isoformat(),
                "last_updated": self.last_updated.isoformat(),
                "context": self.context.as_dict(),
            }
            self._cache["dict"] = cached
        return cached

    def json(self) -> bytes:
        """The wire form as JSON bytes, computed once and shared by every consumer."""
        return self.cached("json", lambda: dumps(self.as_dict()))

    def cached(self, key: str, factory: Any) -> Any:
        """A derived form of this state (e.g. a compressed wire form), computed once."""
        value = self._cache.get(key)
        if value is None:
            value = factory()
            self._cache[key] = value
        return value


class StateMachine:
    """Holds the current State of every entity and announces changes on the bus."""

    def __init__(self, bus: EventBus, clock: Clock | None = None) -> None:
        self._bus = bus
        self._clock = clock or Clock()
        self._states: dict[str, State] = {}
        self._by_domain: dict[str, dict[str, State]] = {}

    def now(self) -> datetime:
        """The current time on the clock this state machine stamps states with."""
        return self._clock.now()

    def get(self, entity_id: str) -> State | None:
        """The current state of `entity_id`, or None."""
        return self._states.get(entity_id)

    def all(self, domain: str | Iterable[str] | None = None) -> list[State]:
        """Every state, or those of one domain or several."""
        if domain is None:
            return list(self._states.values())
        if isinstance(domain, str):
            return list(self._by_domain.get(domain, {}).values())
        return [s for d in domain for s in self._by_domain.get(d, {}).values()]

    def entity_ids(self, domain: str | None = None) -> list[str]:
        """Entity ids, all or of one domain."""
        if domain is None:
            return list(self._states)
        return list(self._by_domain.get(domain, {}))

    def domains(self) -> list[str]:
        """Domains that have at least one state."""
        return [d for d, states in self._by_domain.items() if states]

    def __len__(self) -> int:
        return len(self._states)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._states

    def set(
        self,
        entity_id: str,
        new_state: str,
        attributes: Mapping[str, Any] | None = None,
        *,
        force_update: bool = False,
        context: Context | None = None,
        last_changed: datetime | None = None,
    ) -> State:
        """Write a state. Unchanged state and attributes only move `last_reported`."""
        new_state = str(new_state)
        if len(new_state) > MAX_STATE_LENGTH:
            raise ValidationError(
                f"State for {entity_id} is longer than {MAX_STATE_LENGTH} characters"
            )
        old = self._states.get(entity_id)
        if old is None and not valid_entity_id(entity_id):
            raise ValidationError(f"Invalid entity id: {entity_id!r}")
        attrs = _EMPTY if not attributes else MappingProxyType(dict(attributes))
        now = self._clock.now()
        context = context or Context()
        same_state = old is not None and old.state == new_state
        if same_state and not force_update and old.attributes == attrs:  # type: ignore[union-attr]
            reported = replace(old, last_reported=now, _cache={})  # type: ignore[type-var]
            self._store(reported)
            self._bus.fire(
                EVENT_STATE_REPORTED,
                {
                    "entity_id": entity_id,
                    "old_last_reported": old.last_reported,  # type: ignore[union-attr]
                    "new_state": reported,
                },
                context=context,
                time_fired=now,
            )
            return reported
        changed_at = old.last_changed if same_state and old is not None else now
        state = State(
            entity_id,
            new_state,
            attrs,
            last_changed or changed_at,
            now,
            now,
            context,
        )
        self._store(state)
        self._bus.fire(
            EVENT_STATE_CHANGED,
            {"entity_id": entity_id, "old_state": old, "new_state": state},
            context=context,
            time_fired=now,
        )
        return state

    def restore(self, state: State) -> None:
        """Put back a state from before a restart without announcing it as a change."""
        self._store(state)

    def remove(self, entity_id: str, *, context: Context | None = None) -> bool:
        """Forget an entity's state; fires state_changed with new_state None."""
        old = self._states.pop(entity_id, None)
        if old is None:
            return False
        self._by_domain.get(old.domain, {}).pop(entity_id, None)
        self._bus.fire(
            EVENT_STATE_CHANGED,
            {"entity_id": entity_id, "old_state": old, "new_state": None},
            context=context or Context(),
        )
        return True

    def _store(self, state: State) -> None:
        self._states[state.entity_id] = state
        self._by_domain.setdefault(state.domain, {})[state.entity_id] = state
