"""cover: blinds, shutters, garage doors: open/closed/opening/closing with a position."""

from __future__ import annotations

from enum import IntFlag, StrEnum
from typing import Any

from .positional import PositionalEntity, positional_services


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


class CoverEntity(PositionalEntity):
    """State derived from `is_closed`, `is_opening`, `is_closing`; position 0 (closed)-100."""

    domain = "cover"
    SERVICES = positional_services("cover")
    state_type = CoverState
    _features: CoverEntityFeature = CoverEntityFeature.OPEN | CoverEntityFeature.CLOSE

    @property
    def is_closed(self) -> bool | None:
        if self._closed is None and self._position is not None:
            return self._position == 0
        return self._closed

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
