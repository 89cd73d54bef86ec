"""Simulated sensors: binary sensors and numeric sensors the simulation (or a user) moves."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hub.clock import Clock
from hub.domains.binary_sensor import BinarySensorEntity
from hub.domains.sensor import SensorEntity
from hub.errors import ValidationError
from hub.states import State

from .devices import DEVICES

FORCE_HOLD = 600.0  # seconds a value set with demo.set_sensor is kept from the simulation


class Simulated:
    """Mixin: a value the simulation may change unless a user forced it recently."""

    clock: Clock
    forced_until = 0.0

    def simulation_may_change(self) -> bool:
        return self.clock.timestamp() >= self.forced_until

    def force(self) -> None:
        self.forced_until = self.clock.timestamp() + FORCE_HOLD


class DemoBinarySensor(Simulated, BinarySensorEntity):
    def __init__(self, key: str, name: str, device: str, device_class: str, clock: Clock) -> None:
        super().__init__(
            name,
            unique_id=f"demo_{key}",
            device_info=DEVICES[device].info(),
            device_class=device_class,
        )
        self.key = key
        self.clock = clock
        self._is_on = False

    def set_on(self, on: bool) -> None:
        if self._is_on != on:
            self._is_on = on
            self.write_state()

    def set_from_text(self, value: str) -> None:
        text = value.strip().lower()
        if text not in ("on", "off", "true", "false", "1", "0"):
            raise ValidationError(f"{self.entity_id} takes on or off, not {value!r}")
        self.set_on(text in ("on", "true", "1"))


class DemoSensor(Simulated, SensorEntity):
    def __init__(
        self,
        key: str,
        name: str,
        device: str,
        clock: Clock,
        *,
        device_class: str,
        unit: str,
        value: float,
        state_class: str = "measurement",
        precision: int = 1,
        low: float = -1e9,
        high: float = 1e9,
    ) -> None:
        super().__init__(
            name,
            unique_id=f"demo_{key}",
            device_info=DEVICES[device].info(),
            device_class=device_class,
            unit_of_measurement=unit,
        )
        self.key = key
        self.clock = clock
        self.state_class = state_class
        self.suggested_display_precision = precision
        self.low, self.high = low, high
        self._native_value = value
        self.restore = state_class == "total_increasing"  # meters keep counting up

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        try:
            self._native_value = max(self._native_value, float(last.state))
        except ValueError:
            pass

    @property
    def value(self) -> float:
        return float(self._native_value)

    def set_value(self, value: float) -> None:
        value = max(self.low, min(self.high, value))
        if value != self._native_value:
            self._native_value = value
            self.write_state()

    def set_from_text(self, value: str) -> None:
        try:
            number = float(value)
        except ValueError:
            raise ValidationError(f"{self.entity_id} takes a number, not {value!r}") from None
        self._native_value = number  # a forced value may go beyond the simulated range
        self.write_state()


def build_binary_sensors(clock: Clock) -> list[DemoBinarySensor]:
    specs = (
        ("front_door", "Front Door", "front_entrance", "door"),
        ("back_door", "Back Door", "back_entrance", "door"),
        ("server_room_door", "Server Room Door", "server_room_door", "door"),
        ("office_window", "Open Office Window", "office_window", "window"),
        ("kitchen_window", "Kitchen Window", "kitchen_window", "window"),
        ("reception_motion", "Reception Motion", "reception_sensor", "motion"),
        ("office_motion", "Open Office Motion", "office_sensor", "motion"),
        ("kitchen_motion", "Kitchen Motion", "kitchen_sensor", "motion"),
        ("reception_glass_break", "Reception Glass Break", "glass_break", "sound"),
        ("kitchen_smoke", "Kitchen Smoke", "kitchen_safety", "smoke"),
        ("kitchen_carbon_monoxide", "Kitchen Carbon Monoxide", "kitchen_safety", "carbon_monoxide"),
        ("kitchen_gas", "Kitchen Gas", "kitchen_safety", "gas"),
        ("server_room_smoke", "Server Room Smoke", "server_smoke", "smoke"),
        ("stockroom_leak", "Stockroom Water Leak", "leak_stockroom", "moisture"),
        ("kitchen_leak", "Kitchen Water Leak", "leak_kitchen", "moisture"),
        ("keypad_tamper", "Alarm Keypad Tamper", "keypad", "tamper"),
    )
    return [DemoBinarySensor(k, n, d, c, clock) for k, n, d, c in specs]


def build_sensors(clock: Clock) -> list[DemoSensor]:
    def temp(key: str, name: str, device: str, value: float) -> DemoSensor:
        return DemoSensor(
            key,
            name,
            device,
            clock,
            device_class="temperature",
            unit="°C",
            value=value,
            low=-30,
            high=50,
        )

    def humidity(key: str, name: str, device: str, value: float) -> DemoSensor:
        return DemoSensor(
            key,
            name,
            device,
            clock,
            device_class="humidity",
            unit="%",
            value=value,
            precision=0,
            low=20,
            high=95,
        )

    return [
        temp("reception_temperature", "Reception Temperature", "reception_sensor", 19.8),
        temp("office_temperature", "Open Office Temperature", "office_sensor", 20.4),
        temp("kitchen_temperature", "Kitchen Temperature", "kitchen_sensor", 20.1),
        temp("server_room_temperature", "Server Room Temperature", "server_sensor", 19.0),
        temp("outdoor_temperature", "Outdoor Temperature", "weather", 7.5),
        humidity("office_humidity", "Open Office Humidity", "office_sensor", 44),
        humidity("server_room_humidity", "Server Room Humidity", "server_sensor", 38),
        humidity("outdoor_humidity", "Outdoor Humidity", "weather", 81),
        DemoSensor(
            "office_power",
            "Office Power",
            "energy_meter",
            clock,
            device_class="power",
            unit="W",
            value=1850,
            precision=0,
            low=0,
            high=30000,
        ),
        DemoSensor(
            "server_rack_power",
            "Server Rack Power",
            "energy_meter",
            clock,
            device_class="power",
            unit="W",
            value=1200,
            precision=0,
            low=0,
            high=5000,
        ),
        DemoSensor(
            "office_energy",
            "Office Energy",
            "energy_meter",
            clock,
            device_class="energy",
            unit="kWh",
            value=18342.0,
            state_class="total_increasing",
            precision=2,
            low=0,
        ),
    ]
