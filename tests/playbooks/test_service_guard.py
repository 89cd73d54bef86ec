"""ServiceRegistry call guards: refuse calls with a clear error, removable, run in order."""

from __future__ import annotations

import pytest

from hub.clock import FakeClock
from hub.context import Context
from hub.errors import Unauthorized
from hub.events import EventBus
from hub.services import ServiceCall, ServiceRegistry


async def test_guard_refuses_and_unsubscribes() -> None:
    bus = EventBus(FakeClock())
    services = ServiceRegistry(bus)
    ran: list[str] = []
    services.register("light", "turn_off", lambda call: ran.append("off"))

    def guard(call: ServiceCall) -> None:
        if call.entity_ids and "light.exit" in call.entity_ids:
            raise Unauthorized("light.exit is held by the fire playbook")

    remove = services.add_guard(guard)
    with pytest.raises(Unauthorized, match="held by the fire playbook"):
        await services.call("light", "turn_off", {"entity_id": "light.exit"}, context=Context())
    await services.call("light", "turn_off", {"entity_id": "light.other"})
    assert ran == ["off"]
    remove()
    remove()  # idempotent
    await services.call("light", "turn_off", {"entity_id": "light.exit"})
    assert ran == ["off", "off"]


async def test_refused_call_fires_no_call_service_event() -> None:
    bus = EventBus(FakeClock())
    services = ServiceRegistry(bus)
    seen: list[str] = []
    bus.listen("call_service", lambda event: seen.append(event.data["service"]))
    services.register("lock", "lock", lambda call: None)

    def refuse(call: ServiceCall) -> None:
        raise Unauthorized("no")

    services.add_guard(refuse)
    with pytest.raises(Unauthorized):
        await services.call("lock", "lock", {"entity_id": "lock.door"})
    await bus.drain()
    assert seen == []
