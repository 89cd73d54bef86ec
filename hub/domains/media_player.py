"""media_player: speakers, TVs and receivers (state = what the player is doing)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from enum import IntFlag, StrEnum
from typing import Any

import voluptuous as vol

from ..config import validation as cv
from ..entity import Entity
from ..entity_host import EntityService
from ..errors import ValidationError
from .shared import require_feature

MAX_MEDIA_ID_LENGTH = 2048  # a URL or a provider's item id
VOLUME_STEP = 0.1


class MediaPlayerState(StrEnum):
    OFF = "off"
    ON = "on"
    IDLE = "idle"
    PLAYING = "playing"
    PAUSED = "paused"
    STANDBY = "standby"
    BUFFERING = "buffering"


class MediaPlayerDeviceClass(StrEnum):
    TV = "tv"
    SPEAKER = "speaker"
    RECEIVER = "receiver"


class MediaPlayerEntityFeature(IntFlag):
    PAUSE = 1
    SEEK = 2
    VOLUME_SET = 4
    VOLUME_MUTE = 8
    PREVIOUS_TRACK = 16
    NEXT_TRACK = 32
    TURN_ON = 128
    TURN_OFF = 256
    PLAY_MEDIA = 512
    VOLUME_STEP = 1024
    SELECT_SOURCE = 2048
    STOP = 4096
    CLEAR_PLAYLIST = 8192
    PLAY = 16384
    SHUFFLE_SET = 32768
    SELECT_SOUND_MODE = 65536
    BROWSE_MEDIA = 131072
    REPEAT_SET = 262144
    GROUPING = 524288
    MEDIA_ANNOUNCE = 1048576
    MEDIA_ENQUEUE = 2097152
    SEARCH_MEDIA = 4194304


class RepeatMode(StrEnum):
    OFF = "off"
    ALL = "all"
    ONE = "one"


class MediaPlayerEnqueue(StrEnum):
    """What play_media does with the current queue."""

    ADD = "add"
    NEXT = "next"
    PLAY = "play"
    REPLACE = "replace"


@dataclass(frozen=True, slots=True)
class MediaInfo:
    """What is playing; each field is the state attribute of the same name (None: left out)."""

    media_content_id: str | None = None
    media_content_type: str | None = None
    media_duration: float | None = None  # seconds
    media_position: float | None = None  # seconds, as of media_position_updated_at
    media_position_updated_at: str | None = None  # ISO time
    media_title: str | None = None
    media_artist: str | None = None
    media_album_name: str | None = None
    media_album_artist: str | None = None
    media_track: int | None = None
    media_series_title: str | None = None
    media_season: str | None = None
    media_episode: str | None = None
    media_channel: str | None = None
    media_playlist: str | None = None
    app_id: str | None = None
    app_name: str | None = None


F = MediaPlayerEntityFeature
_text = vol.All(cv.string, vol.Length(min=1, max=MAX_MEDIA_ID_LENGTH))
_choice = vol.All(cv.string, vol.Length(min=1, max=128))


def _enqueue(value: Any) -> MediaPlayerEnqueue:
    """An enqueue mode; the older booleans mean add (true) and play (false)."""
    if isinstance(value, bool):
        return MediaPlayerEnqueue.ADD if value else MediaPlayerEnqueue.PLAY
    try:
        return MediaPlayerEnqueue(value)
    except ValueError:
        raise vol.Invalid(f"enqueue must be one of {', '.join(MediaPlayerEnqueue)}") from None


PLAY_MEDIA_SCHEMA: dict[Any, Any] = {
    vol.Required("media_content_id"): _text,
    vol.Required("media_content_type"): _choice,
    vol.Optional("enqueue"): _enqueue,
    vol.Optional("announce"): cv.boolean,
    vol.Optional("extra"): vol.Schema({cv.string: vol.Any(str, int, float, bool, None)}),
}


Run = Callable[..., Awaitable[None]]


def _checked(flag: MediaPlayerEntityFeature, service: str, run: Run) -> Run:
    """A handler that checks `flag` (any of its bits), then runs `run(entity, **fields)`."""

    async def handler(entity: MediaPlayerEntity, **params: Any) -> None:
        require_feature(entity, flag, service)
        await run(entity, **params)

    return handler


async def _toggle(entity: MediaPlayerEntity) -> None:
    require_feature(entity, F.TURN_ON | F.TURN_OFF, "toggle")
    if entity.state in (MediaPlayerState.OFF, MediaPlayerState.STANDBY):
        require_feature(entity, F.TURN_ON, "turn_on")
        await entity.turn_on()
    else:
        require_feature(entity, F.TURN_OFF, "turn_off")
        await entity.turn_off()


async def _play_pause(entity: MediaPlayerEntity) -> None:
    if entity.state == MediaPlayerState.PLAYING:
        require_feature(entity, F.PAUSE, "media_play_pause")
        await entity.media_pause()
    else:
        require_feature(entity, F.PLAY, "media_play_pause")
        await entity.media_play()


async def _play_media(entity: MediaPlayerEntity, **params: Any) -> None:
    require_feature(entity, F.PLAY_MEDIA, "play_media")
    if params.get("announce"):
        require_feature(entity, F.MEDIA_ANNOUNCE, "play_media with announce")
    if params.get("enqueue") is not None:
        require_feature(entity, F.MEDIA_ENQUEUE, "play_media with enqueue")
    await entity.play_media(
        params["media_content_type"],
        params["media_content_id"],
        enqueue=params.get("enqueue"),
        announce=params.get("announce"),
        extra=params.get("extra") or {},
    )


def _check_choice(entity: MediaPlayerEntity, value: str, allowed: list[str] | None) -> None:
    if value not in (allowed or []):
        raise ValidationError(
            f"'{value}' is not one of {', '.join(allowed or [])} for {entity.entity_id}"
        )


async def _select_source(entity: MediaPlayerEntity, source: str) -> None:
    require_feature(entity, F.SELECT_SOURCE, "select_source")
    _check_choice(entity, source, entity.source_list)
    await entity.select_source(source)


async def _select_sound_mode(entity: MediaPlayerEntity, sound_mode: str) -> None:
    require_feature(entity, F.SELECT_SOUND_MODE, "select_sound_mode")
    _check_choice(entity, sound_mode, entity.sound_mode_list)
    await entity.select_sound_mode(sound_mode)


_volume = vol.All(vol.Coerce(float), vol.Range(min=0, max=1))

SERVICES: tuple[EntityService, ...] = (
    EntityService("turn_on", _checked(F.TURN_ON, "turn_on", lambda e: e.turn_on())),
    EntityService("turn_off", _checked(F.TURN_OFF, "turn_off", lambda e: e.turn_off())),
    EntityService("toggle", _toggle),
    EntityService(
        "volume_up", _checked(F.VOLUME_SET | F.VOLUME_STEP, "volume_up", lambda e: e.volume_up())
    ),
    EntityService(
        "volume_down",
        _checked(F.VOLUME_SET | F.VOLUME_STEP, "volume_down", lambda e: e.volume_down()),
    ),
    EntityService(
        "volume_set",
        _checked(
            F.VOLUME_SET, "volume_set", lambda e, volume_level: e.set_volume_level(volume_level)
        ),
        {vol.Required("volume_level"): _volume},
    ),
    EntityService(
        "volume_mute",
        _checked(
            F.VOLUME_MUTE, "volume_mute", lambda e, is_volume_muted: e.mute_volume(is_volume_muted)
        ),
        {vol.Required("is_volume_muted"): cv.boolean},
    ),
    EntityService("media_play_pause", _play_pause),
    EntityService("media_play", _checked(F.PLAY, "media_play", lambda e: e.media_play())),
    EntityService("media_pause", _checked(F.PAUSE, "media_pause", lambda e: e.media_pause())),
    EntityService("media_stop", _checked(F.STOP, "media_stop", lambda e: e.media_stop())),
    EntityService(
        "media_next_track",
        _checked(F.NEXT_TRACK, "media_next_track", lambda e: e.media_next_track()),
    ),
    EntityService(
        "media_previous_track",
        _checked(F.PREVIOUS_TRACK, "media_previous_track", lambda e: e.media_previous_track()),
    ),
    EntityService(
        "media_seek",
        _checked(F.SEEK, "media_seek", lambda e, seek_position: e.media_seek(seek_position)),
        {vol.Required("seek_position"): vol.All(vol.Coerce(float), vol.Range(min=0))},
    ),
    EntityService("play_media", _play_media, PLAY_MEDIA_SCHEMA),
    EntityService(
        "clear_playlist",
        _checked(F.CLEAR_PLAYLIST, "clear_playlist", lambda e: e.clear_playlist()),
    ),
    EntityService("select_source", _select_source, {vol.Required("source"): _choice}),
    EntityService("select_sound_mode", _select_sound_mode, {vol.Required("sound_mode"): _choice}),
    EntityService(
        "shuffle_set",
        _checked(F.SHUFFLE_SET, "shuffle_set", lambda e, shuffle: e.set_shuffle(shuffle)),
        {vol.Required("shuffle"): cv.boolean},
    ),
    EntityService(
        "repeat_set",
        _checked(F.REPEAT_SET, "repeat_set", lambda e, repeat: e.set_repeat(repeat)),
        {vol.Required("repeat"): vol.Coerce(RepeatMode, msg="expected off, all or one")},
    ),
)


class MediaPlayerEntity(Entity):
    """State is `player_state`. Subclasses implement the methods their supported_features
    declare; the base checks the feature of every service (and sources, sound modes, volume
    0-1) first. While the player is off only the capability attributes are written."""

    domain = "media_player"
    SERVICES = SERVICES
    volume_step: float = VOLUME_STEP
    source_list: list[str] | None = None
    sound_mode_list: list[str] | None = None
    _features: MediaPlayerEntityFeature = MediaPlayerEntityFeature(0)
    _player_state: MediaPlayerState | None = None
    _volume_level: float | None = None  # 0-1
    _is_volume_muted: bool | None = None
    _source: str | None = None
    _sound_mode: str | None = None
    _shuffle: bool | None = None
    _repeat: RepeatMode | None = None
    media: MediaInfo = MediaInfo()

    @property
    def player_state(self) -> MediaPlayerState | None:
        return self._player_state

    @property
    def volume_level(self) -> float | None:
        return self._volume_level

    @property
    def state(self) -> str | None:
        value = self.player_state
        return None if value is None else str(value)

    @property
    def supported_features(self) -> int:
        return int(self._features)

    @property
    def capability_attributes(self) -> dict[str, Any]:
        attrs: dict[str, Any] = {}
        if self._features & F.SELECT_SOURCE and self.source_list:
            attrs["source_list"] = list(self.source_list)
        if self._features & F.SELECT_SOUND_MODE and self.sound_mode_list:
            attrs["sound_mode_list"] = list(self.sound_mode_list)
        return attrs

    @property
    def state_attributes(self) -> dict[str, Any]:
        if self.player_state == MediaPlayerState.OFF:
            return {}
        attrs: dict[str, Any] = {
            "volume_level": self._volume_level,
            "is_volume_muted": self._is_volume_muted,
            **asdict(self.media),
            "source": self._source,
            "sound_mode": self._sound_mode,
            "shuffle": self._shuffle,
            "repeat": None if self._repeat is None else str(self._repeat),
        }
        return {key: value for key, value in attrs.items() if value is not None}

    async def turn_on(self) -> None:
        raise NotImplementedError

    async def turn_off(self) -> None:
        raise NotImplementedError

    async def volume_up(self) -> None:
        """Default: `volume_step` up through set_volume_level."""
        await self._step_volume(self.volume_step)

    async def volume_down(self) -> None:
        await self._step_volume(-self.volume_step)

    async def _step_volume(self, delta: float) -> None:
        level = self.volume_level
        if level is None or not self._features & F.VOLUME_SET:
            raise ValidationError(f"{self.entity_id} cannot step its volume")
        await self.set_volume_level(round(min(1.0, max(0.0, level + delta)), 4))

    async def set_volume_level(self, volume_level: float) -> None:
        raise NotImplementedError

    async def mute_volume(self, mute: bool) -> None:
        raise NotImplementedError

    async def media_play(self) -> None:
        raise NotImplementedError

    async def media_pause(self) -> None:
        raise NotImplementedError

    async def media_stop(self) -> None:
        raise NotImplementedError

    async def media_next_track(self) -> None:
        raise NotImplementedError

    async def media_previous_track(self) -> None:
        raise NotImplementedError

    async def media_seek(self, position: float) -> None:
        raise NotImplementedError

    async def play_media(
        self,
        media_type: str,
        media_id: str,
        *,
        enqueue: MediaPlayerEnqueue | None = None,
        announce: bool | None = None,
        extra: dict[str, Any],
    ) -> None:
        raise NotImplementedError

    async def clear_playlist(self) -> None:
        raise NotImplementedError

    async def select_source(self, source: str) -> None:
        raise NotImplementedError

    async def select_sound_mode(self, sound_mode: str) -> None:
        raise NotImplementedError

    async def set_shuffle(self, shuffle: bool) -> None:
        raise NotImplementedError

    async def set_repeat(self, repeat: RepeatMode) -> None:
        raise NotImplementedError
