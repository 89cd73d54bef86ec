"""history/stream and logbook/event_stream: recorded past first, then live changes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from hub.auth import Grant, Policy, Role, UserRole
from hub.context import Context
from hub.recorder import Recorder, RecorderConfig

from .conftest import ApiEnv, command


@pytest.fixture
async def recorder(api: ApiEnv, config_dir: Path) -> Recorder:
    hub = api.hub
    rec = Recorder(hub.bus, hub.states, api.clock, RecorderConfig.from_yaml({}), config_dir)
    await rec.start()
    hub.parts["recorder"] = rec  # stopped with the hub
    hub.recorder = rec
    return rec


async def next_event(ws: aiohttp.ClientWebSocketResponse, msg_id: int) -> dict[str, Any]:
    """The next event frame of subscription `msg_id` (fails on anything else)."""
    reply = await ws.receive_json(timeout=5)
    assert reply["type"] == "event" and reply["id"] == msg_id, reply
    return reply["event"]  # type: ignore[no-any-return]


async def assert_quiet(ws: aiohttp.ClientWebSocketResponse, ping_id: int) -> None:
    """Nothing is queued for the client: a ping's pong is the very next message."""
    await ws.send_json({"id": ping_id, "type": "ping"})
    assert await ws.receive_json(timeout=5) == {"id": ping_id, "type": "pong"}


def states_of(event: dict[str, Any], entity_id: str) -> list[str]:
    return [row["s"] for row in event["states"].get(entity_id, [])]


async def test_history_stream_past_then_live_then_unsubscribe(
    api: ApiEnv, recorder: Recorder
) -> None:
    hub, clock = api.hub, api.clock
    start = clock.now()
    hub.states.set("light.porch", "on", {"friendly_name": "Porch"})
    hub.states.set("light.other", "on")
    await clock.advance(10)
    hub.states.set("light.porch", "off", {"friendly_name": "Porch"})
    await clock.advance(10)
    ws = await api.ws()
    await ws.send_json(
        {
            "id": 1,
            "type": "history/stream",
            "start_time": start.isoformat(),
            "entity_ids": ["light.porch"],
        }
    )
    result = await ws.receive_json(timeout=5)
    assert result == {"id": 1, "type": "result", "success": True, "result": None}
    past = await next_event(ws, 1)
    assert states_of(past, "light.porch") == ["on", "off"]
    assert "light.other" not in past["states"]
    first = past["states"]["light.porch"][0]
    assert first["a"] == {"friendly_name": "Porch"} and first["lu"] == start.timestamp()
    assert past["start_time"] == start.timestamp() and past["end_time"] == clock.timestamp()

    await clock.advance(5)
    hub.states.set("light.other", "off")  # not streamed: another entity
    hub.states.set("light.porch", "on", {"friendly_name": "Porch"})
    live = await next_event(ws, 1)
    assert live["states"] == {
        "light.porch": [{"s": "on", "a": {"friendly_name": "Porch"}, "lu": clock.timestamp()}]
    }
    await clock.advance(5)
    hub.states.set("light.porch", "on", {"friendly_name": "Porch", "brightness": 9})
    await assert_quiet(ws, 2)  # attribute-only change: not significant for lights

    unsub = await command(ws, {"id": 3, "type": "unsubscribe_events", "subscription": 1})
    assert unsub["success"]
    hub.states.set("light.porch", "off")
    await assert_quiet(ws, 4)


async def test_history_stream_change_during_query_is_sent_once(
    api: ApiEnv, recorder: Recorder
) -> None:
    hub, clock = api.hub, api.clock
    start = clock.now()
    hub.states.set("lock.front", "locked")
    await clock.advance(10)
    ws = await api.ws()
    await ws.send_json(
        {
            "id": 1,
            "type": "history/stream",
            "start_time": start.isoformat(),
            "entity_ids": ["lock.front"],
            "include_start_time_state": False,
        }
    )
    assert (await ws.receive_json(timeout=5))["success"]
    # The handler is now flushing the recorder and querying it: this change lands in the buffer.
    hub.states.set("lock.front", "unlocked")
    await clock.advance(1)
    hub.states.set("lock.front", "locked")
    seen: list[str] = []
    past = await next_event(ws, 1)
    seen += states_of(past, "lock.front")
    while seen.count("unlocked") + seen.count("locked") < 3:
        seen += states_of(await next_event(ws, 1), "lock.front")
    assert seen == ["locked", "unlocked", "locked"]  # no gap, no duplicate, in order
    await assert_quiet(ws, 2)


