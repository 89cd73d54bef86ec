"""Camera verification: `bastion_detection` events (a person seen by a camera in an area) count
as the second confirmation of an unconfirmed intrusion."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

EVENT_DETECTION = "bastion_detection"


@dataclass(frozen=True, slots=True)
class Detection:
    """One object seen by a camera; `at` is a hub clock timestamp (seconds)."""

    camera: str
    label: str
    confidence: float
    area: str | None
    at: float

    @classmethod
    def parse(cls, data: Mapping[str, Any], at: float) -> Detection | None:
        """The detection in an event's data, or None when it is malformed."""
        camera, label, area = data.get("entity_id"), data.get("label"), data.get("area")
        try:
            confidence = float(data.get("confidence", 1.0))
        except (TypeError, ValueError):
            return None
        if not isinstance(camera, str) or not isinstance(label, str):
            return None
        if not 0.0 <= confidence <= 1.0 or (area is not None and not isinstance(area, str)):
            return None
        return cls(camera, label.lower(), confidence, area, at)

    def details(self) -> dict[str, Any]:
        return {"camera": self.camera, "label": self.label, "confidence": self.confidence}


class CameraVerifier:
    """Keeps the last qualifying detection per alarm area."""

    def __init__(
        self,
        cameras: Mapping[str, Iterable[str]],
        labels: Iterable[str],
        min_confidence: float,
    ) -> None:
        self._cameras = {area: frozenset(ids) for area, ids in cameras.items()}
        self._labels = frozenset(label.lower() for label in labels)
        self._min_confidence = min_confidence
        self._last: dict[str, Detection] = {}

    def accept(self, detection: Detection) -> list[str]:
        """Remember a qualifying detection; returns the alarm areas it belongs to."""
        if detection.label not in self._labels or detection.confidence < self._min_confidence:
            return []
        areas = [
            area
            for area, cameras in self._cameras.items()
            if area == detection.area or detection.camera in cameras
        ]
        for area in areas:
            self._last[area] = detection
        return areas

    def recent(self, area: str, now: float, window: float) -> Detection | None:
        """The area's last qualifying detection if it is at most `window` seconds old."""
        detection = self._last.get(area)
        if detection is not None and now - detection.at <= window:
            return detection
        return None
