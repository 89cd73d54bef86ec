"""ESPHome cameras: snapshots on demand (the device sends a JPEG in chunks when asked)."""

from __future__ import annotations

import asyncio
import logging

from aioesphomeapi import APIConnectionError, CameraInfo, CameraState, EntityState

from hub.domains import camera
from hub.errors import ValidationError

from ..entity import DeviceLink, EsphomeEntity

_LOGGER = logging.getLogger(__name__)

# Long enough for a VGA JPEG over weak Wi-Fi, shorter than the API's own camera timeout so a
# slow device answers "no image" instead of an error.
IMAGE_TIMEOUT = 5.0
JPEG_START = b"\xff\xd8\xff"  # SOI marker followed by the first segment's marker


class EsphomeCamera(EsphomeEntity, camera.CameraEntity):
    """Every `image()` gets a new frame from the device (callers waiting at the same time
    share one); nothing is cached, so a snapshot is never an old scene."""

    INFO = CameraInfo

    def __init__(self, link: DeviceLink, info: CameraInfo) -> None:
        super().__init__(link, info)
        self._waiters: list[asyncio.Future[bytes | None]] = []

    def update_from(self, state: EntityState) -> None:
        """Frames are answers to image requests, not entity state."""

    def apply_state(self, state: EntityState) -> None:
        assert isinstance(state, CameraState)
        frame: bytes | None = state.data
        if not state.data.startswith(JPEG_START):
            # Served as image/jpeg to browsers: refuse anything else the device may send.
            _LOGGER.warning("%s: dropped a camera frame that is not a JPEG", self.entity_id)
            frame = None
        self._answer(frame)

    def set_available(self, available: bool) -> None:
        super().set_available(available)
        if not available:
            self._answer(None)  # the device dropped: waiting for its frame is pointless

    async def removed(self) -> None:
        await super().removed()
        self._answer(None)

    def _answer(self, frame: bytes | None) -> None:
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(frame)

    async def image(self, width: int | None = None, height: int | None = None) -> bytes | None:
        """A fresh JPEG from the device (full size; the device decides the resolution), or None
        when the camera is turned off, the device is not connected or does not answer in time."""
        if not self._is_on or not self.link.connected:
            return None
        waiter: asyncio.Future[bytes | None] = asyncio.get_running_loop().create_future()
        # One request serves every caller waiting at the time: the device answers each
        # request with one frame per camera.
        ask = not self._waiters
        self._waiters.append(waiter)
        try:
            if ask:
                self.client.request_single_image()
            async with asyncio.timeout(IMAGE_TIMEOUT):
                return await waiter
        except APIConnectionError:
            return None
        except TimeoutError:
            _LOGGER.debug("%s: no camera frame within %s s", self.entity_id, IMAGE_TIMEOUT)
            return None
        finally:
            if waiter in self._waiters:
                self._waiters.remove(waiter)

    async def set_motion_detection(self, enabled: bool) -> None:
        raise ValidationError(f"{self.entity_id}: ESPHome cameras have no motion detection")


CLASSES: tuple[type[EsphomeEntity], ...] = (EsphomeCamera,)
