"""The hub's registries (entities, devices, areas, floors, labels) and the lookups over them."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from ..events import EventBus
from ..services import ENTITY_MATCH_ALL, Target
from ..states import StateMachine
from .areas import AreaEntry, AreaRegistry, FloorEntry, FloorRegistry, LabelEntry, LabelRegistry
from .base import slugify
from .devices import DeviceEntry, DeviceRegistry
from .entities import EntityEntry, EntityRegistry

__all__ = [
    "AreaEntry",
    "DeviceEntry",
    "EntityEntry",
    "FloorEntry",
    "LabelEntry",
    "Registries",
    "slugify",
]


class Registries:
    """All registries together, plus target expansion and the lookups templates use."""

    def __init__(self, bus: EventBus, states: StateMachine, config_dir: Path) -> None:
        self.states = states
        self.entities = EntityRegistry(bus, config_dir)
        self.devices = DeviceRegistry(bus, config_dir)
        self.areas = AreaRegistry(bus, config_dir)
        self.floors = FloorRegistry(bus, config_dir)
        self.labels = LabelRegistry(bus, config_dir)

    async def load(self) -> None:
        for registry in self._all():
            await registry.load()

    async def flush(self) -> None:
        await asyncio.gather(*(registry.flush() for registry in self._all()))

    def _all(self) -> tuple[Any, ...]:
        return (self.entities, self.devices, self.areas, self.floors, self.labels)

    # -- entity placement --------------------------------------------------------------
    def area_of_entity(self, entity_id: str) -> str | None:
        """The entity's own area, else its device's area."""
        entry = self.entities.get(entity_id)
        if entry is None:
            return None
        if entry.area_id:
            return entry.area_id
        if entry.device_id and (device := self.devices.get(entry.device_id)):
            return device.area_id
        return None

    def floor_of_entity(self, entity_id: str) -> str | None:
        area_id = self.area_of_entity(entity_id)
        area = self.areas.get(area_id) if area_id else None
        return area.floor_id if area else None

    def labels_of_entity(self, entity_id: str) -> set[str]:
        entry = self.entities.get(entity_id)
        if entry is None:
            return set()
        labels = set(entry.labels)
        if entry.device_id and (device := self.devices.get(entry.device_id)):
            labels.update(device.labels)
        return labels

    # -- target expansion --------------------------------------------------------------
    def _visible(self, entry: EntityEntry) -> bool:
        return not entry.disabled and entry.hidden_by is None and entry.entity_category is None

    def area_entities(self, area: str) -> list[str]:
        """Entities placed in an area directly or through their device (id or name)."""
        found = self.areas.lookup(area)
        if found is None:
            return []
        area_id = found.id
        result = [
            e.entity_id
            for e in self.entities
            if e.area_id == area_id
            or (e.area_id is None and e.device_id and self._device_area(e.device_id) == area_id)
        ]
        return sorted(result)

    def _device_area(self, device_id: str) -> str | None:
        device = self.devices.get(device_id)
        return device.area_id if device else None

    def resolve_target(self, target: Target) -> set[str]:
        """Expand a service target to entity ids (explicit ids kept as given)."""
        result: set[str] = set()
        if target.all_entities:
            result.update(self.states.entity_ids())
        result.update(e for e in target.entity_ids if e != ENTITY_MATCH_ALL)
        areas = set(target.area_ids)
        for floor_id in target.floor_ids:
            areas.update(a.id for a in self.areas.in_floor(floor_id))
        devices = set(target.device_ids)
        for label in target.label_ids:
            areas.update(a.id for a in self.areas if label in a.labels)
            devices.update(d.id for d in self.devices if label in d.labels)
            result.update(
                e.entity_id for e in self.entities if label in e.labels and not e.disabled
            )
        for area_id in areas:
            devices.update(d.id for d in self.devices.in_area(area_id))
            result.update(
                e.entity_id for e in self.entities if e.area_id == area_id and self._visible(e)
            )
        for device_id in devices:
            for entry in self.entities.for_device(device_id):
                if not self._visible(entry):
                    continue
                if (
                    entry.area_id
                    and areas
                    and entry.area_id not in areas
                    and device_id not in target.device_ids
                ):
                    continue  # moved out of the targeted area on purpose
                result.add(entry.entity_id)
        return result

    # -- RegistryView for templates ----------------------------------------------------
    def area_id(self, lookup: str) -> str | None:
        area = self.areas.lookup(lookup)
        if area:
            return area.id
        if "." in lookup:
            return self.area_of_entity(lookup)
        device = self.devices.get(lookup)
        return device.area_id if device else None

    def area_name(self, lookup: str) -> str | None:
        area_id = self.area_id(lookup)
        area = self.areas.get(area_id) if area_id else None
        return area.name if area else None

    def area_devices(self, area: str) -> list[str]:
        found = self.areas.lookup(area)
        return [d.id for d in self.devices.in_area(found.id)] if found else []

    def device_id(self, lookup: str) -> str | None:
        entry = self.entities.get(lookup)
        if entry is not None:
            return entry.device_id
        for device in self.devices:
            if lookup in (device.name, device.name_by_user):
                return device.id
        return None

    def device_attr(self, device_id: str, attr: str) -> Any:
        device = self.devices.get(device_id)
        if device is None or attr.startswith("_"):
            return None
        return device.as_dict().get(attr)

    def device_entities(self, device_id: str) -> list[str]:
        return [e.entity_id for e in self.entities.for_device(device_id)]

    def label_entities(self, label: str) -> list[str]:
        found = self.labels.lookup(label)
        label_id = found.id if found else label
        return sorted(e.entity_id for e in self.entities if label_id in e.labels)

    def floor_areas(self, floor: str) -> list[str]:
        found = self.floors.lookup(floor)
        return [a.id for a in self.areas.in_floor(found.id)] if found else []

    def area_ids(self) -> list[str]:
        return [a.id for a in self.areas]

    def floor_ids(self) -> list[str]:
        return [f.id for f in self.floors]

    def label_ids(self, lookup: str | None = None) -> list[str]:
        """Every label id, or the labels of an entity, a device or an area (id or name)."""
        if lookup is None:
            return [label.id for label in self.labels]
        entry = self.entities.get(lookup)
        if entry is not None:
            return list(entry.labels)
        device = self.devices.get(lookup)
        if device is not None:
            return list(device.labels)
        area = self.areas.lookup(lookup)
        return list(area.labels) if area is not None else []

    def floor_id(self, lookup: str) -> str | None:
        floor = self.floors.lookup(lookup)
        if floor is not None:
            return floor.id
        area_id = self.area_id(lookup)
        area = self.areas.get(area_id) if area_id else None
        return area.floor_id if area is not None else None

    def floor_name(self, lookup: str) -> str | None:
        floor_id = self.floor_id(lookup)
        floor = self.floors.get(floor_id) if floor_id else None
        return floor.name if floor is not None else None

    def label_id(self, lookup: str) -> str | None:
        label = self.labels.lookup(lookup)
        return label.id if label is not None else None

    def label_name(self, lookup: str) -> str | None:
        label = self.labels.lookup(lookup)
        return label.name if label is not None else None
