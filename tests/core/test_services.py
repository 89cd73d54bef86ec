"""ServiceRegistry: schemas, targets, responses, errors and events."""

from __future__ import annotations

import pytest
import voluptuous as vol

from hub.context import Context
from hub.errors import ServiceNotFound, ValidationError
from hub.events import Event, EventBus
from hub.services import ServiceCall, ServiceRegistry, SupportsResponse, Target


async def test_register_call_and_events() -> None:
    bus = EventBus()
    services = ServiceRegistry(bus)
    fired: list[Event] = []
    bus.listen("service_registered", fired.append)
    bus.listen("call_service", fired.append)
    calls: list[ServiceCall] = []

    async def handler(call: ServiceCall) -> None:
        calls.append(call)

    services.register("test", "ping", handler, {vol.Required("n"): int})
    ctx = Context(user_id="bob")
    await services.call("test", "ping", {"n": 3}, context=ctx)
    assert calls[0].data["n"] == 3 and calls[0].context is ctx
    assert [e.event_type for e in fired] == ["service_registered", "call_service"]
    assert fired[1].context is ctx


async def test_unknown_service_and_invalid_data() -> None:
    services = ServiceRegistry(EventBus())
    services.register("test", "ping", lambda call: None, {vol.Required("n"): int})
    with pytest.raises(ServiceNotFound, match=r"test\.nope"):
        await services.call("test", "nope")
    with pytest.raises(ValidationError, match=r"test\.ping.*'n'"):
        await services.call("test", "ping", {"n": "many"})


async def test_response_data_rules() -> None:
    services = ServiceRegistry(EventBus())
    services.register(
        "weather", "get", lambda call: {"t": 21}, supports_response=SupportsResponse.ONLY
    )
    services.register("light", "on", lambda call: None)
    assert await services.call("weather", "get", return_response=True) == {"t": 21}
    with pytest.raises(ValidationError, match="only works with return_response"):
        await services.call("weather", "get")
    with pytest.raises(ValidationError, match="does not return responses"):
        await services.call("light", "on", return_response=True)


async def test_target_expansion_uses_resolver() -> None:
    services = ServiceRegistry(EventBus())
    seen: list[frozenset[str] | None] = []
    services.register("light", "turn_on", lambda call: seen.append(call.entity_ids))

    def resolver(target: Target) -> set[str]:
        result = set(target.entity_ids)
        if "office" in target.area_ids:
            result |= {"light.desk", "light.ceiling"}
        return result

    services.set_target_resolver(resolver)
    await services.call("light", "turn_on", target={"area_id": "office", "entity_id": "light.x"})
    assert seen == [frozenset({"light.desk", "light.ceiling", "light.x"})]


async def test_non_blocking_call_returns_immediately() -> None:
    services = ServiceRegistry(EventBus())
    done: list[bool] = []

    async def slow(call: ServiceCall) -> None:
        done.append(True)

    services.register("t", "slow", slow)
    assert await services.call("t", "slow", blocking=False) is None
    assert done == []
    for task in list(services._tasks):
        await task
    assert done == [True]


async def test_removal_fires_event_and_forgets() -> None:
    bus = EventBus()
    services = ServiceRegistry(bus)
    removed: list[Event] = []
    bus.listen("service_removed", removed.append)
    remove = services.register("t", "x", lambda call: None)
    remove()
    assert not services.has("t", "x")
    assert removed[0].data == {"domain": "t", "service": "x"}


async def test_codes_never_reach_the_call_service_event() -> None:
    bus = EventBus()
    services = ServiceRegistry(bus)
    got: list[ServiceCall] = []
    events: list[Event] = []
    bus.listen("call_service", events.append)
    services.register("lock", "unlock", got.append)
    await services.call("lock", "unlock", {"code": "4321", "entity_id": "lock.front"})
    assert got[0].data["code"] == "4321"
    assert events[0].data["service_data"] == {"code": "**redacted**", "entity_id": "lock.front"}
    assert "4321" not in events[0].json().decode()


def test_redaction_reaches_nested_data() -> None:
    from hub.redaction import redact_secrets

    clean = {"entity_id": "lock.front", "data": {"brightness": 3}}
    assert redact_secrets(clean) is clean
    nested = {"data": {"code": "1"}, "steps": [{"pin": "2"}, 3], "token": None}
    assert redact_secrets(nested) == {
        "data": {"code": "**redacted**"},
        "steps": [{"pin": "**redacted**"}, 3],
        "token": None,
    }
