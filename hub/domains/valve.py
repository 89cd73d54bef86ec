"""valve: water/gas valves: open/closed/opening/closing with an optional position."""

from __future__ import annotations

from enum import IntFlag, StrEnum
from typing import Any

from ..entity import Entity
from ..entity_host import EntityService
from .shared import POSITION_SCHEMA, require_feature


class ValveState(StrEnum):
    OPEN = "open"
    OPENING = "opening"
    CLOSED = "closed"
    CLOSING = "closing"


class ValveDeviceClass(StrEnum):
    WATER = "water"
    GAS = "gas"


class ValveEntityFeature(IntFlag):
    OPEN = 1
    CLOSE = 2
    SET_POSITION = 4
    STOP = 8


async def _open(entity: ValveEntity) -> None:
    require_feature(entity, ValveEntityFeature.OPEN, "open_valve")
    await entity.open_valve()


async def _close(entity: ValveEntity) -> None:
    require_feature(entity, ValveEntityFeature.CLOSE, "close_valve")
    await entity.close_valve()


async def _stop(entity: ValveEntity) -> None:
    require_feature(entity, ValveEntityFeature.STOP, "stop_valve")
    await entity.stop_valve()


async def _set_position(entity: ValveEntity, position: int) -> None:
    require_feature(entity, ValveEntityFeature.SET_POSITION, "set_valve_position")
    await entity.set_valve_position(position)


async def _toggle(entity: ValveEntity) -> None:
    if entity.is_opening or entity.is_closing:
        await _stop(entity)
    elif entity.is_closed:
        await _open(entity)
    else:
        await _close(entity)


class ValveEntity(Entity):
    """State from `is_closed`/`is_opening`/`is_closing`; `reports_position` adds
    `current_position` (0 closed - 100 open)."""

    domain = "valve"
    SERVICES = (
        EntityService("open_valve", _open),
        EntityService("close_valve", _close),
        EntityService("stop_valve", _stop),
        EntityService("set_valve_position", _set_position, POSITION_SCHEMA),
        EntityService("toggle", _toggle),
    )
    reports_position: bool = False
    _features: ValveEntityFeature = ValveEntityFeature.OPEN | ValveEntityFeature.CLOSE
    _position: int | None = None
    _closed: bool | None = None
    _opening: bool = False
    _closing: bool = False

    @property
    def current_position(self) -> int | None:
        return self._position

    @property
    def is_closed(self) -> bool | None:
        if self.reports_position and self._position is not None:
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
            return ValveState.OPENING
        if self.is_closing:
            return ValveState.CLOSING
        closed = self.is_closed
        if closed is None:
            return None
        return ValveState.CLOSED if closed else ValveState.OPEN

    @property
    def supported_features(self) -> int:
        return int(self._features)

    @property
    def state_attributes(self) -> dict[str, Any]:
        if self.reports_position and self._position is not None:
            return {"current_position": self._position}
        return {}

    async def open_valve(self) -> None:
        raise NotImplementedError

    async def close_valve(self) -> None:
        raise NotImplementedError

    async def stop_valve(self) -> None:
        raise NotImplementedError

    async def set_valve_position(self, position: int) -> None:
        raise NotImplementedError
