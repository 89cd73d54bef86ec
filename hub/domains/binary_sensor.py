"""binary_sensor: something that is on or off (a door contact, motion, smoke)."""

from __future__ import annotations

from enum import StrEnum

from ..entity import Entity


class BinarySensorDeviceClass(StrEnum):
    """What an on/off reading means (Home Assistant's vocabulary)."""

    BATTERY = "battery"
    BATTERY_CHARGING = "battery_charging"
    CARBON_MONOXIDE = "carbon_monoxide"
    COLD = "cold"
    CONNECTIVITY = "connectivity"
    DOOR = "door"
    GARAGE_DOOR = "garage_door"
    GAS = "gas"
    HEAT = "heat"
    LIGHT = "light"
    LOCK = "lock"
    MOISTURE = "moisture"
    MOTION = "motion"
    MOVING = "moving"
    OCCUPANCY = "occupancy"
    OPENING = "opening"
    PLUG = "plug"
    POWER = "power"
    PRESENCE = "presence"
    PROBLEM = "problem"
    RUNNING = "running"
    SAFETY = "safety"
    SMOKE = "smoke"
    SOUND = "sound"
    TAMPER = "tamper"
    UPDATE = "update"
    VIBRATION = "vibration"
    WINDOW = "window"


DEVICE_CLASSES = frozenset(BinarySensorDeviceClass)


class BinarySensorEntity(Entity):
    """State `on`/`off` from `is_on`; None is `unknown`."""

    domain = "binary_sensor"
    _is_on: bool | None = None

    @property
    def is_on(self) -> bool | None:
        return self._is_on

    @property
    def state(self) -> str | None:
        is_on = self.is_on
        return None if is_on is None else ("on" if is_on else "off")
