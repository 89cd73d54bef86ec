"""Simulated ESPHome entities: YAML entity specs turned into api_pb2 info/state messages and
device-side command handling (what firmware would do with a command)."""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aioesphomeapi import api_pb2 as pb
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from .images import CHUNK_SIZE, TEST_CARD_JPEG


@dataclass(frozen=True, slots=True)
class Kind:
    """The protobuf messages one entity platform uses."""

    info: type[Message]
    state: type[Message] | None
    command: type[Message] | None
    default_state: Mapping[str, Any] = field(default_factory=dict)


KINDS: dict[str, Kind] = {
    "binary_sensor": Kind(
        pb.ListEntitiesBinarySensorResponse, pb.BinarySensorStateResponse, None, {"state": False}
    ),
    "sensor": Kind(pb.ListEntitiesSensorResponse, pb.SensorStateResponse, None, {"state": 0.0}),
    "text_sensor": Kind(
        pb.ListEntitiesTextSensorResponse, pb.TextSensorStateResponse, None, {"state": ""}
    ),
    "switch": Kind(
        pb.ListEntitiesSwitchResponse,
        pb.SwitchStateResponse,
        pb.SwitchCommandRequest,
        {"state": False},
    ),
    "light": Kind(
        pb.ListEntitiesLightResponse,
        pb.LightStateResponse,
        pb.LightCommandRequest,
        {"state": False, "brightness": 1.0},
    ),
    "lock": Kind(
        pb.ListEntitiesLockResponse,
        pb.LockStateResponse,
        pb.LockCommandRequest,
        {"state": "locked"},
    ),
    "cover": Kind(
        pb.ListEntitiesCoverResponse,
        pb.CoverStateResponse,
        pb.CoverCommandRequest,
        {"position": 0.0},
    ),
    "valve": Kind(
        pb.ListEntitiesValveResponse,
        pb.ValveStateResponse,
        pb.ValveCommandRequest,
        {"position": 0.0},
    ),
    "fan": Kind(
        pb.ListEntitiesFanResponse, pb.FanStateResponse, pb.FanCommandRequest, {"state": False}
    ),
    "climate": Kind(
        pb.ListEntitiesClimateResponse,
        pb.ClimateStateResponse,
        pb.ClimateCommandRequest,
        {"mode": "off", "target_temperature": 20.0, "current_temperature": 20.0},
    ),
    "button": Kind(pb.ListEntitiesButtonResponse, None, pb.ButtonCommandRequest),
    "number": Kind(
        pb.ListEntitiesNumberResponse,
        pb.NumberStateResponse,
        pb.NumberCommandRequest,
        {"state": 0.0},
    ),
    "select": Kind(pb.ListEntitiesSelectResponse, pb.SelectStateResponse, pb.SelectCommandRequest),
    "text": Kind(
        pb.ListEntitiesTextResponse, pb.TextStateResponse, pb.TextCommandRequest, {"state": ""}
    ),
    "siren": Kind(
        pb.ListEntitiesSirenResponse,
        pb.SirenStateResponse,
        pb.SirenCommandRequest,
        {"state": False},
    ),
    "alarm_control_panel": Kind(
        pb.ListEntitiesAlarmControlPanelResponse,
        pb.AlarmControlPanelStateResponse,
        pb.AlarmControlPanelCommandRequest,
        {"state": "disarmed"},
    ),
    "event": Kind(pb.ListEntitiesEventResponse, None, None),
    "camera": Kind(pb.ListEntitiesCameraResponse, None, None),
    "update": Kind(
        pb.ListEntitiesUpdateResponse,
        pb.UpdateStateResponse,
        pb.UpdateCommandRequest,
        {"current_version": "1.0.0", "latest_version": "1.0.0"},
    ),
    "date": Kind(
        pb.ListEntitiesDateResponse,
        pb.DateStateResponse,
        pb.DateCommandRequest,
        {"year": 2026, "month": 1, "day": 1},
    ),
    "time": Kind(
        pb.ListEntitiesTimeResponse,
        pb.TimeStateResponse,
        pb.TimeCommandRequest,
        {"hour": 0, "minute": 0, "second": 0},
    ),
    "datetime": Kind(
        pb.ListEntitiesDateTimeResponse,
        pb.DateTimeStateResponse,
        pb.DateTimeCommandRequest,
        {"epoch_seconds": 1_767_225_600},  # 2026-01-01T00:00:00Z
    ),
    "water_heater": Kind(
        pb.ListEntitiesWaterHeaterResponse,
        pb.WaterHeaterStateResponse,
        pb.WaterHeaterCommandRequest,
        {"mode": "eco", "target_temperature": 55.0, "current_temperature": 50.0, "state": 2},
    ),
    "media_player": Kind(
        pb.ListEntitiesMediaPlayerResponse,
        pb.MediaPlayerStateResponse,
        pb.MediaPlayerCommandRequest,
        {"state": "idle", "volume": 0.5},
    ),
}

