"""The office day: people arrive, move about and leave; temperatures drift; power varies."""

from __future__ import annotations

import logging
import math
import random
from collections.abc import Callable
from datetime import tzinfo

from hub.clock import Clock
from hub.domains.climate import HVACAction

from .access import RfidReader
from .office import Office

_LOGGER = logging.getLogger(__name__)

# area motion sensor -> how busy it is relative to the office as a whole
MOTION_WEIGHT = {"reception_motion": 0.6, "office_motion": 0.95, "kitchen_motion": 0.35}
INDOOR_ROOMS = ("reception_temperature", "office_temperature", "kitchen_temperature")
BADGES = tuple(f"demo-badge-{n:02d}" for n in range(1, 13))


def occupancy(hour: float, workday: bool) -> float:
    """How full the office is (0-1) at a local hour of the day."""
    if not workday:
        return 0.0
    if hour < 7.5 or hour >= 19.0:
        return 0.0
    if hour < 9.5:
        return (hour - 7.5) / 2.0
    if hour < 16.5:
        return 1.0 if not 12.0 <= hour < 13.0 else 0.7  # lunch: some go out
    return max(0.0, (19.0 - hour) / 2.5)


class Simulation:
    """Moves the simulated sensors every `interval` seconds of clock time."""

    def __init__(
        self,
        office: Office,
        clock: Clock,
        tz: tzinfo,
        interval: float,
        seed: int | None,
        scan: Callable[[RfidReader, str], None],
    ) -> None:
        self.office = office
        self.scan = scan
        self.clock = clock
        self.tz = tz
        self.interval = interval
        self.rng = random.Random(seed)
        self._door_opened: set[str] = set()

    async def run(self) -> None:
        """Tick forever (cancelled when the demo integration unloads)."""
        while True:
            await self.clock.sleep(self.interval)
            try:
                self.tick()
            except Exception:
                _LOGGER.exception("Demo simulation tick failed")

    def tick(self) -> None:
        local = self.clock.now().astimezone(self.tz)
        hour = local.hour + local.minute / 60
        busy = occupancy(hour, local.weekday() < 5)
        self._people(busy, hour)
        self._climate(hour, busy)
        self._power(busy)

    # -- people ------------------------------------------------------------------------
    def _people(self, busy: float, hour: float) -> None:
        binary, rng = self.office.binary, self.rng
        for key, weight in MOTION_WEIGHT.items():
            sensor = binary[key]
            if sensor.simulation_may_change():
                sensor.set_on(rng.random() < busy * weight)
        for key in list(self._door_opened):  # doors swing shut a tick after opening
            if binary[key].simulation_may_change():
                binary[key].set_on(False)
            self._door_opened.discard(key)
        arriving = 7.5 <= hour < 9.5 and busy > 0
        leaving = 16.5 <= hour < 19.0 and busy > 0
        if (arriving or leaving or busy > 0.5) and rng.random() < 0.25 + 0.25 * (
            arriving or leaving
        ):
            self._walk_through("front_door", "front")
        if busy > 0.5 and rng.random() < 0.05:
            self._walk_through("back_door", "back")

    def _walk_through(self, door: str, reader: str) -> None:
        """Someone uses a door; a locked door is unlocked with a badge first."""
        sensor = self.office.binary[door]
        if not sensor.simulation_may_change():
            return
        lock = self.office.locks[door]
        if lock.is_locked:
            tag = self.rng.choice(BADGES)
            self.scan(self.office.readers[reader], tag)
            lock.set_manually(False, f"badge {tag}")
            if door == "front_door":  # the first one in disarms at the keypad
                self.office.keypad.trigger_event("code_accepted", {"changed_by": f"badge {tag}"})
        if not lock.is_locked:
            sensor.set_on(True)
            self._door_opened.add(door)

    # -- climate -----------------------------------------------------------------------
    def _climate(self, hour: float, busy: float) -> None:
        sensors, climate = self.office.sensors, self.office.climate
        outdoor = 7.0 + 4.0 * math.sin((hour - 9.0) / 24.0 * 2 * math.pi)
        self._drift("outdoor_temperature", outdoor, 0.2, 0.1)
        action = climate.hvac_action
        for key in INDOOR_ROOMS:
            if action == HVACAction.HEATING:
                goal = climate.target + 0.5
            elif action == HVACAction.COOLING:
                goal = climate.target - 0.5
            elif action == HVACAction.IDLE:
                goal = climate.target
            else:
                goal = outdoor + 9.0
            self._drift(key, goal + busy * 0.8, 0.05, 0.05)
        self._drift("server_room_temperature", 19.0 + busy * 1.5, 0.1, 0.05)
        for key, goal in (("office_humidity", 42 + 6 * busy), ("server_room_humidity", 38)):
            self._drift(key, goal, 0.1, 0.6)
        self._drift("outdoor_humidity", 85 - 15 * math.sin((hour - 9) / 24 * 2 * math.pi), 0.1, 1)
        climate.observe(sensors["office_temperature"].value)

    def _drift(self, key: str, goal: float, pull: float, noise: float) -> None:
        sensor = self.office.sensors[key]
        if sensor.simulation_may_change():
            value = sensor.value + (goal - sensor.value) * pull + self.rng.gauss(0, noise)
            sensor.set_value(value)

    # -- power -------------------------------------------------------------------------
    def _power(self, busy: float) -> None:
        sensors, rng = self.office.sensors, self.rng
        rack = sensors["server_rack_power"]
        if rack.simulation_may_change():
            rack.set_value(1200 + 80 * math.sin(self.clock.timestamp() / 900) + rng.gauss(0, 25))
        lights_on = sum(1 for light in self.office.lights.values() if light.is_on)
        hvac = {HVACAction.HEATING: 2200, HVACAction.COOLING: 2600, HVACAction.FAN: 300}.get(
            self.office.climate.hvac_action, 40
        )
        total = sensors["office_power"]
        if total.simulation_may_change():
            load = 350 + rack.value + 2400 * busy + 60 * lights_on + hvac + rng.gauss(0, 40)
            total.set_value(load)
        energy = sensors["office_energy"]
        if energy.simulation_may_change():
            energy.set_value(energy.value + total.value / 1000 * self.interval / 3600)
