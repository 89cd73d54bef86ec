"""Areas, floors and labels: the places and tags that group devices and entities."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ValidationError
from .base import Registry, slugify


@dataclass(frozen=True, slots=True)
class FloorEntry:
    id: str
    name: str
    level: int | None = None
    icon: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AreaEntry:
    id: str
    name: str
    floor_id: str | None = None
    icon: str | None = None
    picture: str | None = None
    aliases: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LabelEntry:
    id: str
    name: str
    color: str | None = None
    icon: str | None = None
    description: str | None = None


class _NamedRegistry[E](Registry[E]):
    """A registry whose ids are slugs of unique names."""

    def _new_id(self, name: str) -> str:
        if not name or not name.strip():
            raise ValidationError("Name must not be empty")
        for entry in self._entries.values():
            if entry.name.casefold() == name.strip().casefold():  # type: ignore[attr-defined]
                raise ValidationError(f"The name {name!r} is already in use")
        base = slugify(name)
        candidate, n = base, 2
        while candidate in self._entries:
            candidate, n = f"{base}_{n}", n + 1
        return candidate

    def by_name(self, name: str) -> E | None:
        folded = name.casefold()
        for entry in self._entries.values():
            if entry.name.casefold() == folded:  # type: ignore[attr-defined]
                return entry
        return None

    def lookup(self, id_or_name: str) -> E | None:
        """By id first, then by name (case-insensitive)."""
        return self._entries.get(id_or_name) or self.by_name(id_or_name)

    def create(self, name: str, **fields: object) -> E:
        """A new entry named `name`; its id is a unique slug of the name."""
        return self._put(self.ENTRY(self._new_id(name), name.strip(), **fields), "create")

    def delete(self, key: str) -> None:
        self._delete(key)

    def update(self, key: str, **changes: object) -> E:
        return self._update(key, **changes)


class FloorRegistry(_NamedRegistry[FloorEntry]):
    STORE_KEY = "core.floor_registry"
    EVENT = "floor_registry_updated"
    EVENT_KEY = "floor_id"
    ENTRY = FloorEntry


class AreaRegistry(_NamedRegistry[AreaEntry]):
    STORE_KEY = "core.area_registry"
    EVENT = "area_registry_updated"
    EVENT_KEY = "area_id"
    ENTRY = AreaEntry

    def get_or_create(self, name: str, **fields: object) -> AreaEntry:
        return self.by_name(name) or self.create(name, **fields)

    def in_floor(self, floor_id: str) -> list[AreaEntry]:
        return [a for a in self._entries.values() if a.floor_id == floor_id]


class LabelRegistry(_NamedRegistry[LabelEntry]):
    STORE_KEY = "core.label_registry"
    EVENT = "label_registry_updated"
    EVENT_KEY = "label_id"
    ENTRY = LabelEntry
