"""Entity registry: stable entity ids for (platform, unique_id), with user overrides."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ..errors import ValidationError
from ..states import valid_entity_id
from .base import Registry, slugify


@dataclass(frozen=True, slots=True)
class EntityEntry:
    entity_id: str
    platform: str
    unique_id: str
    device_id: str | None = None
    area_id: str | None = None
    name: str | None = None
    original_name: str | None = None
    icon: str | None = None
    original_icon: str | None = None
    device_class: str | None = None
    original_device_class: str | None = None
    unit_of_measurement: str | None = None
    entity_category: str | None = None
    disabled_by: str | None = None
    hidden_by: str | None = None
    labels: tuple[str, ...] = ()
    has_entity_name: bool = False
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def domain(self) -> str:
        return self.entity_id.partition(".")[0]

    @property
    def disabled(self) -> bool:
        return self.disabled_by is not None

    def as_dict(self) -> dict[str, Any]:
        """Home Assistant `config/entity_registry/list` shape."""
        return {
            "entity_id": self.entity_id,
            "unique_id": self.unique_id,
            "platform": self.platform,
            "device_id": self.device_id,
            "area_id": self.area_id,
            "name": self.name,
            "original_name": self.original_name,
            "icon": self.icon,
            "disabled_by": self.disabled_by,
            "hidden_by": self.hidden_by,
            "entity_category": self.entity_category,
            "labels": list(self.labels),
            "has_entity_name": self.has_entity_name,
            "config_entry_id": None,
            "id": f"{self.platform}:{self.unique_id}",
            "options": self.options,
            "translation_key": None,
        }


class EntityRegistry(Registry[EntityEntry]):
    STORE_KEY = "core.entity_registry"
    EVENT = "entity_registry_updated"
    EVENT_KEY = "entity_id"
    ENTRY = EntityEntry

    @staticmethod
    def key_of(entry: Any) -> str:
        return entry.entity_id  # type: ignore[no-any-return]

    def _after_load(self) -> None:
        self._by_unique: dict[tuple[str, str, str], str] = {
            (e.domain, e.platform, e.unique_id): e.entity_id for e in self._entries.values()
        }
        self._by_device: dict[str, set[str]] = {}
        for entry in self._entries.values():
            if entry.device_id:
                self._by_device.setdefault(entry.device_id, set()).add(entry.entity_id)

    def _ensure_index(self) -> None:
        if not hasattr(self, "_by_unique"):
            self._after_load()

    def entity_id_for(self, domain: str, platform: str, unique_id: str) -> str | None:
        self._ensure_index()
        return self._by_unique.get((domain, platform, unique_id))

    def get_or_create(
        self,
        domain: str,
        platform: str,
        unique_id: str,
        *,
        suggested_object_id: str | None = None,
        **fields: Any,
    ) -> EntityEntry:
        """The entry for (domain, platform, unique_id), creating a free entity id if new."""
        self._ensure_index()
        existing_id = self._by_unique.get((domain, platform, unique_id))
        if existing_id is not None:
            existing = self._entries[existing_id]
            changes = {k: v for k, v in fields.items() if getattr(existing, k) != v}
            return self._apply(existing_id, changes) if changes else existing
        base = f"{domain}.{slugify(suggested_object_id or f'{platform}_{unique_id}')}"
        entity_id = self.free_entity_id(base)
        entry = EntityEntry(entity_id, platform, unique_id, **fields)
        self._index(entry)
        return self._put(entry, "create")

    def free_entity_id(self, base: str, taken: set[str] | None = None) -> str:
        candidate, n = base, 2
        while candidate in self._entries or (taken and candidate in taken):
            candidate, n = f"{base}_{n}", n + 1
        return candidate

    def _index(self, entry: EntityEntry) -> None:
        self._by_unique[(entry.domain, entry.platform, entry.unique_id)] = entry.entity_id
        if entry.device_id:
            self._by_device.setdefault(entry.device_id, set()).add(entry.entity_id)

    def _unindex(self, entry: EntityEntry) -> None:
        self._by_unique.pop((entry.domain, entry.platform, entry.unique_id), None)
        if entry.device_id:
            self._by_device.get(entry.device_id, set()).discard(entry.entity_id)

    def _apply(self, entity_id: str, changes: dict[str, Any]) -> EntityEntry:
        old = self._entries[entity_id]
        self._unindex(old)
        new = self._update(entity_id, **changes)
        self._index(new)
        return new

    def update(
        self, entity_id: str, *, new_entity_id: str | None = None, **changes: Any
    ) -> EntityEntry:
        """Change user-editable fields; renaming moves the entry to a new entity id."""
        self._ensure_index()
        if new_entity_id and new_entity_id != entity_id:
            old = self._entries.get(entity_id)
            if old is None:
                raise ValidationError(f"Entity {entity_id} is not registered")
            if not valid_entity_id(new_entity_id) or new_entity_id.split(".")[0] != old.domain:
                raise ValidationError(f"Invalid new entity id {new_entity_id!r}")
            if new_entity_id in self._entries:
                raise ValidationError(f"Entity id {new_entity_id} is already registered")
            self._unindex(old)
            self._entries.pop(entity_id)
            moved = dataclasses.replace(old, entity_id=new_entity_id, **changes)
            self._index(moved)
            self._put(moved, "update", {"entity_id": entity_id})
            return moved
        if entity_id not in self._entries:
            raise ValidationError(f"Entity {entity_id} is not registered")
        return self._apply(entity_id, changes)

    def remove(self, entity_id: str) -> None:
        self._ensure_index()
        entry = self._delete(entity_id)
        if entry is not None:
            self._unindex(entry)

    def for_device(self, device_id: str) -> list[EntityEntry]:
        self._ensure_index()
        return [self._entries[e] for e in sorted(self._by_device.get(device_id, ()))]
