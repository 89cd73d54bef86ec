"""camera: still images (and streams) with a rotating access token for the image proxy."""

from __future__ import annotations

import secrets
from collections import deque
from enum import IntFlag, StrEnum
from typing import Any

from ..entity import Entity
from ..entity_host import EntityService

TOKENS_KEPT = 2  # the current token and the previous one, so a rotation never breaks a view


class CameraState(StrEnum):
    IDLE = "idle"
    RECORDING = "recording"
    STREAMING = "streaming"


class CameraEntityFeature(IntFlag):
    ON_OFF = 1
    STREAM = 2


async def _turn_on(entity: CameraEntity) -> None:
    await entity.turn_on()


async def _turn_off(entity: CameraEntity) -> None:
    await entity.turn_off()


async def _enable_motion(entity: CameraEntity) -> None:
    await entity.set_motion_detection(True)


async def _disable_motion(entity: CameraEntity) -> None:
    await entity.set_motion_detection(False)


class CameraEntity(Entity):
    """Subclasses implement `image()`. `access_tokens` holds the tokens the image proxy
    accepts; `rotate_token()` replaces the oldest (call it periodically)."""

    domain = "camera"
    SERVICES = (
        EntityService("turn_on", _turn_on),
        EntityService("turn_off", _turn_off),
        EntityService("enable_motion_detection", _enable_motion),
        EntityService("disable_motion_detection", _disable_motion),
    )
    brand: str | None = None
    model_name: str | None = None
    content_type: str = "image/jpeg"
    _features: CameraEntityFeature = CameraEntityFeature(0)
    _is_on: bool = True
    _recording: bool = False
    _streaming: bool = False
    _motion_detection: bool = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.access_tokens: deque[str] = deque(maxlen=TOKENS_KEPT)
        self.rotate_token()

    def rotate_token(self) -> str:
        """Make a new access token (the previous one stays valid until the next rotation)."""
        token = secrets.token_hex(32)
        self.access_tokens.append(token)
        return token

    def token_valid(self, token: str) -> bool:
        """True if `token` is a current access token (constant-time comparison)."""
        return any(secrets.compare_digest(token, t) for t in self.access_tokens)

    @property
    def state(self) -> str:
        if self._recording:
            return CameraState.RECORDING
        if self._streaming:
            return CameraState.STREAMING
        return CameraState.IDLE

    @property
    def supported_features(self) -> int:
        return int(self._features)

    @property
    def state_attributes(self) -> dict[str, Any]:
        token = self.access_tokens[-1]
        attrs: dict[str, Any] = {
            "access_token": token,
            "entity_picture": f"/api/camera_proxy/{self.entity_id}?token={token}",
        }
        if self.brand is not None:
            attrs["brand"] = self.brand
        if self.model_name is not None:
            attrs["model_name"] = self.model_name
        if self._motion_detection:
            attrs["motion_detection"] = True
        return attrs

    async def image(self, width: int | None = None, height: int | None = None) -> bytes | None:
        """The current still image in `content_type`, or None if there is none."""
        raise NotImplementedError

    async def turn_on(self) -> None:
        self._is_on = True

    async def turn_off(self) -> None:
        self._is_on = False

    async def set_motion_detection(self, enabled: bool) -> None:
        self._motion_detection = enabled
