"""EventBus: dispatch by type, match-all, once, filters, entity index, errors contained."""

from __future__ import annotations

import asyncio
import logging

import orjson
import pytest

from hub.context import Context
from hub.events import MATCH_ALL, Event, EventBus


async def test_listen_by_type_and_match_all() -> None:
    bus = EventBus()
    typed: list[Event] = []
    everything: list[str] = []
    bus.listen("door_opened", typed.append)
    bus.listen(MATCH_ALL, lambda e: everything.append(e.event_type))
    bus.fire("door_opened", {"door": "front"})
    bus.fire("other")
    assert [e.data["door"] for e in typed] == ["front"]
    assert everything == ["door_opened", "other"]


async def test_unsubscribe_and_listen_once() -> None:
    bus = EventBus()
    seen: list[int] = []
    unsub = bus.listen("tick", lambda e: seen.append(1))
    bus.listen_once("tick", lambda e: seen.append(2))
    bus.fire("tick")
    unsub()
    bus.fire("tick")
    assert seen == [1, 2]
    assert bus.listener_counts() == {}


async def test_filter_and_coroutine_listener() -> None:
    bus = EventBus()
    got: list[str] = []

    async def on_event(event: Event) -> None:
        await asyncio.sleep(0)
        got.append(event.data["n"])

    bus.listen("x", on_event, event_filter=lambda e: e.data["n"] != "skip")
    bus.fire("x", {"n": "a"})
    bus.fire("x", {"n": "skip"})
    await bus.drain()
    assert got == ["a"]


async def test_raising_listener_does_not_break_dispatch(caplog: pytest.LogCaptureFixture) -> None:
    bus = EventBus()
    seen: list[str] = []

    def broken(event: Event) -> None:
        raise RuntimeError("boom")

    bus.listen("x", broken)
    bus.listen("x", lambda e: seen.append("after"))
    with caplog.at_level(logging.ERROR):
        bus.fire("x")
    assert seen == ["after"]
    assert "boom" in caplog.text


async def test_entity_index_only_reaches_matching_listeners() -> None:
    bus = EventBus()
    hits: dict[str, int] = {}
    for i in range(100):
        eid = f"sensor.s{i}"
        bus.listen_entities("state_changed", [eid], lambda e, eid=eid: hits.__setitem__(eid, 1))
    bus.fire("state_changed", {"entity_id": "sensor.s42"})
    assert hits == {"sensor.s42": 1}
    assert bus.listener_counts()["state_changed"] == 100


async def test_event_json_is_cached_and_has_context() -> None:
    bus = EventBus()
    ctx = Context(user_id="u1")
    event = bus.fire("x", {"a": 1}, context=ctx)
    first = event.json()
    assert event.json() is first
    decoded = orjson.loads(first)
    assert decoded["context"] == {"id": ctx.id, "parent_id": None, "user_id": "u1"}
    assert decoded["data"] == {"a": 1}


def test_context_child_keeps_user_and_links_parent() -> None:
    parent = Context(user_id="alice")
    child = parent.child()
    assert child.parent_id == parent.id
    assert child.user_id == "alice"
    assert child.id != parent.id
    assert len(parent.id) == 26


async def test_secrets_stay_with_listeners_and_off_the_wire() -> None:
    bus = EventBus()
    heard: list[Event] = []
    bus.listen("alarm_keypad", heard.append)
    event = bus.fire("alarm_keypad", {"keypad": "front", "code": "2468", "noise_psk": "k"})
    assert heard[0].data["code"] == "2468"  # the alarm still receives the code it needs
    wire = orjson.loads(event.json())["data"]
    assert wire == {"keypad": "front", "code": "**redacted**", "noise_psk": "**redacted**"}
    plain = bus.fire("door", {"entity_id": "lock.front"})
    assert plain.as_dict()["data"] is plain.data  # nothing to mask: no copy


def test_serialised_json_holds_only_its_own_size() -> None:
    """Cached and queued JSON must not keep the serialiser's working buffer alive."""
    import tracemalloc

    from hub.events import dumps

    documents = [
        {"entity_id": f"sensor.s{i}", "state": str(i), "attributes": {}} for i in range(200)
    ]
    documents += [{"entity_id": "sensor.big", "attributes": {"text": "x" * 3000}}] * 20
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = [dumps(doc) for doc in documents]
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    payload = sum(len(data) for data in kept)
    assert kept[0] == b'{"entity_id":"sensor.s0","state":"0","attributes":{}}'
    # bytes objects carry ~33 bytes of header each; the list holding them ~8 bytes per item.
    assert held < payload + 64 * len(kept) + 4096
