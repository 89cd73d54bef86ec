"""Trigger platforms: a registry of modules with `SCHEMA` and `attach(host, config, fire, info)`.

A platform module provides:
  SCHEMA: dict       voluptuous keys for its options (the common ones are added for it)
  validate(config)   optional extra check/normalisation after the schema
  attach(host, config, fire, info) -> unsubscribe
      calls `fire(trigger_data: dict, context: Context | None)` when it triggers.
Integrations add platforms (MQTT...) with `register_trigger_platform`; device trigger types
per entity domain go through `automations.device.register_trigger_type`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from hub.context import Context

FireCallback = Callable[[dict[str, Any], Context | None], None]

_BUILTIN = (
    "state",
    "numeric_state",
    "event",
    "homeassistant",
    "time",
    "time_pattern",
    "sun",
    "template",
    "zone",
    "tag",
    "webhook",
    "persistent_notification",
    "device",
)
_PLATFORMS: dict[str, Any] = {}


@dataclass(slots=True)
class TriggerInfo:
    """What a platform knows about the automation it serves."""

    name: str
    item_id: str
    index: int
    variables: dict[str, Any] = field(default_factory=dict)
    persist: bool = True  # keep `for:` deadlines across restarts


def register_trigger_platform(name: str, module: Any) -> Callable[[], None]:
    """Add (or replace) a trigger platform; returns a function that removes it."""
    _PLATFORMS[name] = module

    def remove() -> None:
        if _PLATFORMS.get(name) is module:
            del _PLATFORMS[name]

    return remove


def get_platform(name: str) -> Any | None:
    """The platform module for `name` (built-ins imported on first use)."""
    module = _PLATFORMS.get(name)
    if module is None and name in _BUILTIN:
        module = importlib.import_module(f"{__name__}.{name}")
        _PLATFORMS[name] = module
    return module


def platform_names() -> list[str]:
    return sorted(set(_BUILTIN) | set(_PLATFORMS))


__all__ = [
    "FireCallback",
    "ModuleType",
    "TriggerInfo",
    "get_platform",
    "platform_names",
    "register_trigger_platform",
]
