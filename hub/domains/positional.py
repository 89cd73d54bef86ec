"""The shape cover and valve share: open/closed/opening/closing with a 0-100 position."""

from __future__ import annotations

from enum import IntFlag
from typing import Any, ClassVar

from ..entity import Entity
from ..entity_host import EntityMethod, EntityService
from .shared import POSITION_SCHEMA, require_feature


class PositionalFeature(IntFlag):
    """The feature bits cover and valve both use (their own enums carry the same values)."""

    OPEN = 1
    CLOSE = 2
    SET_POSITION = 4
    STOP = 8


class PositionalEntity(Entity):
    """State derived from `is_closed`, `is_opening`, `is_closing`; position 0 (closed)-100.

    A domain sets `state_type` (its StrEnum with OPEN, OPENING, CLOSED, CLOSING).
    """

    state_type: ClassVar[Any]
    _features: IntFlag = PositionalFeature.OPEN | PositionalFeature.CLOSE
    _position: int | None = None
    _closed: bool | None = None
    _opening: bool = False
    _closing: bool = False

    @property
    def current_position(self) -> int | None:
        return self._position

    @property
    def is_closed(self) -> bool | None:
        return self._closed

    @property
    def is_opening(self) -> bool:
        return self._opening

    @property
    def is_closing(self) -> bool:
        return self._closing

    @property
    def state(self) -> str | None:
        states = self.state_type
        if self.is_opening:
            return states.OPENING
        if self.is_closing:
            return states.CLOSING
        closed = self.is_closed
        if closed is None:
            return None
        return states.CLOSED if closed else states.OPEN

    @property
    def supported_features(self) -> int:
        return int(self._features)


def _feature_call(flag: PositionalFeature, service: str) -> EntityMethod:
    """A handler that checks `flag` and awaits the entity's method named like the service."""

    async def handler(entity: Entity, **params: Any) -> None:
        require_feature(entity, flag, service)
        await getattr(entity, service)(**params)

    return handler


def positional_services(noun: str) -> tuple[EntityService, ...]:
    """`open_<noun>`, `close_<noun>`, `stop_<noun>`, `set_<noun>_position` and `toggle`.

    Each checks its feature bit, then awaits the entity method of the service's name;
    toggle stops a moving entity, else moves it the other way (Home Assistant's toggle).
    """
    open_ = _feature_call(PositionalFeature.OPEN, f"open_{noun}")
    close = _feature_call(PositionalFeature.CLOSE, f"close_{noun}")
    stop = _feature_call(PositionalFeature.STOP, f"stop_{noun}")
    set_position = _feature_call(PositionalFeature.SET_POSITION, f"set_{noun}_position")

    async def toggle(entity: PositionalEntity) -> None:
        if entity.is_opening or entity.is_closing:
            await stop(entity)
        elif entity.is_closed:
            await open_(entity)
        else:
            await close(entity)

    return (
        EntityService(f"open_{noun}", open_),
        EntityService(f"close_{noun}", close),
        EntityService(f"stop_{noun}", stop),
        EntityService(f"set_{noun}_position", set_position, POSITION_SCHEMA),
        EntityService("toggle", toggle),
    )
