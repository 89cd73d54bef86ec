"""cover: blinds, shutters, garage doors: open/closed/opening/closing with a position."""

from __future__ import annotations

from enum import IntFlag, StrEnum
from typing import Any

from ..entity import Entity
from ..entity_host import EntityService
from .shared import POSITION_SCHEMA, require_feature


class CoverState(StrEnum):
    OPEN = "open"
    OPENING = "opening"
    CLOSED = "closed"
    CLOSING = "closing"


class CoverDeviceClass(StrEnum):
    AWNING = "awning"
    BLIND = "blind"
    CURTAIN = "curtain"
    DAMPER = "damper"
    DOOR = "door"
    GARAGE = "garage"
    GATE = "gate"
    SHADE = "shade"
    SHUTTER = "shutter"
    WINDOW = "window"


class CoverEntityFeature(IntFlag):
    OPEN = 1
    CLOSE = 2
    SET_POSITION = 4
    STOP = 8


async def _open(entity: CoverEntity) -> None:
    require_feature(entity, CoverEntityFeature.OPEN, "open_cover")
    await entity.open_cover()


async def _close(entity: CoverEntity) -> None:
    require_feature(entity, CoverEntityFeature.CLOSE, "close_cover")
    await entity.close_cover()


async def _stop(entity: CoverEntity) -> None:
    require_feature(entity, CoverEntityFeature.STOP, "stop_cover")
    await entity.stop_cover()


async def _set_position(entity: CoverEntity, position: int) -> None:
    require_feature(entity, CoverEntityFeature.SET_POSITION, "set_cover_position")
    await entity.set_cover_position(position)


async def _toggle(entity: CoverEntity) -> None:
    """Stop a moving cover, else move it the other way (Home Assistant's toggle)."""
    if entity.is_opening or entity.is_closing:
        await _stop(entity)
    elif entity.is_closed:
        await _open(entity)
    else:
        await _close(entity)


class CoverEntity(Entity):
    """State derived from `is_closed`, `is_opening`, `is_closing`; position 0 (closed)-100."""

    domain = "cover"
    SERVICES = (
        EntityService("open_cover", _open),
        EntityService("close_cover", _close),
        EntityService("stop_cover", _stop),
        EntityService("set_cover_position", _set_position, POSITION_SCHEMA),
        EntityService("toggle", _toggle),
    )
    _features: CoverEntityFeature = CoverEntityFeature.OPEN | CoverEntityFeature.CLOSE
    _position: int | None = None
    _closed: bool | None = None
    _opening: bool = False
    _closing: bool = False

    @property
    def current_position(self) -> int | None:
        return self._position

    @property
    def is_closed(self) -> bool | None:
        if self._closed is None and self._position is not None:
            return self._position == 0
        return self._closed

    @property
    def is_opening(self) -> bool:
        return self._opening

    @property
    def is_closing(self) -> bool:
        return self._closing

    @property
    def state(self) -> str | None:
        if self.is_opening:
            return CoverState.OPENING
        if self.is_closing:
            return CoverState.CLOSING
        closed = self.is_closed
        if closed is None:
            return None
        return CoverState.CLOSED if closed else CoverState.OPEN

    @property
    def supported_features(self) -> int:
        return int(self._features)

    @property
    def state_attributes(self) -> dict[str, Any]:
        if self._features & CoverEntityFeature.SET_POSITION and self._position is not None:
            return {"current_position": self._position}
        return {}

    async def open_cover(self) -> None:
        raise NotImplementedError

    async def close_cover(self) -> None:
        raise NotImplementedError

    async def stop_cover(self) -> None:
        raise NotImplementedError

    async def set_cover_position(self, position: int) -> None:
        raise NotImplementedError
