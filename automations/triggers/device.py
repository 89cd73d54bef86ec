"""Device trigger: a type registered for the entity domain (see automations.device) fires.

The entity is resolved through the entity registry when the trigger attaches, so a registry id
keeps working after the entity is renamed. Trigger data is the underlying trigger's with
`platform: device` and the device's `device_id`, `domain` and `type`.
"""

from __future__ import annotations

import inspect
import logging
from typing import Any

import voluptuous as vol

from .. import device
from ..device.resolve import DeviceReferenceError, resolve
from ..host import Host, Unsubscribe
from . import FireCallback, TriggerInfo

_LOGGER = logging.getLogger(__name__)
# The keys every trigger has (checked by the common trigger schema before `validate`).
_COMMON = {"trigger", "id", "alias", "enabled", "variables"}

SCHEMA = {**device.DEVICE_KEYS, vol.Extra: object}  # the type's own keys: see validate


def validate(config: dict[str, Any]) -> dict[str, Any]:
    return device.validate(device.TRIGGERS, config, _COMMON)


async def attach(
    host: Host, config: dict[str, Any], fire: FireCallback, info: TriggerInfo
) -> Unsubscribe:
    kind = device.TRIGGERS.get(config["domain"], config["type"])
    if kind is None:  # its integration was unloaded since validation
        raise ValueError(f"device trigger type {config['domain']}.{config['type']} is gone")
    try:
        entity_id = resolve(host.registries, config)
    except DeviceReferenceError as err:
        _LOGGER.error("%s: device trigger %d not attached: %s", info.name, info.index, err)
        return lambda: None
    resolved = dict(config)
    if entity_id is not None:
        resolved["entity_id"] = entity_id
    extra = {"device_id": config["device_id"], "domain": config["domain"], "type": config["type"]}
    description = f"device trigger {config['type']} of {entity_id or config['device_id']}"

    def fire_device(data: dict[str, Any], context: Any) -> None:
        fire({**data, **extra, "platform": "device", "description": description}, context)

    remove = kind.attach(host, resolved, fire_device, info)
    if inspect.isawaitable(remove):
        remove = await remove
    return remove