# Fields of an entity spec that are simulator settings, not protobuf fields.
SIM_KEYS = frozenset({"platform", "id", "state", "code", "image", "chunk_size"})

_ALARM_COMMAND_TO_STATE = {
    pb.ALARM_CONTROL_PANEL_DISARM: pb.ALARM_STATE_DISARMED,
    pb.ALARM_CONTROL_PANEL_ARM_AWAY: pb.ALARM_STATE_ARMED_AWAY,
    pb.ALARM_CONTROL_PANEL_ARM_HOME: pb.ALARM_STATE_ARMED_HOME,
    pb.ALARM_CONTROL_PANEL_ARM_NIGHT: pb.ALARM_STATE_ARMED_NIGHT,
    pb.ALARM_CONTROL_PANEL_ARM_VACATION: pb.ALARM_STATE_ARMED_VACATION,
    pb.ALARM_CONTROL_PANEL_ARM_CUSTOM_BYPASS: pb.ALARM_STATE_ARMED_CUSTOM_BYPASS,
    pb.ALARM_CONTROL_PANEL_TRIGGER: pb.ALARM_STATE_TRIGGERED,
}
# Water heater commands: which `has_fields` bit carries which field, and the state flags.
WATER_MODE, WATER_TARGET, WATER_LEGACY_STATE = 1, 2, 4
WATER_TARGET_LOW, WATER_TARGET_HIGH, WATER_ON_STATE, WATER_AWAY_STATE = 8, 16, 32, 64
WATER_FLAG_AWAY, WATER_FLAG_ON = 1, 2
MEDIA_VOLUME_STEP = 0.1
_MEDIA_COMMAND_TO_STATE = {
    pb.MEDIA_PLAYER_COMMAND_PLAY: pb.MEDIA_PLAYER_STATE_PLAYING,
    pb.MEDIA_PLAYER_COMMAND_PAUSE: pb.MEDIA_PLAYER_STATE_PAUSED,
    pb.MEDIA_PLAYER_COMMAND_STOP: pb.MEDIA_PLAYER_STATE_IDLE,
    pb.MEDIA_PLAYER_COMMAND_TURN_ON: pb.MEDIA_PLAYER_STATE_ON,
    pb.MEDIA_PLAYER_COMMAND_TURN_OFF: pb.MEDIA_PLAYER_STATE_OFF,
}
_LOCK_COMMAND_TO_STATE = {
    pb.LOCK_UNLOCK: pb.LOCK_STATE_UNLOCKED,
    pb.LOCK_LOCK: pb.LOCK_STATE_LOCKED,
    pb.LOCK_OPEN: pb.LOCK_STATE_OPEN,
}


def entity_key(object_id: str) -> int:
    """A stable 32-bit key for an object id (firmware uses a hash of the name too)."""
    return zlib.crc32(object_id.encode()) & 0xFFFFFFFF


