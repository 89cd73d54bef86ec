"""valve: water/gas valves: open/closed/opening/closing with an optional position."""

from __future__ import annotations

from enum import IntFlag, StrEnum
from typing import Any

from .positional import PositionalEntity, positional_services


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


class ValveEntity(PositionalEntity):
    """State from `is_closed`/`is_opening`/`is_closing`; `reports_position` adds
    `current_position` (0 closed - 100 open)."""

    domain = "valve"
    SERVICES = positional_services("valve")
    state_type = ValveState
    reports_position: bool = False
    _features: ValveEntityFeature = ValveEntityFeature.OPEN | ValveEntityFeature.CLOSE

    @property
    def is_closed(self) -> bool | None:
        if self.reports_position and self._position is not None:
            return self._position == 0
        return self._closed

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