async def test_history_stream_past_window_sends_no_live_updates(
    api: ApiEnv, recorder: Recorder
) -> None:
    hub, clock = api.hub, api.clock
    start = clock.now()
    hub.states.set("switch.pump", "on")
    await clock.advance(10)
    end = clock.now()
    await clock.advance(10)
    hub.states.set("switch.pump", "off")
    ws = await api.ws()
    reply = await command(
        ws,
        {
            "id": 1,
            "type": "history/stream",
            "start_time": start.isoformat(),
            "end_time": end.isoformat(),
            "entity_ids": ["switch.pump"],
        },
    )
    assert reply["success"]
    past = await next_event(ws, 1)
    assert states_of(past, "switch.pump") == ["on"] and past["end_time"] == end.timestamp()
    hub.states.set("switch.pump", "on")
    await assert_quiet(ws, 2)
    future = await command(
        ws,
        {
            "id": 3,
            "type": "history/stream",
            "start_time": (clock.now() + timedelta(hours=1)).isoformat(),
            "entity_ids": ["switch.pump"],
        },
    )
    assert future["error"]["code"] == "invalid_start_time"


async def test_history_stream_end_time_stops_live_updates(api: ApiEnv, recorder: Recorder) -> None:
    hub, clock = api.hub, api.clock
    start = clock.now()
    ws = await api.ws()
    end = clock.now() + timedelta(seconds=30)
    await command(
        ws,
        {
            "id": 1,
            "type": "history/stream",
            "start_time": start.isoformat(),
            "end_time": end.isoformat(),
            "entity_ids": ["switch.pump"],
        },
    )
    assert (await next_event(ws, 1))["states"] == {}
    await clock.advance(10)
    hub.states.set("switch.pump", "on")
    assert states_of(await next_event(ws, 1), "switch.pump") == ["on"]
    await clock.advance(30)
    hub.states.set("switch.pump", "off")
    await assert_quiet(ws, 2)


async def test_streams_hide_entities_a_user_may_not_read(api: ApiEnv, recorder: Recorder) -> None:
    hub, clock = api.hub, api.clock
    await api.auth.set_role(
        Role(
            "porch",
            "Porch only",
            (Policy("p", (Grant(frozenset({"read"}), entity_ids=frozenset({"light.porch"})),)),),
        )
    )
    user = await api.user("viewer", UserRole.USER)
    await api.auth.update_user(user.id, role_ids=["porch"])
    start = clock.now()
    hub.states.set("light.porch", "on")
    hub.states.set("lock.vault", "locked")
    await clock.advance(10)
    ws = await api.ws(await api.token("viewer", UserRole.USER))
    await command(
        ws,
        {
            "id": 1,
            "type": "history/stream",
            "start_time": start.isoformat(),
            "entity_ids": ["light.porch", "lock.vault"],
        },
    )
    assert list((await next_event(ws, 1))["states"]) == ["light.porch"]
    await command(ws, {"id": 2, "type": "logbook/event_stream", "start_time": start.isoformat()})
    book = await next_event(ws, 2)
    assert {e.get("entity_id") for e in book["events"]} == {"light.porch"}
    await clock.advance(5)
    hub.states.set("lock.vault", "unlocked")
    await assert_quiet(ws, 3)
    hub.states.set("light.porch", "off")
    assert states_of(await next_event(ws, 1), "light.porch") == ["off"]
    entry = (await next_event(ws, 2))["events"][0]
    assert entry["entity_id"] == "light.porch" and entry["state"] == "off"


