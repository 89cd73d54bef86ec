"""Access and security equipment: RFID readers, the alarm keypad, the entrance camera and
the access controller's firmware update."""

from __future__ import annotations

import struct
import zlib
from typing import Any

from hub.clock import Clock
from hub.domains.camera import CameraEntity
from hub.domains.event import EventEntity
from hub.domains.update import UpdateEntity, UpdateEntityFeature

from .devices import DEVICES

INSTALL_STEP = 3.0  # seconds per 25 % of a simulated firmware install
IMAGE_SIZE = (64, 48)


class RfidReader(EventEntity):
    """A badge reader; each scan is an event (and a `tag_scanned` bus event)."""

    event_types = ["tag_scanned"]

    def __init__(self, key: str, name: str, device: str) -> None:
        super().__init__(name, unique_id=f"demo_{key}", device_info=DEVICES[device].info())
        self.key = key


class Keypad(EventEntity):
    """The alarm keypad's key presses and code entries (codes themselves are never shown)."""

    event_types = ["key_pressed", "code_accepted", "code_rejected"]

    def __init__(self) -> None:
        super().__init__(
            "Alarm Keypad", unique_id="demo_alarm_keypad", device_info=DEVICES["keypad"].info()
        )


def placeholder_png(shade: int, width: int = IMAGE_SIZE[0], height: int = IMAGE_SIZE[1]) -> bytes:
    """A small grey-blue gradient PNG; `shade` (0-255) moves it so successive frames differ."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows += bytes(((x * 4 + shade) % 256, (y * 5 + shade) % 256, 160))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 6))
        + chunk(b"IEND", b"")
    )


class DemoCamera(CameraEntity):
    """Serves a generated PNG that changes with the clock (one frame per minute)."""

    content_type = "image/png"
    brand = "Bastion Demo Devices"
    model_name = "CAM-4K Dome Camera"

    def __init__(self, clock: Clock) -> None:
        super().__init__(
            "Entrance Camera",
            unique_id="demo_entrance_camera",
            device_info=DEVICES["camera"].info(),
        )
        self.clock = clock
        self._recording = True

    async def image(self, width: int | None = None, height: int | None = None) -> bytes | None:
        if not self._is_on:
            return None
        return placeholder_png(int(self.clock.timestamp() // 60) % 256)


class DemoFirmwareUpdate(UpdateEntity):
    """The access controllers' firmware: 3.2.1 installed, 3.3.0 available; installs in steps."""

    title = "AC-410 firmware"
    release_summary = "Faster badge checks and a fix for the door-held-open alert."
    release_url = "https://example.com/bastion-demo/ac-410/3.3.0"

    def __init__(self, clock: Clock) -> None:
        super().__init__(
            "Access Controller Firmware",
            unique_id="demo_access_firmware",
            device_info=DEVICES["front_entrance"].info(),
            device_class="firmware",
            entity_category="config",
        )
        self.clock = clock
        self.installed_version, self.latest_version = "3.2.1", "3.3.0"
        self._features = UpdateEntityFeature.INSTALL | UpdateEntityFeature.PROGRESS
        self._cancel: Any = None

    async def install(self, version: str | None, backup: bool) -> None:
        self.in_progress, self.update_percentage = True, 0
        self._step()

    def _step(self) -> None:
        def advance() -> None:
            self.update_percentage = (self.update_percentage or 0) + 25
            if self.update_percentage >= 100:
                self.in_progress, self.update_percentage = False, None
                self.installed_version = self.latest_version
                self._cancel = None
            else:
                self._step()
            self.write_state()

        self._cancel = self.clock.call_later(INSTALL_STEP, advance)

    async def removed(self) -> None:
        if self._cancel is not None:
            self._cancel()
