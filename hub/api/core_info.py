"""Read-only descriptions of the hub shared by REST and websocket: config, services, panels."""

from __future__ import annotations

from typing import Any

from ..runtime import Hub

VERSION = "2026.1.0"

_METRIC_UNITS = {
    "length": "km",
    "accumulated_precipitation": "mm",
    "area": "m²",
    "mass": "g",
    "pressure": "Pa",
    "temperature": "°C",
    "volume": "L",
    "wind_speed": "m/s",
}
_US_UNITS = {
    "length": "mi",
    "accumulated_precipitation": "in",
    "area": "ft²",
    "mass": "lb",
    "pressure": "psi",
    "temperature": "°F",
    "volume": "gal",
    "wind_speed": "mph",
}


def core_config(hub: Hub) -> dict[str, Any]:
    """The `get_config` / `GET /api/config` shape."""
    core = hub.core_config
    us = str(getattr(core, "unit_system", "metric")) == "us_customary"
    return {
        "latitude": getattr(core, "latitude", 0.0),
        "longitude": getattr(core, "longitude", 0.0),
        "elevation": getattr(core, "elevation", 0),
        "radius": 100,
        "unit_system": _US_UNITS if us else _METRIC_UNITS,
        "location_name": getattr(core, "name", "Home"),
        "time_zone": str(hub.time_zone),
        "components": components(hub),
        "config_dir": str(hub.config_dir),
        "allowlist_external_dirs": list(getattr(core, "allowlist_external_dirs", ())),
        "allowlist_external_urls": [],
        "version": VERSION,
        "config_source": "yaml",
        "recovery_mode": False,
        "safe_mode": False,
        "state": str(hub.state),
        "external_url": getattr(core, "external_url", None),
        "internal_url": getattr(core, "internal_url", None),
        "currency": getattr(core, "currency", "EUR"),
        "country": getattr(core, "country", None),
        "language": getattr(core, "language", "en"),
    }


def components(hub: Hub) -> list[str]:
    """Loaded integrations plus core parts (http, recorder, auth...)."""
    return sorted(set(hub.loader.components()) | set(hub.parts) | {"homeassistant", "api"})


def services(hub: Hub) -> dict[str, dict[str, Any]]:
    """`{domain: {service: {name, description, fields[, response]}}}`."""
    result: dict[str, dict[str, Any]] = {}
    for domain, items in hub.services.services().items():
        described: dict[str, Any] = {}
        for name, service in items.items():
            desc = dict(service.description)
            entry: dict[str, Any] = {
                "name": desc.get("name", name.replace("_", " ").capitalize()),
                "description": desc.get("description", ""),
                "fields": desc.get("fields", {}),
            }
            if "target" in desc:
                entry["target"] = desc["target"]
            if service.supports_response.value != "none":
                entry["response"] = {"optional": service.supports_response.value == "optional"}
            described[name] = entry
        result[domain] = described
    return result


def panels(is_admin: bool) -> dict[str, Any]:
    """Frontend panels this user may open."""
    items = {
        "lovelace": {
            "component_name": "lovelace",
            "icon": None,
            "title": None,
            "config": {"mode": "storage"},
            "url_path": "lovelace",
            "require_admin": False,
            "config_panel_domain": None,
        },
        "history": {
            "component_name": "history",
            "icon": "mdi:chart-box",
            "title": "history",
            "config": None,
            "url_path": "history",
            "require_admin": False,
            "config_panel_domain": None,
        },
    }
    if is_admin:
        items["config"] = {
            "component_name": "config",
            "icon": "mdi:cog",
            "title": "config",
            "config": None,
            "url_path": "config",
            "require_admin": True,
            "config_panel_domain": None,
        }
    return items
