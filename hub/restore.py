"""RestoreStates: the last state of opted-in entities, kept across restarts."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .context import Context
from .states import STATE_UNAVAILABLE, State, StateMachine
from .storage import StorageError, Store

if TYPE_CHECKING:
    from .entity import Entity

_LOGGER = logging.getLogger(__name__)

STORE_KEY = "core.restore_state"
STORE_VERSION = 1
DUMP_INTERVAL = 15 * 60.0
PROMPT_SAVE_DELAY = 1.0


def state_from_dict(data: Mapping[str, Any]) -> State:
    """Rebuild a State from its wire form."""
    ctx = data.get("context") or {}
    return State(
        data["entity_id"],
        data["state"],
        MappingProxyType(dict(data.get("attributes") or {})),
        datetime.fromisoformat(data["last_changed"]),
        datetime.fromisoformat(data["last_updated"]),
        datetime.fromisoformat(data.get("last_reported") or data["last_updated"]),
        Context(
            user_id=ctx.get("user_id"),
            parent_id=ctx.get("parent_id"),
            id=ctx.get("id") or Context().id,
        ),
    )


class RestoreStates:
    """Loads the last saved states at start; saves restorable entities periodically and at stop."""

    def __init__(self, states: StateMachine, config_dir: Path) -> None:
        self._states = states
        self._store = Store(config_dir, STORE_KEY, STORE_VERSION)
        self._last: dict[str, tuple[State, dict[str, Any] | None]] = {}
        self._removed: dict[str, dict[str, Any]] = {}
        self._entities: Callable[[], list[Entity]] = list

    def bind(self, entities: Callable[[], list[Entity]]) -> None:
        """Tell the store where to find the restorable entities at save time."""
        self._entities = entities

    async def load(self) -> None:
        try:
            data = await self._store.load() or []
        except StorageError:
            _LOGGER.exception("Restore state file unreadable; starting without restored states")
            return
        for item in data:
            try:
                state = state_from_dict(item["state"])
            except (KeyError, TypeError, ValueError):
                _LOGGER.warning("Skipping a malformed restore entry")
                continue
            self._last[state.entity_id] = (state, item.get("extra"))

    def last_state(self, entity_id: str) -> State | None:
        found = self._last.get(entity_id)
        return found[0] if found else None

    def last_extra(self, entity_id: str) -> dict[str, Any] | None:
        found = self._last.get(entity_id)
        return found[1] if found else None

    def remember(self, entity: Entity) -> None:
        """Keep an entity being removed in the next dump (e.g. its integration reloads)."""
        if entity.restore and (item := self._item(entity)) is not None:
            self._removed[entity.entity_id] = item

    def _item(self, entity: Entity) -> dict[str, Any] | None:
        state = self._states.get(entity.entity_id)
        if state is None or state.state == STATE_UNAVAILABLE:
            previous = self._last.get(entity.entity_id)
            if previous is None:
                return None
            state = previous[0]
        return {"state": state.as_dict(), "extra": entity.extra_restore_data()}

    def snapshot(self) -> list[dict[str, Any]]:
        items = dict(self._removed)
        for entity in self._entities():
            if (item := self._item(entity)) is not None:
                items[entity.entity_id] = item
        return list(items.values())

    async def save(self) -> None:
        await self._store.save(self.snapshot())

    def save_soon(self, delay: float = PROMPT_SAVE_DELAY) -> None:
        """Save within `delay` seconds (bursts of changes coalesce into one write)."""
        self._store.delay_save(self.snapshot, delay)

    async def flush(self) -> None:
        """Write a pending `save_soon` now."""
        await self._store.flush()
