"""Which registry entries a non-admin may see: entities, devices, areas, floors and labels.

One rule, used by the websocket registry lists, registry update events and templates:

- an entity is visible when the user may read it;
- a device when a read grant covers it (by device, area, floor or label) or one of its
  entities is visible;
- an area when a read grant names it (or its floor), or it holds a visible entity (placed in
  it directly or through its device) or a visible device;
- a floor when a read grant names it or one of its areas is visible;
- a label when a read grant names it or it is attached to a visible entity, device or area.

Grants only count while their policy applies (time windows, expiry) and within the token's
scope, exactly as for entities; admins see everything and never reach this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..auth import EntityInfo

if TYPE_CHECKING:
    from ..registry import Registries

CanRead = Callable[[str], bool]
Covers = Callable[[EntityInfo], bool]


@dataclass(frozen=True, slots=True)
class Visible:
    """The registry ids one user may see at one moment."""

    entities: frozenset[str]
    devices: frozenset[str]
    areas: frozenset[str]
    floors: frozenset[str]
    labels: frozenset[str]


def visible_entries(registries: Registries, can_read: CanRead, covers: Covers) -> Visible:
    """Apply the module's rule once over all registries (linear in their size)."""
    entities: set[str] = set()
    devices: set[str] = set()
    areas: set[str] = set()
    labels: set[str] = set()
    for entry in registries.entities:
        if not can_read(entry.entity_id):
            continue
        entities.add(entry.entity_id)
        labels.update(entry.labels)
        if entry.device_id is not None:
            devices.add(entry.device_id)
        if (area_id := registries.area_of_entity(entry.entity_id)) is not None:
            areas.add(area_id)
    floor_of = {area.id: area.floor_id for area in registries.areas}
    for device in registries.devices:
        if device.id not in devices:
            floor = floor_of.get(device.area_id) if device.area_id else None
            info = EntityInfo(
                "", "", device.id, device.area_id, floor, frozenset(device.labels)
            )  # the device as a grant sees it: no entity id, no domain
            if not covers(info):
                continue
            devices.add(device.id)
        labels.update(device.labels)
        if device.area_id is not None:
            areas.add(device.area_id)
    floors: set[str] = set()
    for area in registries.areas:
        if area.id not in areas:
            if not covers(EntityInfo("", "", area_id=area.id, floor_id=area.floor_id)):
                continue
            areas.add(area.id)
        labels.update(area.labels)
        if area.floor_id is not None:
            floors.add(area.floor_id)
    floors.update(
        floor.id
        for floor in registries.floors
        if floor.id not in floors and covers(EntityInfo("", "", floor_id=floor.id))
    )
    labels.update(
        label.id
        for label in registries.labels
        if label.id not in labels and covers(EntityInfo("", "", labels=frozenset({label.id})))
    )
    known_areas = set(floor_of)
    return Visible(
        entities=frozenset(entities),
        devices=frozenset(d for d in devices if registries.devices.get(d) is not None),
        areas=frozenset(areas & known_areas),
        floors=frozenset(f for f in floors if registries.floors.get(f) is not None),
        labels=frozenset(label for label in labels if registries.labels.get(label) is not None),
    )
