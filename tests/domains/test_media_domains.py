"""media_player and water_heater through their services."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from hub.domains.media_player import (
    MediaInfo,
    MediaPlayerEnqueue,
    MediaPlayerEntity,
    MediaPlayerEntityFeature,
    MediaPlayerState,
    RepeatMode,
)
from hub.domains.water_heater import (
    WaterHeaterEntity,
    WaterHeaterEntityFeature,
    WaterHeaterState,
)
from hub.errors import ValidationError

from .conftest import Core

MF = MediaPlayerEntityFeature


class Speaker(MediaPlayerEntity):
    source_list = ["Radio", "Line in"]
    _features = (
        MF.TURN_ON
        | MF.TURN_OFF
        | MF.VOLUME_SET
        | MF.VOLUME_MUTE
        | MF.PLAY
        | MF.PAUSE
        | MF.STOP
        | MF.PLAY_MEDIA
        | MF.SELECT_SOURCE
        | MF.REPEAT_SET
    )
    _player_state = MediaPlayerState.IDLE
    _volume_level = 0.5
    _is_volume_muted = False

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.played: list[tuple[str, str, dict[str, Any]]] = []

    async def turn_on(self) -> None:
        self._player_state = MediaPlayerState.IDLE

    async def turn_off(self) -> None:
        self._player_state = MediaPlayerState.OFF

    async def set_volume_level(self, volume_level: float) -> None:
        self._volume_level = volume_level

    async def mute_volume(self, mute: bool) -> None:
        self._is_volume_muted = mute

    async def media_play(self) -> None:
        self._player_state = MediaPlayerState.PLAYING

    async def media_pause(self) -> None:
        self._player_state = MediaPlayerState.PAUSED

    async def media_stop(self) -> None:
        self._player_state = MediaPlayerState.IDLE
        self.media = MediaInfo()

    async def play_media(self, media_type: str, media_id: str, **kwargs: Any) -> None:
        self.played.append((media_type, media_id, kwargs))
        self._player_state = MediaPlayerState.PLAYING
        self.media = MediaInfo(media_content_id=media_id, media_content_type=media_type)

    async def select_source(self, source: str) -> None:
        self._source = source

    async def set_repeat(self, repeat: RepeatMode) -> None:
        self._repeat = repeat


async def test_media_player_state_attributes_and_volume(core: Core) -> None:
    speaker = Speaker("Kitchen speaker")
    eid = await core.add(speaker)
    state = core.states.get(eid)
    assert state.state == "idle"
    assert state.attributes["supported_features"] == int(speaker._features)
    assert state.attributes["source_list"] == ["Radio", "Line in"]
    assert state.attributes["volume_level"] == 0.5
    assert state.attributes["is_volume_muted"] is False
    assert "media_title" not in state.attributes  # unknown fields are left out

    await core.call("media_player", "volume_set", entity_id=eid, volume_level="0.25")
    assert core.states.get(eid).attributes["volume_level"] == 0.25
    await core.call("media_player", "volume_up", entity_id=eid)
    assert core.states.get(eid).attributes["volume_level"] == 0.35
    await core.call("media_player", "volume_down", entity_id=eid)
    await core.call("media_player", "volume_down", entity_id=eid)
    assert core.states.get(eid).attributes["volume_level"] == 0.15
    with pytest.raises(ValidationError):
        await core.call("media_player", "volume_set", entity_id=eid, volume_level=1.5)
    await core.call("media_player", "volume_mute", entity_id=eid, is_volume_muted=True)
    assert core.states.get(eid).attributes["is_volume_muted"] is True


async def test_media_player_playback_and_play_media(core: Core) -> None:
    speaker = Speaker("Kitchen speaker")
    eid = await core.add(speaker)
    await core.call("media_player", "media_play_pause", entity_id=eid)
    assert core.states.get(eid).state == "playing"
    await core.call("media_player", "media_play_pause", entity_id=eid)
    assert core.states.get(eid).state == "paused"
    await core.call("media_player", "media_play", entity_id=eid)
    assert core.states.get(eid).state == "playing"
    await core.call("media_player", "media_stop", entity_id=eid)
    assert core.states.get(eid).state == "idle"

    await core.call(
        "media_player",
        "play_media",
        entity_id=eid,
        media_content_id="http://radio.example/stream.mp3",
        media_content_type="music",
    )
    assert speaker.played == [
        (
            "music",
            "http://radio.example/stream.mp3",
            {"enqueue": None, "announce": None, "extra": {}},
        )
    ]
    state = core.states.get(eid)
    assert state.state == "playing"
    assert state.attributes["media_content_id"] == "http://radio.example/stream.mp3"
    assert state.attributes["media_content_type"] == "music"
    # announce and enqueue need their own feature bits
    with pytest.raises(ValidationError, match="play_media with announce"):
        await core.call(
            "media_player",
            "play_media",
            entity_id=eid,
            media_content_id="http://x.example/ding.wav",
            media_content_type="music",
            announce=True,
        )
    with pytest.raises(ValidationError, match="play_media with enqueue"):
        await core.call(
            "media_player",
            "play_media",
            entity_id=eid,
            media_content_id="http://x.example/a.mp3",
            media_content_type="music",
            enqueue="add",
        )
    with pytest.raises(ValidationError):  # both content fields are required
        await core.call("media_player", "play_media", entity_id=eid, media_content_id="x")
    assert len(speaker.played) == 1


async def test_media_player_features_sources_and_off(core: Core) -> None:
    speaker = Speaker("Kitchen speaker")
    speaker.media = replace(MediaInfo(), media_title="Morning show")
    eid = await core.add(speaker)
    assert core.states.get(eid).attributes["media_title"] == "Morning show"
    for service in ("media_next_track", "media_previous_track", "clear_playlist"):
        with pytest.raises(ValidationError, match=rf"does not support media_player\.{service}"):
            await core.call("media_player", service, entity_id=eid)
    with pytest.raises(ValidationError, match="media_seek"):
        await core.call("media_player", "media_seek", entity_id=eid, seek_position=30)
    with pytest.raises(ValidationError, match="shuffle_set"):
        await core.call("media_player", "shuffle_set", entity_id=eid, shuffle=True)

    await core.call("media_player", "select_source", entity_id=eid, source="Radio")
    assert core.states.get(eid).attributes["source"] == "Radio"
    with pytest.raises(ValidationError, match="not one of Radio, Line in"):
        await core.call("media_player", "select_source", entity_id=eid, source="HDMI")
    await core.call("media_player", "repeat_set", entity_id=eid, repeat="one")
    assert core.states.get(eid).attributes["repeat"] == "one"
    with pytest.raises(ValidationError):
        await core.call("media_player", "repeat_set", entity_id=eid, repeat="sometimes")

    await core.call("media_player", "toggle", entity_id=eid)
    state = core.states.get(eid)
    assert state.state == "off"
    # Off: only what the player can do, nothing about what it played.
    assert "volume_level" not in state.attributes and "media_title" not in state.attributes
    assert state.attributes["source_list"] == ["Radio", "Line in"]
    await core.call("media_player", "toggle", entity_id=eid)
    assert core.states.get(eid).state == "idle"


class Receiver(MediaPlayerEntity):
    """Volume only by steps (VOLUME_STEP without VOLUME_SET) and its own step method."""

    _features = MF.VOLUME_STEP | MF.MEDIA_ENQUEUE | MF.PLAY_MEDIA
    _player_state = MediaPlayerState.ON

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.steps = 0
        self.enqueued: list[MediaPlayerEnqueue | None] = []

    async def volume_up(self) -> None:
        self.steps += 1

    async def play_media(self, media_type: str, media_id: str, **kwargs: Any) -> None:
        self.enqueued.append(kwargs["enqueue"])


async def test_media_player_volume_steps_and_enqueue(core: Core) -> None:
    receiver = Receiver("Receiver")
    eid = await core.add(receiver)
    assert core.states.get(eid).state == "on"
    await core.call("media_player", "volume_up", entity_id=eid)
    assert receiver.steps == 1
    with pytest.raises(ValidationError, match="cannot step its volume"):
        await core.call("media_player", "volume_down", entity_id=eid)
    with pytest.raises(ValidationError, match="volume_set"):
        await core.call("media_player", "volume_set", entity_id=eid, volume_level=0.3)
    for value in ("next", True, False):
        await core.call(
            "media_player",
            "play_media",
            entity_id=eid,
            media_content_id="lib:42",
            media_content_type="playlist",
            enqueue=value,
        )
    assert receiver.enqueued == ["next", "add", "play"]
    with pytest.raises(ValidationError, match="enqueue must be one of"):
        await core.call(
            "media_player",
            "play_media",
            entity_id=eid,
            media_content_id="lib:42",
            media_content_type="playlist",
            enqueue="later",
        )


WF = WaterHeaterEntityFeature


class Boiler(WaterHeaterEntity):
    min_temp, max_temp, target_temperature_step = 30.0, 70.0, 0.5
    operation_list = [WaterHeaterState.OFF, WaterHeaterState.ECO, WaterHeaterState.PERFORMANCE]
    _features = WF.TARGET_TEMPERATURE | WF.OPERATION_MODE | WF.AWAY_MODE | WF.ON_OFF
    _current_operation = WaterHeaterState.ECO
    _current_temperature = 48.5
    _target_temperature = 50.0
    _away_mode = False

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.calls: list[str] = []

    async def set_temperature(self, temperature: float) -> None:
        self.calls.append(f"temperature {temperature}")
        self._target_temperature = temperature

    async def set_operation_mode(self, operation_mode: str) -> None:
        self.calls.append(f"mode {operation_mode}")
        self._current_operation = operation_mode

    async def set_away_mode(self, away_mode: bool) -> None:
        self._away_mode = away_mode

    async def turn_on(self) -> None:
        self._current_operation = WaterHeaterState.ECO

    async def turn_off(self) -> None:
        self._current_operation = WaterHeaterState.OFF


async def test_water_heater_state_and_services(core: Core) -> None:
    boiler = Boiler("Boiler")
    eid = await core.add(boiler)
    state = core.states.get(eid)
    assert state.state == "eco"
    assert dict(state.attributes) == {
        "min_temp": 30.0,
        "max_temp": 70.0,
        "target_temp_step": 0.5,
        "operation_list": ["off", "eco", "performance"],
        "current_temperature": 48.5,
        "temperature": 50.0,
        "target_temp_high": None,
        "target_temp_low": None,
        "operation_mode": "eco",
        "away_mode": "off",
        "supported_features": 15,
        "friendly_name": "Boiler",
    }
    await core.call(
        "water_heater",
        "set_temperature",
        entity_id=eid,
        temperature=60,
        operation_mode="performance",
    )
    assert boiler.calls == ["mode performance", "temperature 60.0"]
    state = core.states.get(eid)
    assert (state.state, state.attributes["temperature"]) == ("performance", 60.0)
    with pytest.raises(ValidationError, match=r"outside 30\.0-70\.0"):
        await core.call("water_heater", "set_temperature", entity_id=eid, temperature=75)
    with pytest.raises(ValidationError, match="not one of off, eco, performance"):
        await core.call("water_heater", "set_operation_mode", entity_id=eid, operation_mode="gas")
    assert boiler.calls == ["mode performance", "temperature 60.0"]
    await core.call("water_heater", "set_away_mode", entity_id=eid, away_mode="on")
    assert core.states.get(eid).attributes["away_mode"] == "on"
    await core.call("water_heater", "turn_off", entity_id=eid)
    assert core.states.get(eid).state == "off"
    await core.call("water_heater", "turn_on", entity_id=eid)
    assert core.states.get(eid).state == "eco"


class PlainTank(WaterHeaterEntity):
    """Target temperature only."""

    _features = WF.TARGET_TEMPERATURE
    _current_operation = WaterHeaterState.ELECTRIC


async def test_water_heater_without_features(core: Core) -> None:
    eid = await core.add(PlainTank("Tank"))
    state = core.states.get(eid)
    assert state.state == "electric"
    assert (state.attributes["min_temp"], state.attributes["max_temp"]) == (43.3, 60.0)
    for attribute in ("operation_list", "operation_mode", "away_mode", "target_temp_step"):
        assert attribute not in state.attributes
    with pytest.raises(ValidationError, match=r"water_heater\.set_operation_mode"):
        await core.call("water_heater", "set_operation_mode", entity_id=eid, operation_mode="eco")
    with pytest.raises(ValidationError, match=r"water_heater\.set_away_mode"):
        await core.call("water_heater", "set_away_mode", entity_id=eid, away_mode=True)
    with pytest.raises(ValidationError, match=r"water_heater\.turn_on"):
        await core.call("water_heater", "turn_on", entity_id=eid)
    with pytest.raises(ValidationError, match="set_operation_mode"):
        await core.call(
            "water_heater", "set_temperature", entity_id=eid, temperature=50, operation_mode="eco"
        )
