"""Distances on the Earth and zone membership tests (used by zone triggers and conditions)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

EARTH_RADIUS_M = 6_371_008.8


def distance(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def _attributes(zone_state: Any) -> Mapping[str, Any]:
    return getattr(zone_state, "attributes", zone_state)


def in_zone(zone_state: Any, latitude: float, longitude: float, accuracy: float = 0) -> bool:
    """True when a position (with a GPS accuracy radius in metres) overlaps the zone.

    `zone_state` is a zone's State or its attributes mapping (latitude, longitude, radius).
    """
    attrs = _attributes(zone_state)
    try:
        zone_lat = float(attrs["latitude"])
        zone_lon = float(attrs["longitude"])
        radius = float(attrs.get("radius", 0))
    except (KeyError, TypeError, ValueError):
        return False
    return distance(latitude, longitude, zone_lat, zone_lon) - accuracy < radius


def active_zone(
    zone_states: Iterable[Any], latitude: float, longitude: float, accuracy: float = 0
) -> Any | None:
    """The closest non-passive zone containing the position (smallest radius on a tie)."""
    best: tuple[float, float] | None = None
    found = None
    for zone in zone_states:
        attrs = _attributes(zone)
        if attrs.get("passive") or not in_zone(zone, latitude, longitude, accuracy):
            continue
        key = (
            distance(latitude, longitude, float(attrs["latitude"]), float(attrs["longitude"])),
            float(attrs.get("radius", 0)),
        )
        if best is None or key < best:
            best, found = key, zone
    return found
