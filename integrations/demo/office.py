"""The Bastion Demo Office: every demo entity, built and looked up by key."""

from __future__ import annotations

from dataclasses import dataclass, field

from hub.clock import Clock
from hub.domains.light import ColorMode
from hub.entity import Entity

from .access import DemoCamera, DemoFirmwareUpdate, Keypad, RfidReader
from .actuators import DemoCover, DemoLight, DemoLock, DemoSiren, DemoSwitch, DemoValve
from .hvac import DemoClimate
from .sensors import DemoBinarySensor, DemoSensor, build_binary_sensors, build_sensors

DIMMABLE = {ColorMode.BRIGHTNESS}
TUNABLE = {ColorMode.COLOR_TEMP}
ON_OFF = {ColorMode.ONOFF}


@dataclass
class Office:
    binary: dict[str, DemoBinarySensor]
    sensors: dict[str, DemoSensor]
    locks: dict[str, DemoLock]
    lights: dict[str, DemoLight]
    readers: dict[str, RfidReader]
    climate: DemoClimate
    keypad: Keypad
    others: list[Entity] = field(default_factory=list)

    @classmethod
    def build(cls, clock: Clock) -> Office:
        locks = [
            DemoLock("front_door", "Front Door", "front_entrance", clock),
            DemoLock("back_door", "Back Door", "back_entrance", clock),
            DemoLock("server_room", "Server Room Door", "server_room_door", clock),
        ]
        lights = [
            DemoLight("reception", "Reception Lights", "lighting", DIMMABLE),
            DemoLight("open_office", "Open Office Lights", "lighting", TUNABLE),
            DemoLight("kitchen", "Kitchen Lights", "lighting", DIMMABLE),
            DemoLight("server_room", "Server Room Lights", "lighting", ON_OFF),
            DemoLight("stockroom", "Stockroom Lights", "lighting", ON_OFF),
            DemoLight(
                "exterior", "Exterior Accent Lights", "exterior_lights", {ColorMode.RGB}, True
            ),
        ]
        readers = [
            RfidReader("front_reader", "Front Entrance Reader", "front_entrance"),
            RfidReader("back_reader", "Back Entrance Reader", "back_entrance"),
            RfidReader("server_room_reader", "Server Room Reader", "server_room_door"),
        ]
        others: list[Entity] = [
            DemoSwitch("exit_lighting", "Exit Sign Lighting", "lighting"),
            DemoSiren(clock),
            DemoValve("water_valve", "Water Main", "water_valve", "water", clock),
            DemoValve("gas_valve", "Gas Supply", "gas_valve", "gas", clock),
            DemoCover("stockroom_shutter", "Stockroom Shutter", "shutter", clock),
            DemoCamera(clock),
            DemoFirmwareUpdate(clock),
        ]
        return cls(
            binary={e.key: e for e in build_binary_sensors(clock)},
            sensors={e.key: e for e in build_sensors(clock)},
            locks={e.key: e for e in locks},
            lights={e.key: e for e in lights},
            readers={e.key.removesuffix("_reader"): e for e in readers},
            climate=DemoClimate(),
            keypad=Keypad(),
            others=others,
        )

    def entities(self) -> list[Entity]:
        return [
            *self.binary.values(),
            *self.sensors.values(),
            *self.locks.values(),
            *self.lights.values(),
            *self.readers.values(),
            self.climate,
            self.keypad,
            *self.others,
        ]
