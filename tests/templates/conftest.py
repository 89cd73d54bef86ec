"""Fixtures: a real bus, state machine and FakeClock behind a TemplateEngine."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from hub.clock import FakeClock
from hub.events import EventBus
from hub.states import StateMachine
from hub.templates import Template, TemplateEngine

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)  # 13:00 in Berlin


class FakeRegistries:
    """A tiny in-test RegistryView: one floor, two areas, two devices, a label."""

    areas = {"kitchen": "Kitchen", "living_room": "Living Room"}
    devices = {
        "dev1": {"name": "Fridge", "manufacturer": "Acme", "area": "kitchen"},
        "dev2": {"name": "Lamp", "manufacturer": "Lumen", "area": "living_room"},
    }
    entity_device = {"sensor.fridge_temp": "dev1", "light.lamp": "dev2"}
    entity_area = {"switch.kettle": "kitchen"}
    labels = {"critical": ["sensor.fridge_temp", "lock.door"]}
    floors = {"ground": ["kitchen", "living_room"]}

    def area_id(self, lookup: str) -> str | None:
        if lookup in self.areas:
            return lookup
        return next((a for a, name in self.areas.items() if name == lookup), None)

    def area_name(self, lookup: str) -> str | None:
        area = self.area_id(lookup) or self.entity_area.get(lookup)
        device = self.devices.get(self.entity_device.get(lookup, lookup))
        if area is None and device is not None:
            area = device["area"]
        return self.areas.get(area) if area else None

    def area_entities(self, area: str) -> list[str]:
        direct = [e for e, a in self.entity_area.items() if a == area]
        via = [e for e, d in self.entity_device.items() if self.devices[d]["area"] == area]
        return direct + via

    def area_devices(self, area: str) -> list[str]:
        return [d for d, info in self.devices.items() if info["area"] == area]

    def device_id(self, entity_id_or_device_name: str) -> str | None:
        if entity_id_or_device_name in self.entity_device:
            return self.entity_device[entity_id_or_device_name]
        return next(
            (d for d, i in self.devices.items() if i["name"] == entity_id_or_device_name), None
        )

    def device_attr(self, device_id: str, attr: str) -> Any:
        return self.devices.get(device_id, {}).get(attr)

    def device_entities(self, device_id: str) -> list[str]:
        return [e for e, d in self.entity_device.items() if d == device_id]

    def label_entities(self, label: str) -> list[str]:
        return list(self.labels.get(label, []))

    def floor_areas(self, floor: str) -> list[str]:
        return list(self.floors.get(floor, []))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def states(clock: FakeClock) -> StateMachine:
    machine = StateMachine(EventBus(clock), clock)
    machine.set("sensor.temp", "21.5", {"unit_of_measurement": "°C", "friendly_name": "Temp"})
    machine.set("sensor.broken", "unavailable")
    machine.set("light.kitchen", "on", {"brightness": 200, "friendly_name": "Kitchen Light"})
    machine.set("light.porch", "off")
    machine.set("switch.kettle", "off")
    machine.set("group.lights", "on", {"entity_id": ["light.kitchen", "light.porch"]})
    return machine


@pytest.fixture
def engine(states: StateMachine, clock: FakeClock) -> TemplateEngine:
    return TemplateEngine(states, clock, BERLIN, FakeRegistries())


@pytest.fixture
def render(engine: TemplateEngine) -> Callable[..., Any]:
    def do_render(source: str, variables: dict[str, Any] | None = None, **kw: Any) -> Any:
        return Template(source, engine).render(variables, **kw)

    return do_render
