"""ESPHome media players: playback state, volume and mute from the device; commands, volume and
media URLs to it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from aioesphomeapi import (
    EntityInfo,
    EntityState,
    MediaPlayerCommand,
    MediaPlayerEntityState,
    MediaPlayerInfo,
)
from aioesphomeapi import MediaPlayerState as EspState

from hub.domains import media_player as mp
from hub.errors import ValidationError

from ..entity import EsphomeEntity, finite

F = mp.MediaPlayerEntityFeature
_STATES = {
    EspState.IDLE: mp.MediaPlayerState.IDLE,
    EspState.PLAYING: mp.MediaPlayerState.PLAYING,
    EspState.PAUSED: mp.MediaPlayerState.PAUSED,
    EspState.ANNOUNCING: mp.MediaPlayerState.PLAYING,
    EspState.OFF: mp.MediaPlayerState.OFF,
    EspState.ON: mp.MediaPlayerState.ON,
}
# What the native API can command; other bits a device may declare (seek, tracks, sources,
# shuffle, browsing, grouping, search) have no command and are not offered.
COMMANDABLE = (
    F.PAUSE
    | F.PLAY
    | F.STOP
    | F.VOLUME_SET
    | F.VOLUME_STEP
    | F.VOLUME_MUTE
    | F.TURN_ON
    | F.TURN_OFF
    | F.PLAY_MEDIA
    | F.MEDIA_ANNOUNCE
    | F.MEDIA_ENQUEUE
    | F.CLEAR_PLAYLIST
    | F.REPEAT_SET
)
_REPEAT = {
    mp.RepeatMode.ONE: MediaPlayerCommand.REPEAT_ONE,
    mp.RepeatMode.OFF: MediaPlayerCommand.REPEAT_OFF,
}
URL_SCHEMES = frozenset({"http", "https"})


class EsphomeMediaPlayer(EsphomeEntity, mp.MediaPlayerEntity):
    INFO = MediaPlayerInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, MediaPlayerInfo)
        super().update_info(info)
        api_version = self.link.client.api_version
        flags = (
            info.feature_flags if api_version is None else info.feature_flags_compat(api_version)
        )
        self._features = mp.MediaPlayerEntityFeature(flags & COMMANDABLE)
        self._device_class = mp.MediaPlayerDeviceClass.SPEAKER

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, MediaPlayerEntityState)
        self._player_state = _STATES.get(state.state)  # type: ignore[arg-type]
        self._volume_level = finite(state.volume)
        self._is_volume_muted = state.muted

    def _command(self, command: MediaPlayerCommand) -> None:
        self.client.media_player_command(self.key, command=command)

    async def turn_on(self) -> None:
        self._command(MediaPlayerCommand.TURN_ON)

    async def turn_off(self) -> None:
        self._command(MediaPlayerCommand.TURN_OFF)

    async def media_play(self) -> None:
        self._command(MediaPlayerCommand.PLAY)

    async def media_pause(self) -> None:
        self._command(MediaPlayerCommand.PAUSE)

    async def media_stop(self) -> None:
        self._command(MediaPlayerCommand.STOP)

    async def clear_playlist(self) -> None:
        self._command(MediaPlayerCommand.CLEAR_PLAYLIST)

    async def mute_volume(self, mute: bool) -> None:
        self._command(MediaPlayerCommand.MUTE if mute else MediaPlayerCommand.UNMUTE)

    async def set_volume_level(self, volume_level: float) -> None:
        self.client.media_player_command(self.key, volume=volume_level)

    async def volume_up(self) -> None:
        if self._features & F.VOLUME_STEP:
            self._command(MediaPlayerCommand.VOLUME_UP)  # the device's own step
        else:
            await super().volume_up()

    async def volume_down(self) -> None:
        if self._features & F.VOLUME_STEP:
            self._command(MediaPlayerCommand.VOLUME_DOWN)
        else:
            await super().volume_down()

    async def set_repeat(self, repeat: mp.RepeatMode) -> None:
        if repeat not in _REPEAT:
            raise ValidationError(f"{self.entity_id} can repeat one item or nothing, not all")
        self._command(_REPEAT[repeat])

    async def play_media(
        self,
        media_type: str,
        media_id: str,
        *,
        enqueue: mp.MediaPlayerEnqueue | None = None,
        announce: bool | None = None,
        extra: dict[str, Any],
    ) -> None:
        """The device fetches `media_id` itself, so it must be an http(s) URL."""
        parts = urlsplit(media_id)
        if parts.scheme.lower() not in URL_SCHEMES or not parts.netloc:
            raise ValidationError(f"{self.entity_id} plays http(s) URLs only")
        if enqueue == mp.MediaPlayerEnqueue.NEXT:
            raise ValidationError(f"{self.entity_id} can add to the end of its queue, not next")
        command = MediaPlayerCommand.ENQUEUE if enqueue == mp.MediaPlayerEnqueue.ADD else None
        self.client.media_player_command(
            self.key, command=command, media_url=media_id, announcement=announce
        )


CLASSES: tuple[type[EsphomeEntity], ...] = (EsphomeMediaPlayer,)
