"""Device registry: physical or logical devices, found again by identifiers or connections."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from .base import Registry

Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class DeviceEntry:
    id: str
    integration: str
    identifiers: tuple[Pair, ...] = ()
    connections: tuple[Pair, ...] = ()
    name: str | None = None
    name_by_user: str | None = None
    manufacturer: str | None = None
    model: str | None = None
    model_id: str | None = None
    sw_version: str | None = None
    hw_version: str | None = None
    serial_number: str | None = None
    via_device_id: str | None = None
    area_id: str | None = None
    labels: tuple[str, ...] = ()
    disabled_by: str | None = None
    entry_type: str | None = None
    configuration_url: str | None = None

    @property
    def display_name(self) -> str:
        return self.name_by_user or self.name or self.id

    def as_dict(self) -> dict[str, Any]:
        """Home Assistant `config/device_registry/list` shape."""
        return {
            "id": self.id,
            "area_id": self.area_id,
            "configuration_url": self.configuration_url,
            "config_entries": [],
            "connections": [list(c) for c in self.connections],
            "disabled_by": self.disabled_by,
            "entry_type": self.entry_type,
            "hw_version": self.hw_version,
            "identifiers": [list(i) for i in self.identifiers],
            "labels": list(self.labels),
            "manufacturer": self.manufacturer,
            "model": self.model,
            "model_id": self.model_id,
            "name_by_user": self.name_by_user,
            "name": self.name,
            "serial_number": self.serial_number,
            "sw_version": self.sw_version,
            "via_device_id": self.via_device_id,
        }


def _pairs(values: Any) -> tuple[Pair, ...]:
    return tuple(sorted({(str(a), str(b)) for a, b in values or ()}))


class DeviceRegistry(Registry[DeviceEntry]):
    STORE_KEY = "core.device_registry"
    EVENT = "device_registry_updated"
    EVENT_KEY = "device_id"
    ENTRY = DeviceEntry

    def _after_load(self) -> None:
        self._index: dict[Pair, str] = {}
        for entry in self._entries.values():
            self._index_entry(entry)

    def _index_entry(self, entry: DeviceEntry) -> None:
        for pair in (*entry.identifiers, *entry.connections):
            self._index[pair] = entry.id

    def find(self, identifiers: Any = (), connections: Any = ()) -> DeviceEntry | None:
        """The device known by any of these identifiers or connections."""
        for pair in (*_pairs(identifiers), *_pairs(connections)):
            device_id = self._index.get(pair)
            if device_id is not None and device_id in self._entries:
                return self._entries[device_id]
        return None

    def get_or_create(
        self,
        integration: str,
        *,
        identifiers: Any = (),
        connections: Any = (),
        via_device: Pair | None = None,
        **fields: Any,
    ) -> DeviceEntry:
        """Register a device or update the one already known by its identifiers/connections."""
        if not hasattr(self, "_index"):
            self._after_load()
        idents, conns = _pairs(identifiers), _pairs(connections)
        if not idents and not conns:
            raise ValueError("A device needs at least one identifier or connection")
        if via_device is not None:
            via = self.find(identifiers=[via_device])
            fields["via_device_id"] = via.id if via else None
        existing = self.find(idents, conns)
        if existing is None:
            entry = DeviceEntry(uuid.uuid4().hex, integration, idents, conns, **fields)
            self._index_entry(entry)
            return self._put(entry, "create")
        changes = {k: v for k, v in fields.items() if v is not None and getattr(existing, k) != v}
        merged_ids = _pairs((*existing.identifiers, *idents))
        merged_conns = _pairs((*existing.connections, *conns))
        if merged_ids != existing.identifiers:
            changes["identifiers"] = merged_ids
        if merged_conns != existing.connections:
            changes["connections"] = merged_conns
        if not changes:
            return existing
        entry = self._update(existing.id, **changes)
        self._index_entry(entry)
        return entry

    def update(self, device_id: str, **changes: Any) -> DeviceEntry:
        return self._update(device_id, **changes)

    def remove(self, device_id: str) -> None:
        entry = self._delete(device_id)
        if entry is not None:
            for pair in (*entry.identifiers, *entry.connections):
                self._index.pop(pair, None)

    def in_area(self, area_id: str) -> list[DeviceEntry]:
        return [d for d in self._entries.values() if d.area_id == area_id]