async def test_logbook_event_stream_past_then_live(api: ApiEnv, recorder: Recorder) -> None:
    hub, clock = api.hub, api.clock
    owner = await api.user()
    start = clock.now()
    hub.states.set("binary_sensor.door", "off", {"device_class": "door"})
    hub.states.set("sensor.temp", "20", {"unit_of_measurement": "°C"})
    await clock.advance(10)
    hub.states.set("binary_sensor.door", "on", {"device_class": "door"})
    await clock.advance(10)
    ws = await api.ws()
    reply = await command(
        ws,
        {
            "id": 1,
            "type": "logbook/event_stream",
            "start_time": start.isoformat(),
            "entity_ids": ["binary_sensor.door", "sensor.temp"],
        },
    )
    assert reply["success"] and reply["result"] is None
    past = await next_event(ws, 1)
    assert past["partial"] is False and past["start_time"] == start.timestamp()
    assert [(e["entity_id"], e["state"]) for e in past["events"]] == [
        ("binary_sensor.door", "off"),
        ("binary_sensor.door", "on"),
    ]
    await clock.advance(5)
    hub.states.set("sensor.temp", "21", {"unit_of_measurement": "°C"})  # continuous: no line
    hub.states.set(
        "binary_sensor.door", "off", {"device_class": "door"}, context=Context(user_id=owner.id)
    )
    live = (await next_event(ws, 1))["events"]
    assert len(live) == 1
    assert live[0]["entity_id"] == "binary_sensor.door" and live[0]["state"] == "off"
    assert live[0]["when"] == clock.timestamp() and live[0]["message"] == "closed"
    assert live[0]["context_user_id"] == owner.id and live[0]["context_user_name"] == "Owner"
    await assert_quiet(ws, 2)
    assert (await command(ws, {"id": 3, "type": "unsubscribe_events", "subscription": 1}))[
        "success"
    ]
    hub.states.set("binary_sensor.door", "on", {"device_class": "door"})
    await assert_quiet(ws, 4)


async def test_logbook_stream_names_the_automation_that_caused_a_change(
    api: ApiEnv, recorder: Recorder
) -> None:
    hub, clock = api.hub, api.clock
    ws = await api.ws()
    await command(
        ws, {"id": 1, "type": "logbook/event_stream", "start_time": clock.now().isoformat()}
    )
    assert (await next_event(ws, 1))["events"] == []
    run = Context()
    hub.bus.fire(
        "automation_triggered",
        {"name": "Night lock", "entity_id": "automation.night_lock", "source": "time"},
        context=run,
    )
    hub.states.set("lock.front", "locked", context=run.child())
    first = (await next_event(ws, 1))["events"][0]
    assert first["domain"] == "automation" and first["message"] == "triggered by time"
    caused = (await next_event(ws, 1))["events"][0]
    assert caused["entity_id"] == "lock.front" and caused["context_name"] == "Night lock"
    assert caused["text"] == "front locked triggered by automation Night lock"


async def test_streams_need_the_recorder(api: ApiEnv) -> None:
    ws = await api.ws()
    history = await command(
        ws,
        {
            "id": 1,
            "type": "history/stream",
            "start_time": api.clock.now().isoformat(),
            "entity_ids": ["light.porch"],
        },
    )
    assert history["error"]["code"] == "not_supported"
    book = await command(
        ws, {"id": 2, "type": "logbook/event_stream", "start_time": api.clock.now().isoformat()}
    )
    assert book["error"]["code"] == "not_supported"
    await assert_quiet(ws, 3)


async def test_logbook_stream_by_device(api: ApiEnv, recorder: Recorder) -> None:
    hub, clock = api.hub, api.clock
    device = hub.registries.devices.get_or_create("demo", identifiers=[("demo", "lock-1")])
    entry = hub.registries.entities.get_or_create(
        "lock", "demo", "lock-1", suggested_object_id="front", device_id=device.id
    )
    ws = await api.ws()
    await command(
        ws,
        {
            "id": 1,
            "type": "logbook/event_stream",
            "start_time": clock.now().isoformat(),
            "device_ids": [device.id],
        },
    )
    assert (await next_event(ws, 1))["events"] == []
    hub.states.set("lock.back", "unlocked")  # not on the device
    hub.states.set(entry.entity_id, "unlocked")
    live = (await next_event(ws, 1))["events"]
    assert [(e["entity_id"], e["message"]) for e in live] == [(entry.entity_id, "unlocked")]
    await assert_quiet(ws, 2)
