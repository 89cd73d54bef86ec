"""IntegrationContext: owned listeners, services and timers; early release leaves nothing behind."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hub.events import Event
from hub.integration import shared_of
from hub.runtime import CoreState

CONFIG = "homeassistant:\n  time_zone: UTC\nzone:\n"


async def test_early_unsubscribe_leaves_no_unload_entry(make_hub, clock) -> None:
    hub = await make_hub(CONFIG)
    ctx = hub.loader.loaded["zone"].context
    baseline = ctx.owned
    seen: list[str] = []

    # A listener re-created on every "reload" does not pile up in the unload list.
    for _ in range(50):
        unsub = ctx.listen("ctx_test", lambda e: seen.append("listen"))
        unsub()
        unsub()  # a second call is harmless
        remove = ctx.register_service("ctx_test_service", lambda call: None)
        remove()
        cancel = ctx.call_later(10, lambda: seen.append("late"))
        cancel()
        stop = ctx.listen_state(["sensor.x"], lambda e: seen.append("state"))
        stop()
    assert ctx.owned == baseline
    assert not ctx.has_service("zone", "ctx_test_service")
    assert hub.bus.listener_counts().get("ctx_test", 0) == 0
    hub.bus.fire("ctx_test")
    hub.states.set("sensor.x", "1")
    await clock.advance(20)
    assert seen == []


async def test_one_shots_and_timers_release_themselves(make_hub, clock) -> None:
    hub = await make_hub(CONFIG)
    ctx = hub.loader.loaded["zone"].context
    baseline = ctx.owned
    seen: list[str] = []

    async def async_once(event: Event) -> None:
        seen.append("async_once")

    ctx.listen_once("ctx_once", lambda e: seen.append("once"))
    ctx.listen_once("ctx_once", async_once)
    ctx.call_later(5, lambda: seen.append("timer"))
    ctx.call_at(clock.timestamp() + 6, lambda: seen.append("at"))
    assert ctx.owned == baseline + 4
    hub.bus.fire("ctx_once")
    hub.bus.fire("ctx_once")
    await hub.bus.drain()
    assert sorted(seen) == ["async_once", "once"]
    assert ctx.owned == baseline + 2
    await clock.advance(10)
    assert seen[2:] == ["timer", "at"]
    assert ctx.owned == baseline
    assert hub.bus.listener_counts().get("ctx_once", 0) == 0


async def test_listen_entities_fire_and_hub_state(make_hub, clock) -> None:
    hub = await make_hub(CONFIG)
    ctx = hub.loader.loaded["zone"].context
    assert ctx.hub_state is CoreState.RUNNING
    with pytest.raises(AttributeError):
        ctx.hub_state = CoreState.STOPPING  # type: ignore[misc]
    got: list[Event] = []
    ctx.listen_entities("ctx_entity_event", ["light.a"], got.append)
    ctx.listen("ctx_filtered", got.append, event_filter=lambda e: e.data.get("ok") is True)
    hub.bus.fire("ctx_entity_event", {"entity_id": "light.b"})
    hub.bus.fire("ctx_entity_event", {"entity_id": "light.a"})
    hub.bus.fire("ctx_filtered", {"ok": False})
    when = datetime(2020, 1, 1, tzinfo=UTC)
    fired = ctx.fire("ctx_filtered", {"ok": True}, time_fired=when)
    assert fired.time_fired == when
    assert [e.event_type for e in got] == ["ctx_entity_event", "ctx_filtered"]
    assert got[0].data["entity_id"] == "light.a"


async def test_unload_releases_everything(make_hub, clock) -> None:
    hub = await make_hub(CONFIG)
    ctx = hub.loader.loaded["zone"].context
    seen: list[str] = []
    ctx.listen("ctx_test", lambda e: seen.append("listen"))
    ctx.listen_once("ctx_test", lambda e: seen.append("once"))
    ctx.listen_entities("ctx_entity_event", ["light.a"], lambda e: seen.append("entity"))
    ctx.register_service("ctx_test_service", lambda call: None)
    ctx.call_later(5, lambda: seen.append("timer"))
    early = ctx.listen("ctx_test", lambda e: seen.append("early"))
    early()
    ctx.shared("zone")["marker"] = 1
    assert shared_of(hub, "zone")["marker"] == 1
    with pytest.raises(TypeError):
        shared_of(hub, "zone")["marker"] = 2  # type: ignore[index]
    assert dict(shared_of(hub, "no_such_domain")) == {}

    await hub.loader.unload("zone")
    assert ctx.owned == 0
    assert not ctx.has_service("zone", "ctx_test_service")
    assert not ctx.has_service("zone", "reload")
    counts = hub.bus.listener_counts()
    assert counts.get("ctx_test", 0) == 0 and counts.get("ctx_entity_event", 0) == 0
    hub.bus.fire("ctx_test")
    hub.bus.fire("ctx_entity_event", {"entity_id": "light.a"})
    await clock.advance(10)
    assert seen == []
    early()  # releasing after unload is a no-op
