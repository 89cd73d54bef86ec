"""lock: locked/unlocked (and moving, jammed, open) with optional codes."""

from __future__ import annotations

from enum import IntFlag, StrEnum
from typing import Any

from ..entity import Entity
from ..entity_host import EntityService
from .shared import CODE_SCHEMA, check_code, require_feature


class LockState(StrEnum):
    JAMMED = "jammed"
    OPEN = "open"
    OPENING = "opening"
    LOCKED = "locked"
    LOCKING = "locking"
    UNLOCKED = "unlocked"
    UNLOCKING = "unlocking"


class LockEntityFeature(IntFlag):
    OPEN = 1


async def _lock(entity: LockEntity, code: str | None = None) -> None:
    check_code(entity, entity.code_format, code)
    await entity.lock(code=code)


async def _unlock(entity: LockEntity, code: str | None = None) -> None:
    check_code(entity, entity.code_format, code)
    await entity.unlock(code=code)


async def _open(entity: LockEntity, code: str | None = None) -> None:
    require_feature(entity, LockEntityFeature.OPEN, "open")
    check_code(entity, entity.code_format, code)
    await entity.open(code=code)


class LockEntity(Entity):
    """State from `lock_state`. `code_format` is a regex a given code must match (the code is
    then required). Subclasses implement `lock`, `unlock` and (with OPEN) `open`."""

    domain = "lock"
    SERVICES = (
        EntityService("lock", _lock, CODE_SCHEMA),
        EntityService("unlock", _unlock, CODE_SCHEMA),
        EntityService("open", _open, CODE_SCHEMA),
    )
    code_format: str | None = None
    _lock_state: LockState | None = None
    _changed_by: str | None = None
    _features: LockEntityFeature = LockEntityFeature(0)

    @property
    def lock_state(self) -> LockState | None:
        return self._lock_state

    @property
    def is_locked(self) -> bool:
        return self.lock_state == LockState.LOCKED

    @property
    def state(self) -> str | None:
        value = self.lock_state
        return None if value is None else str(value)

    @property
    def supported_features(self) -> int:
        return int(self._features)

    @property
    def state_attributes(self) -> dict[str, Any]:
        attrs: dict[str, Any] = {}
        if self.code_format is not None:
            attrs["code_format"] = self.code_format
        if self._changed_by is not None:
            attrs["changed_by"] = self._changed_by
        return attrs

    async def lock(self, *, code: str | None = None) -> None:
        raise NotImplementedError

    async def unlock(self, *, code: str | None = None) -> None:
        raise NotImplementedError

    async def open(self, *, code: str | None = None) -> None:
        raise NotImplementedError
