"""A persisted registry of frozen entries, with update events and debounced atomic saves."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from ..events import EventBus
from ..storage import Store

E = TypeVar("E")
SAVE_DELAY = 1.0


def slugify(text: str, separator: str = "_") -> str:
    """ASCII lowercase slug: 'Server Room' -> 'server_room'."""
    normalized = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", separator, normalized.lower()).strip(separator)
    return slug or "unnamed"


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def entry_from_json[E](cls: type[E], data: dict[str, Any]) -> E:
    """Build an entry, ignoring unknown keys and turning JSON lists back into tuples."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: _freeze(v) for k, v in data.items() if k in names})


class Registry[E]:
    """Entries keyed by id; subclasses define the key, the store key and the event type."""

    STORE_KEY = ""
    STORE_VERSION = 1
    EVENT = ""
    ENTRY: type[Any]

    def __init__(self, bus: EventBus, config_dir: Path) -> None:
        self._bus = bus
        self._store = Store(config_dir, self.STORE_KEY, self.STORE_VERSION)
        self._entries: dict[str, E] = {}
        self._listeners: list[Callable[[str, E], None]] = []

    @staticmethod
    def key_of(entry: Any) -> str:
        return entry.id  # type: ignore[no-any-return]

    async def load(self) -> None:
        data = await self._store.load()
        for item in (data or {}).get("items", []):
            entry = entry_from_json(self.ENTRY, item)
            self._entries[self.key_of(entry)] = entry
        self._after_load()

    def _after_load(self) -> None:
        """Rebuild indexes (subclasses)."""

    def _schedule_save(self) -> None:
        self._store.delay_save(
            lambda: {"items": [dataclasses.asdict(e) for e in self._entries.values()]},  # type: ignore[call-overload]
            SAVE_DELAY,
        )

    async def flush(self) -> None:
        await self._store.flush()

    def get(self, key: str) -> E | None:
        return self._entries.get(key)

    def __iter__(self) -> Iterator[E]:
        return iter(list(self._entries.values()))

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def on_change(self, listener: Callable[[str, E], None]) -> Callable[[], None]:
        """Internal hook for indexes that depend on this registry (action, entry)."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _put(self, entry: E, action: str, changes: dict[str, Any] | None = None) -> E:
        key = self.key_of(entry)
        self._entries[key] = entry
        self._changed(action, entry, changes)
        return entry

    def _delete(self, key: str) -> E | None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._changed("remove", entry, None)
        return entry

    def _changed(self, action: str, entry: E, changes: dict[str, Any] | None) -> None:
        for listener in list(self._listeners):
            listener(action, entry)
        data: dict[str, Any] = {"action": action, self.EVENT_KEY: self.key_of(entry)}
        if changes:
            data["changes"] = changes
        self._bus.fire(self.EVENT, data)
        self._schedule_save()

    EVENT_KEY = "id"

    def _update(self, key: str, **changes: Any) -> E:
        from ..errors import NotFound

        old = self._entries.get(key)
        if old is None:
            raise NotFound(f"{self.STORE_KEY}: {key} not found")
        changes = {k: _freeze(v) for k, v in changes.items()}
        new = dataclasses.replace(old, **changes)  # type: ignore[type-var]
        if new == old:
            return old
        before = {k: getattr(old, k) for k in changes if getattr(old, k) != changes[k]}
        return self._put(new, "update", before)