def _enum_value(fd: FieldDescriptor, value: Any) -> int:
    """Accept an int or a (suffix of an) enum name: `measurement`, `COLOR_MODE_RGB`, `rgb`."""
    if isinstance(value, bool) or not isinstance(value, str):
        return int(value)
    wanted = value.upper()
    names = fd.enum_type.values_by_name
    if wanted in names:
        return int(names[wanted].number)
    for name, desc in names.items():
        if name.endswith("_" + wanted):
            return int(desc.number)
    raise ValueError(f"{value!r} is not a value of {fd.enum_type.name}")


def coerce_fields(message_cls: type[Message], values: Mapping[str, Any]) -> dict[str, Any]:
    """Convert YAML-friendly values (enum names) into protobuf field values."""
    fields = message_cls.DESCRIPTOR.fields_by_name
    out: dict[str, Any] = {}
    for name, value in values.items():
        fd = fields.get(name)
        if fd is None:
            raise ValueError(f"{message_cls.__name__} has no field {name!r}")
        if fd.type == FieldDescriptor.TYPE_ENUM:
            if isinstance(value, list):
                value = [_enum_value(fd, v) for v in value]
            else:
                value = _enum_value(fd, value)
        out[name] = value
    return out


class SimEntity:
    """One entity of a simulated device: its info message, current state and command logic."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.platform: str = spec["platform"]
        if self.platform not in KINDS:
            raise ValueError(f"Unsupported platform {self.platform!r}")
        self.kind = KINDS[self.platform]
        self.object_id: str = spec["id"]
        self.key = entity_key(self.object_id)
        self.code: str | None = spec.get("code")
        info_fields = {k: v for k, v in spec.items() if k not in SIM_KEYS}
        info_fields.setdefault("name", self.object_id.replace("_", " ").capitalize())
        self.info = self.kind.info(
            object_id=self.object_id, key=self.key, **coerce_fields(self.kind.info, info_fields)
        )
        raw_state = spec.get("state")
        state = dict(self.kind.default_state)
        if isinstance(raw_state, Mapping):
            state.update(raw_state)
        elif raw_state is not None:
            state["state"] = raw_state
        self.state: dict[str, Any] = (
            coerce_fields(self.kind.state, state) if self.kind.state else {}
        )
        self.presses = 0
        self.media_urls: list[tuple[str, bool]] = []  # media players: (url, announcement)
        self.queue: list[str] = []  # media players: enqueued URLs
        # Cameras: the frame sent for each image request (bytes, or a file path in YAML).
        image = spec.get("image", TEST_CARD_JPEG)
        self.image: bytes = Path(image).read_bytes() if isinstance(image, str) else bytes(image)
        self.chunk_size = int(spec.get("chunk_size", CHUNK_SIZE))

    def state_message(self) -> Message | None:
        if self.kind.state is None:
            return None
        return self.kind.state(key=self.key, **self.state)

    def set_state(self, values: Mapping[str, Any]) -> Message | None:
        """Device-side change (e.g. a door opened); returns the state message to push."""
        if self.kind.state is None:
            raise ValueError(f"{self.object_id} has no state")
        self.state.update(coerce_fields(self.kind.state, values))
        return self.state_message()

    def handle_command(self, cmd: Message) -> Message | None:
        """Apply a command as firmware would; returns the new state message (None if none)."""
        platform = self.platform
        if platform == "button":
            self.presses += 1
            return None
        if platform == "lock":
            if self.code is not None and cmd.code != self.code:
                return None
            self.state["state"] = _LOCK_COMMAND_TO_STATE[cmd.command]
        elif platform == "alarm_control_panel":
            if self.code is not None and cmd.code != self.code:
                return None
            self.state["state"] = _ALARM_COMMAND_TO_STATE[cmd.command]
        elif platform in ("date", "time", "datetime"):
            names = cmd.DESCRIPTOR.fields_by_name
            self.state.update({n: getattr(cmd, n) for n in names if n not in ("key", "device_id")})
            return self.state_message()
        elif platform == "water_heater":
            self._water_heater(cmd)
            return self.state_message()
        elif platform == "media_player":
            self._media_player(cmd)
            return self.state_message()
        elif platform == "update":
            if cmd.command == pb.UPDATE_COMMAND_UPDATE:
                self.state["current_version"] = self.state.get("latest_version", "")
        elif platform == "cover" and cmd.stop:
            self.state["current_operation"] = pb.COVER_OPERATION_IDLE
        elif platform == "cover" and cmd.has_legacy_command:
            self.state["position"] = {0: 1.0, 1: 0.0}.get(
                cmd.legacy_command, self.state.get("position", 0.0)
            )
        self._copy_fields(cmd)
        return self.state_message()

    def _water_heater(self, cmd: Message) -> None:
        fields, flags = cmd.has_fields, self.state.get("state", 0)
        if fields & WATER_MODE:
            self.state["mode"] = cmd.mode
        for bit, name in (
            (WATER_TARGET, "target_temperature"),
            (WATER_TARGET_LOW, "target_temperature_low"),
            (WATER_TARGET_HIGH, "target_temperature_high"),
        ):
            if fields & bit:
                self.state[name] = getattr(cmd, name)
        if fields & WATER_LEGACY_STATE:
            flags = cmd.state
        for bit, flag in ((WATER_ON_STATE, WATER_FLAG_ON), (WATER_AWAY_STATE, WATER_FLAG_AWAY)):
            if fields & bit:
                flags = (flags | flag) if cmd.state & flag else (flags & ~flag)
        self.state["state"] = flags

    def _media_player(self, cmd: Message) -> None:
        if cmd.has_volume:
            self.state["volume"] = cmd.volume
        command = cmd.command if cmd.has_command else None
        if cmd.has_media_url:
            if command == pb.MEDIA_PLAYER_COMMAND_ENQUEUE:
                self.queue.append(cmd.media_url)
                return
            announce = cmd.has_announcement and cmd.announcement
            self.media_urls.append((cmd.media_url, announce))
            self.state["state"] = (
                pb.MEDIA_PLAYER_STATE_ANNOUNCING if announce else pb.MEDIA_PLAYER_STATE_PLAYING
            )
        elif command in _MEDIA_COMMAND_TO_STATE:
            self.state["state"] = _MEDIA_COMMAND_TO_STATE[command]
        elif command in (pb.MEDIA_PLAYER_COMMAND_MUTE, pb.MEDIA_PLAYER_COMMAND_UNMUTE):
            self.state["muted"] = command == pb.MEDIA_PLAYER_COMMAND_MUTE
        elif command in (pb.MEDIA_PLAYER_COMMAND_VOLUME_UP, pb.MEDIA_PLAYER_COMMAND_VOLUME_DOWN):
            step = (
                MEDIA_VOLUME_STEP
                if command == pb.MEDIA_PLAYER_COMMAND_VOLUME_UP
                else -MEDIA_VOLUME_STEP
            )
            volume = self.state.get("volume", 0.0) + step
            self.state["volume"] = round(min(1.0, max(0.0, volume)), 4)
        elif command == pb.MEDIA_PLAYER_COMMAND_CLEAR_PLAYLIST:
            self.queue.clear()

    def _copy_fields(self, cmd: Message) -> None:
        state_fields = self.kind.state.DESCRIPTOR.fields_by_name if self.kind.state else {}
        names = cmd.DESCRIPTOR.fields_by_name
        for name in names:
            if not name.startswith("has_") or not getattr(cmd, name):
                continue
            target = name[4:]
            if target == "rgb":
                for color in ("red", "green", "blue"):
                    self.state[color] = getattr(cmd, color)
            elif target in state_fields and target in names:
                self.state[target] = getattr(cmd, target)
        if "has_state" not in names and "state" in names and "state" in state_fields:
            self.state["state"] = cmd.state
