"""date, time, datetime, water_heater and media_player: states from the device, commands back
to it over the real client, and unavailable while the device is away."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from aioesphomeapi import api_pb2 as pb

from hub.errors import ValidationError
from hub.runtime import Hub
from hub.states import STATE_UNAVAILABLE
from integrations.esphome.simulator import SimulatedDevice
from tests.esphome.conftest import SimFactory, device_yaml, hub_yaml, wait_state

WATER_AWAY, WATER_ON = 1, 2  # state flags
MEDIA_FEATURES = (
    1  # PAUSE
    | 4  # VOLUME_SET
    | 8  # VOLUME_MUTE
    | 32  # NEXT_TRACK: no native API command, so not offered
    | 512  # PLAY_MEDIA
    | 1024  # VOLUME_STEP
    | 2048  # SELECT_SOURCE: not offered either
    | 4096  # STOP
    | 16384  # PLAY
    | 1048576  # MEDIA_ANNOUNCE
    | 2097152  # MEDIA_ENQUEUE
)
ENTITIES: list[dict[str, Any]] = [
    {
        "platform": "date",
        "id": "holiday",
        "name": "Holiday",
        "state": {"year": 2026, "month": 8, "day": 3},
    },
    {
        "platform": "time",
        "id": "wakeup",
        "name": "Wake-up",
        "state": {"hour": 6, "minute": 30, "second": 0},
    },
    {"platform": "datetime", "id": "departure", "name": "Departure"},
    {
        "platform": "water_heater",
        "id": "boiler",
        "name": "Boiler",
        "min_temperature": 35,
        "max_temperature": 75,
        "target_temperature_step": 0.5,
        "supported_modes": ["off", "eco", "performance"],
        "supported_features": 1 | 8 | 16,  # current temperature, away mode, on/off
        "state": {"mode": "eco", "current_temperature": 48.5, "state": WATER_ON},
    },
    {
        "platform": "media_player",
        "id": "speaker",
        "name": "Speaker",
        "feature_flags": MEDIA_FEATURES,
        "state": {"state": "idle", "volume": 0.5},
    },
]


async def call(hub: Hub, domain: str, service: str, entity_id: str, **data: Any) -> None:
    await hub.services.call(domain, service, {"entity_id": entity_id, **data})


async def started(make_hub, make_sim: SimFactory) -> tuple[Hub, SimulatedDevice]:
    sim = await make_sim(ENTITIES)
    hub = await make_hub(
        "homeassistant:\n  time_zone: Europe/Berlin\n"
        + hub_yaml(device_yaml(sim, allow_plaintext=True))
    )
    await wait_state(hub, "media_player.test_device_speaker", lambda s: s.state == "idle")
    return hub, sim


async def test_date_time_datetime(make_hub, make_sim: SimFactory, config_dir: Path) -> None:
    hub, sim = await started(make_hub, make_sim)
    assert hub.states.get("date.test_device_holiday").state == "2026-08-03"
    assert hub.states.get("time.test_device_wake_up").state == "06:30:00"
    assert hub.states.get("datetime.test_device_departure").state == "2026-01-01T00:00:00+00:00"

    await call(hub, "date", "set_value", "date.test_device_holiday", date="2026-12-24")
    await wait_state(hub, "date.test_device_holiday", lambda s: s.state == "2026-12-24")
    command = sim.commands[-1][1]
    assert (command.year, command.month, command.day) == (2026, 12, 24)

    await call(hub, "time", "set_value", "time.test_device_wake_up", time="07:15")
    await wait_state(hub, "time.test_device_wake_up", lambda s: s.state == "07:15:00")
    assert (sim.commands[-1][1].hour, sim.commands[-1][1].minute) == (7, 15)

    # Without an offset: local time in the hub's zone (Berlin is UTC+2 in summer).
    await call(
        hub, "datetime", "set_value", "datetime.test_device_departure", datetime="2026-07-01 08:00"
    )
    departure = await wait_state(
        hub, "datetime.test_device_departure", lambda s: s.state == "2026-07-01T06:00:00+00:00"
    )
    assert sim.commands[-1][1].epoch_seconds == 1_782_885_600
    assert departure.attributes["friendly_name"] == "Test device Departure"
    with pytest.raises(ValidationError, match="1970 to 2106"):
        await call(
            hub, "datetime", "set_value", "datetime.test_device_departure", datetime="1969-12-31"
        )

    sim.set_state("holiday", missing_state=True)
    await wait_state(hub, "date.test_device_holiday", lambda s: s.state == "unknown")


async def test_water_heater(make_hub, make_sim: SimFactory, config_dir: Path) -> None:
    hub, sim = await started(make_hub, make_sim)
    eid = "water_heater.test_device_boiler"
    boiler = hub.states.get(eid)
    assert boiler.state == "eco"
    assert boiler.attributes["operation_list"] == ["off", "eco", "performance"]
    assert (boiler.attributes["min_temp"], boiler.attributes["max_temp"]) == (35, 75)
    assert boiler.attributes["target_temp_step"] == 0.5
    assert boiler.attributes["current_temperature"] == 48.5
    assert boiler.attributes["temperature"] == 55
    assert boiler.attributes["away_mode"] == "off"
    assert boiler.attributes["supported_features"] == 1 | 2 | 4 | 8

    await call(hub, "water_heater", "set_temperature", eid, temperature=60)
    await wait_state(hub, eid, lambda s: s.attributes["temperature"] == 60)
    await call(hub, "water_heater", "set_operation_mode", eid, operation_mode="performance")
    await wait_state(hub, eid, lambda s: s.state == "performance")
    assert sim.commands[-1][1].mode == pb.WATER_HEATER_MODE_PERFORMANCE
    await call(hub, "water_heater", "set_away_mode", eid, away_mode=True)
    await wait_state(hub, eid, lambda s: s.attributes["away_mode"] == "on")
    assert sim.entities["boiler"].state["state"] == WATER_AWAY | WATER_ON

    # Switched off on the device: the state says off; on again shows the mode it kept.
    await call(hub, "water_heater", "turn_off", eid)
    await wait_state(hub, eid, lambda s: s.state == "off")
    assert sim.entities["boiler"].state["state"] == WATER_AWAY
    await call(hub, "water_heater", "turn_on", eid)
    await wait_state(hub, eid, lambda s: s.state == "performance")
    with pytest.raises(ValidationError, match="not one of off, eco, performance"):
        await call(hub, "water_heater", "set_operation_mode", eid, operation_mode="gas")
    with pytest.raises(ValidationError, match="outside"):
        await call(hub, "water_heater", "set_temperature", eid, temperature=90)


async def test_media_player(make_hub, make_sim: SimFactory, config_dir: Path) -> None:
    hub, sim = await started(make_hub, make_sim)
    eid = "media_player.test_device_speaker"
    speaker = hub.states.get(eid)
    assert speaker.attributes["device_class"] == "speaker"
    assert speaker.attributes["volume_level"] == 0.5
    assert speaker.attributes["is_volume_muted"] is False
    assert speaker.attributes["supported_features"] == MEDIA_FEATURES & ~(32 | 2048)

    await call(hub, "media_player", "volume_set", eid, volume_level=0.3)
    await wait_state(hub, eid, lambda s: s.attributes["volume_level"] == pytest.approx(0.3))
    await call(hub, "media_player", "volume_up", eid)  # the device's own step
    await wait_state(hub, eid, lambda s: s.attributes["volume_level"] == pytest.approx(0.4))
    assert sim.commands[-1][1].command == pb.MEDIA_PLAYER_COMMAND_VOLUME_UP
    await call(hub, "media_player", "volume_mute", eid, is_volume_muted=True)
    await wait_state(hub, eid, lambda s: s.attributes["is_volume_muted"] is True)

    url = "http://192.0.2.10:8123/chime.flac"
    await call(
        hub, "media_player", "play_media", eid, media_content_id=url, media_content_type="music"
    )
    await wait_state(hub, eid, lambda s: s.state == "playing")
    assert sim.entities["speaker"].media_urls == [(url, False)]
    await call(hub, "media_player", "media_pause", eid)
    await wait_state(hub, eid, lambda s: s.state == "paused")
    await call(hub, "media_player", "media_play_pause", eid)
    await wait_state(hub, eid, lambda s: s.state == "playing")
    await call(hub, "media_player", "media_stop", eid)
    await wait_state(hub, eid, lambda s: s.state == "idle")

    await call(
        hub,
        "media_player",
        "play_media",
        eid,
        media_content_id="https://192.0.2.10/next.mp3",
        media_content_type="music",
        enqueue="add",
    )
    await sim.wait_for(lambda: sim.entities["speaker"].queue == ["https://192.0.2.10/next.mp3"])
    await call(
        hub,
        "media_player",
        "play_media",
        eid,
        media_content_id="http://192.0.2.10/doorbell.wav",
        media_content_type="music",
        announce=True,
    )
    await wait_state(hub, eid, lambda s: s.state == "playing")  # announcing
    assert sim.entities["speaker"].media_urls[-1] == ("http://192.0.2.10/doorbell.wav", True)

    sent = len(sim.commands)
    for data in (
        {"media_content_id": "file:///etc/passwd", "media_content_type": "music"},
        {"media_content_id": "media-source://tts/x", "media_content_type": "music"},
    ):
        with pytest.raises(ValidationError, match="http"):
            await call(hub, "media_player", "play_media", eid, **data)
    with pytest.raises(ValidationError, match="not next"):
        await call(
            hub,
            "media_player",
            "play_media",
            eid,
            media_content_id=url,
            media_content_type="music",
            enqueue="next",
        )
    with pytest.raises(ValidationError, match="media_next_track"):
        await call(hub, "media_player", "media_next_track", eid)
    with pytest.raises(ValidationError, match="turn_off"):
        await call(hub, "media_player", "turn_off", eid)
    # Nothing refused reached the device: the next command it gets is the stop sent now.
    await call(hub, "media_player", "media_stop", eid)
    await wait_state(hub, eid, lambda s: s.state == "idle")
    assert [c.command for _, c in sim.commands[sent:]] == [pb.MEDIA_PLAYER_COMMAND_STOP]


async def test_unavailable_while_the_device_is_away(
    make_hub, make_sim: SimFactory, config_dir: Path
) -> None:
    hub, sim = await started(make_hub, make_sim)
    entity_ids = [
        "date.test_device_holiday",
        "time.test_device_wake_up",
        "datetime.test_device_departure",
        "water_heater.test_device_boiler",
        "media_player.test_device_speaker",
    ]
    await sim.stop()
    await wait_state(hub, entity_ids[-1], lambda s: s.state == STATE_UNAVAILABLE)
    assert {hub.states.get(e).state for e in entity_ids} == {STATE_UNAVAILABLE}
    assert "volume_level" not in hub.states.get(entity_ids[-1]).attributes
    with pytest.raises(ValidationError):  # still validated while away
        await call(hub, "date", "set_value", entity_ids[0], date="not a date")

    sim.entities["boiler"].set_state({"mode": "performance"})  # changed while away
    await sim.start()
    await wait_state(hub, entity_ids[3], lambda s: s.state == "performance", timeout=15)
    assert hub.states.get(entity_ids[0]).state == "2026-08-03"
    assert hub.states.get(entity_ids[-1]).state == "idle"
