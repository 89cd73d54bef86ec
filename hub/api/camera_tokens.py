"""Rotation of camera access tokens, the credentials in each camera's `entity_picture` URL.

A picture URL may end up in a browser history, a screenshot or a proxy log; rotating the token
every few minutes bounds how long such a leak lets anyone fetch images. A camera keeps its
previous token too (see `hub/domains/camera.py`), so a page showing the picture never breaks
between two rotations.
"""

from __future__ import annotations

import logging
from typing import Any

from ..clock import Unsubscribe
from ..domains.camera import CameraEntity

_LOGGER = logging.getLogger(__name__)

TOKEN_ROTATION_INTERVAL = 300.0  # seconds


class CameraTokenRotator:
    """Rotates the token of every camera entity each TOKEN_ROTATION_INTERVAL seconds."""

    def __init__(self, hub: Any) -> None:
        self._hub = hub
        self._cancel: Unsubscribe | None = None

    def start(self) -> None:
        self._schedule()

    def stop(self) -> None:
        if self._cancel is not None:
            self._cancel()
            self._cancel = None

    def _schedule(self) -> None:
        self._cancel = self._hub.clock.call_later(TOKEN_ROTATION_INTERVAL, self._rotate)

    def _rotate(self) -> None:
        self._schedule()
        entities = self._hub.entities
        if entities is None:
            return
        for entity in list(entities.domain_entities("camera").values()):
            if isinstance(entity, CameraEntity):
                entity.rotate_token()
                entity.write_state()
        _LOGGER.debug("Camera access tokens rotated")
