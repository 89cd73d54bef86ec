"""sensor: a measured or derived value (temperature, power, a timestamp, an enum)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from ..entity import Entity


class SensorDeviceClass(StrEnum):
    """What a sensor measures (Home Assistant's vocabulary)."""

    APPARENT_POWER = "apparent_power"
    AQI = "aqi"
    ATMOSPHERIC_PRESSURE = "atmospheric_pressure"
    BATTERY = "battery"
    CARBON_DIOXIDE = "carbon_dioxide"
    CARBON_MONOXIDE = "carbon_monoxide"
    CURRENT = "current"
    DATA_RATE = "data_rate"
    DATA_SIZE = "data_size"
    DATE = "date"
    DISTANCE = "distance"
    DURATION = "duration"
    ENERGY = "energy"
    ENERGY_STORAGE = "energy_storage"
    ENUM = "enum"
    FREQUENCY = "frequency"
    GAS = "gas"
    HUMIDITY = "humidity"
    ILLUMINANCE = "illuminance"
    MONETARY = "monetary"
    NITROGEN_DIOXIDE = "nitrogen_dioxide"
    PM1 = "pm1"
    PM10 = "pm10"
    PM25 = "pm25"
    POWER = "power"
    POWER_FACTOR = "power_factor"
    PRESSURE = "pressure"
    REACTIVE_POWER = "reactive_power"
    SIGNAL_STRENGTH = "signal_strength"
    SOUND_PRESSURE = "sound_pressure"
    SPEED = "speed"
    TEMPERATURE = "temperature"
    TIMESTAMP = "timestamp"
    VOLATILE_ORGANIC_COMPOUNDS = "volatile_organic_compounds"
    VOLTAGE = "voltage"
    VOLUME = "volume"
    VOLUME_FLOW_RATE = "volume_flow_rate"
    WATER = "water"
    WEIGHT = "weight"
    WIND_SPEED = "wind_speed"


class SensorStateClass(StrEnum):
    """How long-term statistics treat the value."""

    MEASUREMENT = "measurement"
    MEASUREMENT_ANGLE = "measurement_angle"
    TOTAL = "total"
    TOTAL_INCREASING = "total_increasing"


DEVICE_CLASSES = frozenset(SensorDeviceClass)
STATE_CLASSES = frozenset(SensorStateClass)


class SensorEntity(Entity):
    """State from `native_value`; `state_class` and `options` are capability attributes.

    When `suggested_display_precision` is set, float values are rounded to it in the state
    (a demo or integration reporting 21.348712 °C publishes 21.3).
    """

    domain = "sensor"
    _native_value: Any = None
    state_class: str | None = None
    suggested_display_precision: int | None = None
    options: list[str] | None = None  # for device_class enum
    last_reset: datetime | None = None  # for state_class total

    @property
    def native_value(self) -> Any:
        return self._native_value

    @property
    def state(self) -> str | int | float | None:
        value = self.native_value
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Decimal):
            value = float(value)
        if isinstance(value, float) and self.suggested_display_precision is not None:
            rounded = round(value, self.suggested_display_precision)
            return f"{rounded:.{max(self.suggested_display_precision, 0)}f}"
        if isinstance(value, StrEnum):
            return value.value
        return value  # type: ignore[no-any-return]

    @property
    def capability_attributes(self) -> dict[str, Any]:
        attrs: dict[str, Any] = {}
        if self.state_class is not None:
            attrs["state_class"] = self.state_class
        if self.options is not None:
            attrs["options"] = list(self.options)
        return attrs

    @property
    def state_attributes(self) -> dict[str, Any]:
        if self.state_class == SensorStateClass.TOTAL and self.last_reset is not None:
            return {"last_reset": self.last_reset.isoformat()}
        return {}
