"""PendingStore: deadlines of `for:` waits and delays, persisted so they survive a restart."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import orjson

from hub.events import dumps
from hub.storage import StorageError, Store

_LOGGER = logging.getLogger(__name__)

STORAGE_KEY = "automation.pending"
STORAGE_VERSION = 1
SAVE_DELAY = 1.0


def to_json_safe(value: Any) -> Any:
    """A JSON-able copy of variables (State objects become their dict form)."""
    try:
        return orjson.loads(dumps(value))
    except TypeError:
        return None


class PendingStore:
    """key → {deadline (POSIX s), data}; written on change (debounced) and at shutdown."""

    def __init__(self, config_dir: Path) -> None:
        self._store = Store(config_dir, STORAGE_KEY, STORAGE_VERSION)
        self._entries: dict[str, dict[str, Any]] = {}
        self._dirty = False

    async def load(self) -> None:
        try:
            data = await self._store.load()
        except StorageError:
            _LOGGER.exception("Pending automation timers could not be read; starting empty")
            data = None
        self._entries = dict(data or {})

    def add(self, key: str, deadline: float, data: dict[str, Any]) -> None:
        self._entries[key] = {"deadline": deadline, "data": to_json_safe(data)}
        self._changed()

    def remove(self, key: str) -> None:
        if self._entries.pop(key, None) is not None:
            self._changed()

    def get(self, key: str) -> dict[str, Any] | None:
        return self._entries.get(key)

    def with_prefix(self, prefix: str) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self._entries.items() if k.startswith(prefix)}

    def keys(self) -> list[str]:
        return list(self._entries)

    def _changed(self) -> None:
        self._dirty = True
        try:
            self._store.delay_save(lambda: dict(self._entries), SAVE_DELAY)
        except RuntimeError:  # no running loop (never in practice)
            pass

    async def save(self) -> None:
        """Write now (at shutdown)."""
        await self._store.save(dict(self._entries))
        self._dirty = False
