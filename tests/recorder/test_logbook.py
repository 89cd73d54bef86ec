"""Logbook entries: readable messages and the causes recorded in contexts."""

from __future__ import annotations

from hub.context import Context

from .conftest import Factory

USERS = {"user-alice": "Alice"}


async def test_logbook_user_and_automation_causes(make_recorder: Factory) -> None:
    h = await make_recorder()
    start = h.clock.timestamp()
    attrs = {"friendly_name": "Front door"}
    h.set("lock.front_door", "locked", attrs)
    await h.clock.advance(10)
    h.set("lock.front_door", "unlocked", attrs, context=Context(user_id="user-alice"))
    await h.clock.advance(10)
    run = Context()
    h.bus.fire(
        "automation_triggered",
        {"name": "Lock at night", "entity_id": "automation.lock_at_night", "source": "time"},
        context=run,
    )
    h.set("lock.front_door", "locked", attrs, context=run.child())
    h.set("sensor.power", "120", {"unit_of_measurement": "W"})  # continuous: not in logbook
    await h.clock.advance(10)
    h.set("binary_sensor.hall_door", "on", {"friendly_name": "Hall door", "device_class": "door"})
    await h.recorder.flush()

    entries = await h.recorder.logbook_events(start, h.clock.timestamp() + 1, user_name=USERS.get)
    texts = [e["text"] for e in entries]
    assert texts == [
        "Front door locked",
        "Front door unlocked by Alice",
        "Lock at night triggered by time",
        "Front door locked triggered by automation Lock at night",
        "Hall door opened",
    ]
    unlocked = entries[1]
    assert unlocked["context_user_id"] == "user-alice"
    assert unlocked["context_user_name"] == "Alice"
    assert unlocked["message"] == "unlocked"
    relocked = entries[3]
    assert relocked["context_event_type"] == "automation_triggered"
    assert relocked["context_domain"] == "automation"
    assert relocked["context_name"] == "Lock at night"
    assert relocked["context_entity_id"] == "automation.lock_at_night"

    only_lock = await h.recorder.logbook_events(
        start, h.clock.timestamp() + 1, entity_ids=["lock.front_door"]
    )
    assert [e["state"] for e in only_lock] == ["locked", "unlocked", "locked"]
    by_context = await h.recorder.logbook_events(start, h.clock.timestamp() + 1, context_id=run.id)
    assert [e["text"] for e in by_context] == ["Lock at night triggered by time"]
