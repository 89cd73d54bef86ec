"""counter and timer through a real hub, with the FakeClock driving time."""

from __future__ import annotations

import pytest

from hub.errors import HubError, ValidationError

CONFIG = """
counter:
  visits:
    initial: 3
    step: 2
    minimum: 0
    maximum: 8
  plain:
    restore: false
timer:
  laundry:
    duration: "00:10:00"
    restore: true
  egg:
    duration: 300
"""


async def test_counter_services(make_hub) -> None:
    hub = await make_hub(CONFIG)
    target = {"entity_id": "counter.visits"}
    state = hub.states.get("counter.visits")
    assert state.state == "3"
    assert {k: state.attributes[k] for k in ("initial", "step", "minimum", "maximum")} == {
        "initial": 3,
        "step": 2,
        "minimum": 0,
        "maximum": 8,
    }
    await hub.services.call("counter", "increment", target)
    await hub.services.call("counter", "increment", target)
    await hub.services.call("counter", "increment", target)
    assert hub.states.get("counter.visits").state == "8"  # clamped at maximum
    await hub.services.call("counter", "reset", target)
    assert hub.states.get("counter.visits").state == "3"
    await hub.services.call("counter", "decrement", target)
    await hub.services.call("counter", "decrement", target)
    assert hub.states.get("counter.visits").state == "0"
    await hub.services.call("counter", "set_value", {**target, "value": 7})
    assert hub.states.get("counter.visits").state == "7"
    with pytest.raises(ValidationError):
        await hub.services.call("counter", "set_value", {**target, "value": 9})
    with pytest.raises(ValidationError):
        await hub.services.call("counter", "set_value", {**target, "value": "many"})
    assert "minimum" not in hub.states.get("counter.plain").attributes


async def test_counter_restore(make_hub) -> None:
    hub = await make_hub(CONFIG)
    await hub.services.call("counter", "set_value", {"entity_id": "counter.visits", "value": 6})
    await hub.services.call("counter", "increment", {"entity_id": "counter.plain"})
    await hub.stop()
    hub2 = await make_hub()
    assert hub2.states.get("counter.visits").state == "6"
    assert hub2.states.get("counter.plain").state == "0"  # restore: false


def _record(hub, events: list) -> None:
    for name in ("started", "restarted", "paused", "cancelled", "finished", "changed"):
        hub.bus.listen(f"timer.{name}", lambda e: events.append((e.event_type, dict(e.data))))


async def test_timer_start_pause_resume_finish(make_hub, clock) -> None:
    hub = await make_hub(CONFIG)
    events: list = []
    _record(hub, events)
    target = {"entity_id": "timer.laundry"}
    state = hub.states.get("timer.laundry")
    assert (state.state, state.attributes["duration"]) == ("idle", "0:10:00")
    await hub.services.call("timer", "start", target)
    state = hub.states.get("timer.laundry")
    assert state.state == "active"
    assert state.attributes["finishes_at"] == "2026-01-05T12:10:00+00:00"
    assert state.attributes["remaining"] == "0:10:00"
    await clock.advance(240)
    await hub.services.call("timer", "pause", target)
    state = hub.states.get("timer.laundry")
    assert (state.state, state.attributes["remaining"]) == ("paused", "0:06:00")
    assert "finishes_at" not in state.attributes
    await clock.advance(1000)  # paused: nothing happens
    assert hub.states.get("timer.laundry").state == "paused"
    await hub.services.call("timer", "start", target)
    assert hub.states.get("timer.laundry").attributes["finishes_at"] == (
        "2026-01-05T12:26:40+00:00"
    )
    await clock.advance(359)
    assert hub.states.get("timer.laundry").state == "active"
    await clock.advance(1)
    state = hub.states.get("timer.laundry")
    assert state.state == "idle"
    assert "remaining" not in state.attributes
    await clock.advance(0)
    assert [e[0] for e in events] == [
        "timer.started",
        "timer.paused",
        "timer.restarted",
        "timer.finished",
    ]
    assert events[-1][1] == {
        "entity_id": "timer.laundry",
        "finished_at": "2026-01-05T12:26:40+00:00",
    }


async def test_timer_duration_change_cancel_finish(make_hub, clock) -> None:
    hub = await make_hub(CONFIG)
    events: list = []
    _record(hub, events)
    target = {"entity_id": "timer.egg"}
    await hub.services.call("timer", "start", {**target, "duration": "00:01:00"})
    assert hub.states.get("timer.egg").attributes["duration"] == "0:01:00"
    await hub.services.call("timer", "change", {**target, "duration": "-00:00:30"})
    assert hub.states.get("timer.egg").attributes["finishes_at"] == "2026-01-05T12:00:30+00:00"
    with pytest.raises(HubError):
        await hub.services.call("timer", "change", {**target, "duration": 120})
    await hub.services.call("timer", "cancel", target)
    state = hub.states.get("timer.egg")
    assert (state.state, state.attributes["duration"]) == ("idle", "0:05:00")
    await clock.advance(100)
    await hub.services.call("timer", "start", target)
    await hub.services.call("timer", "finish", target)
    assert hub.states.get("timer.egg").state == "idle"
    with pytest.raises(HubError):
        await hub.services.call("timer", "change", {**target, "duration": 10})
    with pytest.raises(ValidationError):
        await hub.services.call("timer", "start", {**target, "duration": "soon"})
    await clock.advance(0)
    assert [e[0] for e in events] == [
        "timer.started",
        "timer.changed",
        "timer.cancelled",
        "timer.started",
        "timer.finished",
    ]


async def test_timer_restore_active_and_expired(make_hub, clock) -> None:
    hub = await make_hub(CONFIG)
    await hub.services.call("timer", "start", {"entity_id": "timer.laundry"})
    await hub.services.call("timer", "start", {"entity_id": "timer.egg"})
    await hub.stop()
    await clock.advance(120)
    hub2 = await make_hub()
    state = hub2.states.get("timer.laundry")
    assert state.state == "active"
    assert state.attributes["finishes_at"] == "2026-01-05T12:10:00+00:00"
    assert hub2.states.get("timer.egg").state == "idle"  # restore not enabled
    finished: list = []
    hub2.bus.listen("timer.finished", lambda e: finished.append(dict(e.data)))
    await clock.advance(480)
    assert hub2.states.get("timer.laundry").state == "idle"
    assert finished == [{"entity_id": "timer.laundry", "finished_at": "2026-01-05T12:10:00+00:00"}]


async def test_timer_finished_while_stopped(make_hub, config_dir, clock) -> None:
    hub = await make_hub(CONFIG)
    await hub.services.call("timer", "start", {"entity_id": "timer.laundry"})
    await hub.stop()
    await clock.advance(3600)
    finished: list = []

    from hub.runtime import Hub

    hub2 = Hub(config_dir, clock=clock)
    hub2.bus.listen("timer.finished", lambda e: finished.append(dict(e.data)))
    try:
        await hub2.start()
        await clock.advance(0)
        assert hub2.states.get("timer.laundry").state == "idle"
        assert finished == [
            {"entity_id": "timer.laundry", "finished_at": "2026-01-05T12:10:00+00:00"}
        ]
    finally:
        await hub2.stop()
