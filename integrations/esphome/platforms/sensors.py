"""Read-only ESPHome entities: binary_sensor, sensor, text_sensor, event, update."""

from __future__ import annotations

from aioesphomeapi import (
    BinarySensorInfo,
    BinarySensorState,
    EntityInfo,
    EntityState,
    Event,
    EventInfo,
    SensorInfo,
    SensorState,
    SensorStateClass,
    TextSensorInfo,
    TextSensorState,
    UpdateCommand,
    UpdateInfo,
    UpdateState,
)

from hub.domains import binary_sensor, event, sensor, update
from hub.domains.event import EventEntity
from hub.domains.update import UpdateEntity, UpdateEntityFeature

from ..entity import EsphomeEntity, device_class, finite, missing

_STATE_CLASSES = {
    SensorStateClass.MEASUREMENT: sensor.SensorStateClass.MEASUREMENT,
    SensorStateClass.TOTAL_INCREASING: sensor.SensorStateClass.TOTAL_INCREASING,
    SensorStateClass.TOTAL: sensor.SensorStateClass.TOTAL,
    SensorStateClass.MEASUREMENT_ANGLE: sensor.SensorStateClass.MEASUREMENT_ANGLE,
}


class EsphomeBinarySensor(EsphomeEntity, binary_sensor.BinarySensorEntity):
    INFO = BinarySensorInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, BinarySensorInfo)
        super().update_info(info)
        self._device_class = device_class(info.device_class, binary_sensor.DEVICE_CLASSES)

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, BinarySensorState)
        self._is_on = None if missing(state) else state.state


class EsphomeSensor(EsphomeEntity, sensor.SensorEntity):
    INFO = SensorInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, SensorInfo)
        super().update_info(info)
        self._device_class = device_class(info.device_class, sensor.DEVICE_CLASSES)
        self._unit = info.unit_of_measurement or None
        self.state_class = _STATE_CLASSES.get(info.state_class)  # type: ignore[arg-type]
        self.suggested_display_precision = max(0, info.accuracy_decimals)
        self.force_update = info.force_update

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, SensorState)
        self._native_value = None if missing(state) else finite(state.state)


class EsphomeTextSensor(EsphomeEntity, sensor.SensorEntity):
    """ESPHome text sensors are hub sensors with a string state."""

    INFO = TextSensorInfo

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, TextSensorState)
        self._native_value = None if missing(state) else state.state


class EsphomeEvent(EsphomeEntity, EventEntity):
    INFO = EventInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, EventInfo)
        super().update_info(info)
        self.event_types = list(info.event_types)
        self._device_class = device_class(info.device_class, frozenset(event.EventDeviceClass))

    def update_from(self, state: EntityState) -> None:
        """Events have no state to copy; `apply_state` triggers them."""

    def apply_state(self, state: EntityState) -> None:
        assert isinstance(state, Event)
        self._available = True
        if state.event_type in self.event_types:
            self.trigger_event(state.event_type)


class EsphomeUpdate(EsphomeEntity, UpdateEntity):
    INFO = UpdateInfo
    _features = UpdateEntityFeature.INSTALL | UpdateEntityFeature.PROGRESS

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, UpdateInfo)
        super().update_info(info)
        self._device_class = device_class(info.device_class, frozenset(update.UpdateDeviceClass))

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, UpdateState)
        if missing(state):
            self.installed_version = self.latest_version = None
            return
        self.installed_version = state.current_version or None
        self.latest_version = state.latest_version or None
        self.title = state.title or None
        self.release_summary = state.release_summary or None
        self.release_url = state.release_url or None
        self.in_progress = state.in_progress
        self.update_percentage = round(state.progress) if state.has_progress else None

    async def install(self, version: str | None, backup: bool) -> None:
        self.client.update_command(self.key, UpdateCommand.INSTALL)


CLASSES: tuple[type[EsphomeEntity], ...] = (
    EsphomeBinarySensor,
    EsphomeSensor,
    EsphomeTextSensor,
    EsphomeEvent,
    EsphomeUpdate,
)
