"""An EntityHost wired from the real core parts (no runtime), for domain base class tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from hub.clock import FakeClock
from hub.entity import Entity
from hub.entity_host import EntityHost
from hub.events import EventBus
from hub.registry import Registries
from hub.restore import RestoreStates
from hub.services import ServiceRegistry
from hub.states import StateMachine


@dataclass
class Core:
    clock: FakeClock
    bus: EventBus
    states: StateMachine
    services: ServiceRegistry
    host: EntityHost

    async def add(self, entity: Entity) -> str:
        return await self.host.add("test", entity)

    async def call(self, domain: str, service: str, **data: object) -> None:
        await self.services.call(domain, service, data)


@pytest.fixture
async def core(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Core]:
    bus = EventBus(clock)
    states = StateMachine(bus, clock)
    services = ServiceRegistry(bus)
    registries = Registries(bus, states, tmp_path)
    services.set_target_resolver(registries.resolve_target)
    restore = RestoreStates(states, tmp_path)
    host = EntityHost(states, registries, services, restore)
    yield Core(clock, bus, states, services, host)
    await registries.flush()
    await bus.drain()
