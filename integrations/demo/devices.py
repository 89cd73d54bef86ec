"""The demo office's floors, areas and devices, declared as data."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from hub.entity import DeviceInfo
from hub.integration import IntegrationContext

DOMAIN = "demo"
MANUFACTURER = "Bastion Demo Devices"

# floor name -> (level, areas on it)
FLOORS: dict[str, tuple[int, tuple[str, ...]]] = {
    "Ground Floor": (0, ("Reception", "Open Office", "Kitchen")),
    "Basement": (-1, ("Server Room", "Stockroom")),
    "Grounds": (0, ("Exterior",)),
}


@dataclass(frozen=True, slots=True)
class DemoDevice:
    key: str
    name: str
    model: str
    area: str
    sw_version: str = "1.0.0"

    def info(self) -> DeviceInfo:
        return DeviceInfo(
            identifiers=frozenset({(DOMAIN, self.key)}),
            name=self.name,
            manufacturer=MANUFACTURER,
            model=self.model,
            sw_version=self.sw_version,
            serial_number=f"BDO-{zlib.crc32(self.key.encode()) % 100000:05d}",
            suggested_area=self.area,
        )


def _d(key: str, name: str, model: str, area: str, sw: str = "1.0.0") -> DemoDevice:
    return DemoDevice(key, name, model, area, sw)


DEVICES: dict[str, DemoDevice] = {
    d.key: d
    for d in (
        _d("front_entrance", "Front Entrance", "AC-410 Access Controller", "Reception", "3.2.1"),
        _d("back_entrance", "Back Entrance", "AC-410 Access Controller", "Kitchen", "3.2.1"),
        _d(
            "server_room_door",
            "Server Room Door",
            "AC-410 Access Controller",
            "Server Room",
            "3.2.1",
        ),
        _d("reception_sensor", "Reception Multisensor", "MS-6 Multisensor", "Reception", "2.0.4"),
        _d("office_sensor", "Open Office Multisensor", "MS-6 Multisensor", "Open Office", "2.0.4"),
        _d("kitchen_sensor", "Kitchen Multisensor", "MS-6 Multisensor", "Kitchen", "2.0.4"),
        _d("server_sensor", "Server Room Climate Probe", "TH-2 Probe", "Server Room", "1.4.0"),
        _d("weather", "Roof Weather Station", "WS-1 Weather Station", "Exterior", "1.1.2"),
        _d("office_window", "Open Office Window", "WC-1 Window Contact", "Open Office"),
        _d("kitchen_window", "Kitchen Window", "WC-1 Window Contact", "Kitchen"),
        _d("glass_break", "Reception Glass Break", "GB-3 Glass Break Detector", "Reception"),
        _d("kitchen_safety", "Kitchen Safety Detector", "SD-5 Smoke/CO/Gas", "Kitchen", "5.1.0"),
        _d("server_smoke", "Server Room Smoke Detector", "SD-2 Smoke", "Server Room", "2.2.0"),
        _d("leak_stockroom", "Stockroom Leak Sensor", "WL-1 Leak Sensor", "Stockroom"),
        _d("leak_kitchen", "Kitchen Leak Sensor", "WL-1 Leak Sensor", "Kitchen"),
        _d("lighting", "Lighting Controller", "LC-8 DALI Gateway", "Open Office", "4.0.2"),
        _d("exterior_lights", "Exterior Accent Lights", "RGB-40 Floodlight", "Exterior"),
        _d("siren", "Exterior Siren", "SR-100 Siren", "Exterior", "1.3.0"),
        _d("hvac", "Office HVAC Unit", "HV-12 Split System", "Open Office", "7.4.1"),
        _d("shutter", "Stockroom Roller Shutter", "RS-3 Shutter Motor", "Stockroom", "1.0.7"),
        _d("water_valve", "Water Main Valve", "MV-25 Motorised Valve", "Stockroom", "1.2.0"),
        _d("gas_valve", "Gas Shut-off Valve", "GV-15 Gas Valve", "Kitchen", "1.2.0"),
        _d("energy_meter", "Energy Meter", "EM-3 Three-phase Meter", "Stockroom", "2.7.0"),
        _d("camera", "Entrance Camera", "CAM-4K Dome Camera", "Exterior", "5.6.3"),
        _d("keypad", "Alarm Keypad", "KP-12 Keypad", "Reception", "2.3.1"),
    )
}


def ensure_areas(ctx: IntegrationContext) -> None:
    """Create the floors and areas (and put new areas on their floor) if missing."""
    registries = ctx.registries
    for floor_name, (level, areas) in FLOORS.items():
        floor = registries.floors.by_name(floor_name) or registries.floors.create(
            floor_name, level=level
        )
        for area_name in areas:
            if registries.areas.by_name(area_name) is None:
                registries.areas.create(area_name, floor_id=floor.id)
