"""ESPHome covers and valves: position 0.0 (closed) - 1.0 (open) on the device, 0-100 here."""

from __future__ import annotations

from aioesphomeapi import (
    CoverInfo,
    CoverOperation,
    CoverState,
    EntityInfo,
    EntityState,
    ValveInfo,
    ValveOperation,
    ValveState,
)

from hub.domains import cover, valve

from ..entity import EsphomeEntity, device_class


class EsphomeCover(EsphomeEntity, cover.CoverEntity):
    INFO = CoverInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, CoverInfo)
        super().update_info(info)
        features = cover.CoverEntityFeature.OPEN | cover.CoverEntityFeature.CLOSE
        if info.supports_position:
            features |= cover.CoverEntityFeature.SET_POSITION
        if info.supports_stop:
            features |= cover.CoverEntityFeature.STOP
        self._features = features
        self._device_class = device_class(info.device_class, frozenset(cover.CoverDeviceClass))

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, CoverState)
        self._position = round(state.position * 100)
        self._closed = self._position == 0
        self._opening = state.current_operation == CoverOperation.IS_OPENING
        self._closing = state.current_operation == CoverOperation.IS_CLOSING

    async def open_cover(self) -> None:
        self.client.cover_command(self.key, position=1.0)

    async def close_cover(self) -> None:
        self.client.cover_command(self.key, position=0.0)

    async def stop_cover(self) -> None:
        self.client.cover_command(self.key, stop=True)

    async def set_cover_position(self, position: int) -> None:
        self.client.cover_command(self.key, position=position / 100)


class EsphomeValve(EsphomeEntity, valve.ValveEntity):
    INFO = ValveInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, ValveInfo)
        super().update_info(info)
        features = valve.ValveEntityFeature.OPEN | valve.ValveEntityFeature.CLOSE
        if info.supports_position:
            features |= valve.ValveEntityFeature.SET_POSITION
        if info.supports_stop:
            features |= valve.ValveEntityFeature.STOP
        self._features = features
        self.reports_position = info.supports_position
        self._device_class = device_class(info.device_class, frozenset(valve.ValveDeviceClass))

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, ValveState)
        self._position = round(state.position * 100)
        self._closed = self._position == 0
        self._opening = state.current_operation == ValveOperation.IS_OPENING
        self._closing = state.current_operation == ValveOperation.IS_CLOSING

    async def open_valve(self) -> None:
        self.client.valve_command(self.key, position=1.0)

    async def close_valve(self) -> None:
        self.client.valve_command(self.key, position=0.0)

    async def stop_valve(self) -> None:
        self.client.valve_command(self.key, stop=True)

    async def set_valve_position(self, position: int) -> None:
        self.client.valve_command(self.key, position=position / 100)


CLASSES: tuple[type[EsphomeEntity], ...] = (EsphomeCover, EsphomeValve)
