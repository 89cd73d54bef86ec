"""Templates rendered for a non-admin see only the entities and registry entries they may see.

The template engine takes a state machine and a registry view; we hand it read-only views
that hide unreadable entities, so `states()`, `states.x.y`, `is_state`, `expand`,
`area_entities` and the rest behave as if forbidden entities did not exist, and hide the
areas, floors, labels and devices the user may not see (the rule is in visibility.py), so
`areas()`, `area_name`, `labels()`, `floor_name`, `device_attr` and the rest never name them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..states import State
from ..templates import TemplateEngine
from ..templates.tracking import RenderRun, current_run
from .visibility import CanRead, Covers, Visible, visible_entries

if TYPE_CHECKING:
    from ..runtime import Hub


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
    """The template RegistryView showing only what the user may see.

    What is visible is worked out once per render (a linear pass over the registries) and
    reused by every helper that render calls.
    """

    def __init__(self, hub: Hub, can_read: CanRead, covers: Covers) -> None:
        self._reg = hub.registries
        self._can_read = can_read
        self._covers = covers
        self._cached: tuple[RenderRun, Visible] | None = None

    def _visible(self) -> Visible:
        run = current_run.get()
        if run is not None and self._cached is not None and self._cached[0] is run:
            return self._cached[1]
        visible = visible_entries(self._reg, self._can_read, self._covers)
        self._cached = (run, visible) if run is not None else None
        return visible

    def _only_readable(self, entity_ids: Iterable[str]) -> list[str]:
        return [e for e in entity_ids if self._can_read(e)]

    def _lookup_visible(self, lookup: str) -> bool:
        """False when `lookup` names an entity or device the user may not see."""
        if self._reg.entities.get(lookup) is not None:
            return self._can_read(lookup)
        if self._reg.devices.get(lookup) is not None:
            return lookup in self._visible().devices
        return True  # an area/floor/label id or name: the result is filtered instead

    def area_id(self, lookup: str) -> str | None:
        if not self._lookup_visible(lookup):
            return None
        area_id = self._reg.area_id(lookup)
        return area_id if area_id in self._visible().areas else None

    def area_name(self, lookup: str) -> str | None:
        area_id = self.area_id(lookup)
        area = self._reg.areas.get(area_id) if area_id else None
        return area.name if area else None

    def area_entities(self, area: str) -> list[str]:
        return self._only_readable(self._reg.area_entities(area))

    def area_devices(self, area: str) -> list[str]:
        devices = self._visible().devices
        return [d for d in self._reg.area_devices(area) if d in devices]

    def device_id(self, entity_id_or_device_name: str) -> str | None:
        if not self._lookup_visible(entity_id_or_device_name):
            return None
        device_id = self._reg.device_id(entity_id_or_device_name)
        return device_id if device_id in self._visible().devices else None

    def device_attr(self, device_id: str, attr: str) -> Any:
        if device_id not in self._visible().devices:
            return None
        return self._reg.device_attr(device_id, attr)

    def device_entities(self, device_id: str) -> list[str]:
        return self._only_readable(self._reg.device_entities(device_id))

    def label_entities(self, label: str) -> list[str]:
        return self._only_readable(self._reg.label_entities(label))

    def floor_areas(self, floor: str) -> list[str]:
        areas = self._visible().areas
        return [a for a in self._reg.floor_areas(floor) if a in areas]

    def area_ids(self) -> list[str]:
        areas = self._visible().areas
        return [a for a in self._reg.area_ids() if a in areas]

    def floor_ids(self) -> list[str]:
        floors = self._visible().floors
        return [f for f in self._reg.floor_ids() if f in floors]

    def label_ids(self, lookup: str | None = None) -> list[str]:
        if lookup is not None:
            if not self._lookup_visible(lookup):
                return []
            if self._reg.entities.get(lookup) is None and self._reg.devices.get(lookup) is None:
                if self.area_id(lookup) is None:
                    return []  # an area the user may not see (or none at all)
        labels = self._visible().labels
        return [label for label in self._reg.label_ids(lookup) if label in labels]

    def floor_id(self, lookup: str) -> str | None:
        if not self._lookup_visible(lookup):
            return None
        floor_id = self._reg.floor_id(lookup)
        return floor_id if floor_id in self._visible().floors else None

    def floor_name(self, lookup: str) -> str | None:
        floor_id = self.floor_id(lookup)
        floor = self._reg.floors.get(floor_id) if floor_id else None
        return floor.name if floor else None

    def label_id(self, lookup: str) -> str | None:
        label_id = self._reg.label_id(lookup)
        return label_id if label_id in self._visible().labels else None

    def label_name(self, lookup: str) -> str | None:
        label_id = self.label_id(lookup)
        label = self._reg.labels.get(label_id) if label_id else None
        return label.name if label else None


def user_template_engine(hub: Hub, can_read: CanRead, covers: Covers) -> TemplateEngine:
    """A sandboxed engine, with the hub's limits, that sees only what the user may see."""
    return TemplateEngine(
        ReadableStates(hub, can_read),  # type: ignore[arg-type]  # the read side is all it uses
        hub.clock,
        hub.time_zone,
        registries=ReadableRegistries(hub, can_read, covers),
        limits=hub.templates.limits,
    )
