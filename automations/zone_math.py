"""Whether a tracked entity (latitude/longitude attributes) is inside a zone entity."""

from __future__ import annotations

import math

from hub.states import State

EARTH_RADIUS_M = 6371008.8


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def in_zone(zone: State | None, tracked: State | None) -> bool:
    """True when `tracked` is inside `zone` (its radius plus the GPS accuracy)."""
    if zone is None or tracked is None:
        return False
    attrs = tracked.attributes
    lat, lon = attrs.get("latitude"), attrs.get("longitude")
    if lat is None or lon is None:
        # No coordinates: a device_tracker/person state naming the zone counts as inside.
        name = zone.attributes.get("friendly_name") or zone.object_id
        home = zone.entity_id == "zone.home" and tracked.state == "home"
        return home or tracked.state.lower() == str(name).lower()
    zlat, zlon = zone.attributes.get("latitude"), zone.attributes.get("longitude")
    if zlat is None or zlon is None:
        return False
    radius = float(zone.attributes.get("radius", 100)) + float(attrs.get("gps_accuracy", 0) or 0)
    return distance_m(float(lat), float(lon), float(zlat), float(zlon)) <= radius
