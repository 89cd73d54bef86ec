"""Distances on the Earth and zone membership: pure math shared by the `zone` integration and
the automation engine's zone trigger and condition."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from .states import State

EARTH_RADIUS_M = 6_371_008.8
DEFAULT_RADIUS = 100.0  # metres, for a zone that does not state its radius

ZoneLike = State | Mapping[str, Any]  # a zone's State or its attributes


def distance(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def _attributes(zone: ZoneLike) -> Mapping[str, Any]:
    return zone.attributes if isinstance(zone, State) else zone


def in_zone(zone: ZoneLike, latitude: float, longitude: float, accuracy: float = 0) -> bool:
    """True when a position (with a GPS accuracy radius in metres) overlaps the zone (its
    latitude, longitude and radius attributes)."""
    attrs = _attributes(zone)
    try:
        zone_lat = float(attrs["latitude"])
        zone_lon = float(attrs["longitude"])
        radius = float(attrs.get("radius", DEFAULT_RADIUS))
    except (KeyError, TypeError, ValueError):
        return False
    return distance(latitude, longitude, zone_lat, zone_lon) - accuracy < radius


def active_zone(
    zones: Iterable[ZoneLike], latitude: float, longitude: float, accuracy: float = 0
) -> ZoneLike | None:
    """The closest non-passive zone containing the position (smallest radius on a tie)."""
    best: tuple[float, float] | None = None
    found = None
    for zone in zones:
        attrs = _attributes(zone)
        if attrs.get("passive") or not in_zone(zone, latitude, longitude, accuracy):
            continue
        key = (
            distance(latitude, longitude, float(attrs["latitude"]), float(attrs["longitude"])),
            float(attrs.get("radius", DEFAULT_RADIUS)),
        )
        if best is None or key < best:
            best, found = key, zone
    return found


def state_in_zone(zone: State | None, tracked: State | None) -> bool:
    """True when a tracked entity's state is inside `zone`: by its latitude/longitude (and
    gps_accuracy) attributes, or, without coordinates, by its state naming the zone."""
    if zone is None or tracked is None:
        return False
    attrs = tracked.attributes
    lat, lon = attrs.get("latitude"), attrs.get("longitude")
    if lat is None or lon is None:
        name = zone.attributes.get("friendly_name") or zone.object_id
        home = zone.entity_id == "zone.home" and tracked.state == "home"
        return home or tracked.state.lower() == str(name).lower()
    try:
        latitude, longitude = float(lat), float(lon)
        accuracy = float(attrs.get("gps_accuracy", 0) or 0)
    except (TypeError, ValueError):
        return False
    return in_zone(zone, latitude, longitude, accuracy)
