"""Templates rendered for a non-admin see only the entities that user may read.

The template engine takes a state machine and a registry view; we hand it read-only views
that hide unreadable entities, so `states()`, `states.x.y`, `is_state`, `expand`,
`area_entities` and the rest behave as if forbidden entities did not exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..states import State
from ..templates import TemplateEngine

if TYPE_CHECKING:
    from ..runtime import Hub

CanRead = Callable[[str], bool]


class ReadableStates:
    """The read side of a StateMachine (get/all/entity_ids/len/in) filtered by `can_read`."""

    def __init__(self, hub: Hub, can_read: CanRead) -> None:
        self._states = hub.states
        self._can_read = can_read

    def get(self, entity_id: str) -> State | None:
        state = self._states.get(entity_id)
        return state if state is not None and self._can_read(state.entity_id) else None

    def all(self, domain: str | Iterable[str] | None = None) -> list[State]:
        return [s for s in self._states.all(domain) if self._can_read(s.entity_id)]

    def entity_ids(self, domain: str | None = None) -> list[str]:
        return [e for e in self._states.entity_ids(domain) if self._can_read(e)]

    def domains(self) -> list[str]:
        return sorted({s.domain for s in self.all()})

    def __len__(self) -> int:
        return len(self.entity_ids())

    def __contains__(self, entity_id: object) -> bool:
        return isinstance(entity_id, str) and self.get(entity_id) is not None


class ReadableRegistries:
    """The template RegistryView with entity lists filtered by `can_read`."""

    def __init__(self, hub: Hub, can_read: CanRead) -> None:
        self._reg = hub.registries
        self._can_read = can_read

    def _only_readable(self, entity_ids: Iterable[str]) -> list[str]:
        return [e for e in entity_ids if self._can_read(e)]

    def area_id(self, lookup: str) -> str | None:
        if "." in lookup and self._reg.entities.get(lookup) is not None:
            if not self._can_read(lookup):
                return None
        return self._reg.area_id(lookup)

    def area_name(self, lookup: str) -> str | None:
        if "." in lookup and not self._can_read(lookup):
            return None
        return self._reg.area_name(lookup)

    def area_entities(self, area: str) -> list[str]:
        return self._only_readable(self._reg.area_entities(area))

    def area_devices(self, area: str) -> list[str]:
        return self._reg.area_devices(area)

    def device_id(self, entity_id_or_device_name: str) -> str | None:
        if "." in entity_id_or_device_name and not self._can_read(entity_id_or_device_name):
            return None
        return self._reg.device_id(entity_id_or_device_name)

    def device_attr(self, device_id: str, attr: str) -> Any:
        return self._reg.device_attr(device_id, attr)

    def device_entities(self, device_id: str) -> list[str]:
        return self._only_readable(self._reg.device_entities(device_id))

    def label_entities(self, label: str) -> list[str]:
        return self._only_readable(self._reg.label_entities(label))

    def floor_areas(self, floor: str) -> list[str]:
        return self._reg.floor_areas(floor)


def user_template_engine(hub: Hub, can_read: CanRead) -> TemplateEngine:
    """A sandboxed engine, with the hub's limits, that sees only what `can_read` allows."""
    return TemplateEngine(
        ReadableStates(hub, can_read),  # type: ignore[arg-type]  # the read side is all it uses
        hub.clock,
        hub.time_zone,
        registries=ReadableRegistries(hub, can_read),
        limits=hub.templates.limits,
    )
