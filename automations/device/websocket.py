"""The websocket commands the automation editor uses for device triggers, conditions and actions:

- `device_automation/{trigger,condition,action}/list` with `{device_id}`: what the device
  offers (its entities' types, and the device-level types of its integration);
- `device_automation/{trigger,condition,action}/capabilities` with `{trigger|condition|action:
  {...}}`: `{"extra_fields": [...]}`, the options of that item's type (capabilities.py), or `{}`
  when the type, device or entity is unknown or not the user's to read.

Answers are Home Assistant's shapes; `entity_id` is the entity-registry id. Users who are not
admins get only the items of entities they may read, and device-level items of devices they
may see (a read grant covers the device, or one of its entities is readable; see
hub/api/visibility.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import voluptuous as vol

from hub.api import ActiveConnection, Permission
from hub.auth import EntityInfo
from hub.errors import NotFound
from hub.integration import IntegrationContext
from hub.registry import DeviceEntry

from . import ACTIONS, CONDITIONS, DEVICE_KEYS, TRIGGERS, TypeTable
from .capabilities import extra_fields
from .resolve import DeviceReferenceError, registry_id, resolve

CanRead = Callable[[str], bool]
Covers = Callable[[EntityInfo], bool]

_SCHEMA = {vol.Required("device_id"): vol.All(str, vol.Length(min=1, max=255))}
# kind → (its table, the key that marks the item's kind in automation YAML)
_KINDS: dict[str, tuple[TypeTable[Any], dict[str, str]]] = {
    "trigger": (TRIGGERS, {"trigger": "device"}),
    "condition": (CONDITIONS, {"condition": "device"}),
    "action": (ACTIONS, {}),
}
_ITEM = vol.Schema(DEVICE_KEYS, extra=vol.ALLOW_EXTRA)


def register(ctx: IntegrationContext) -> None:
    """Add the list and capabilities commands (owned by `ctx`, so removed when it unloads)."""
    for kind in _KINDS:
        ctx.register_command(
            f"device_automation/{kind}/list", _SCHEMA, _lister(kind), Permission.READ
        )
        ctx.register_command(
            f"device_automation/{kind}/capabilities",
            {vol.Required(kind): _ITEM},
            _capabilities(kind),
            Permission.READ,
        )


def device_visible(registries: Any, device: DeviceEntry, can_read: CanRead, covers: Covers) -> bool:
    """A read grant covers the device (by id, area, floor or label) or one of its entities."""
    area = registries.areas.get(device.area_id) if device.area_id else None
    info = EntityInfo(
        "", "", device.id, device.area_id, area.floor_id if area else None, frozenset(device.labels)
    )
    if covers(info):
        return True
    return any(can_read(e.entity_id) for e in registries.entities.for_device(device.id))


def items_for_device(
    hub: Any, device_id: str, kind: str, can_read: CanRead, covers: Covers
) -> list[dict[str, Any]]:
    """Every `kind` item the device offers to a user with these rights."""
    registries = hub.registries
    device = registries.devices.get(device_id)
    if device is None:
        raise NotFound(f"Device {device_id} not found")
    table, marker = _KINDS[kind]
    items: list[dict[str, Any]] = []
    for entry in registries.entities.for_device(device_id):
        if entry.disabled or not can_read(entry.entity_id):
            continue
        state = hub.states.get(entry.entity_id)
        secondary = entry.entity_category is not None or entry.hidden_by is not None
        for item in table.of(entry.domain):
            if not item.needs_entity or not item.applies(entry, state):
                continue
            items.append(
                {
                    **marker,
                    "device_id": device_id,
                    "domain": entry.domain,
                    "entity_id": registry_id(entry),
                    "type": item.type,
                    "metadata": {"secondary": secondary},
                }
            )
    if device.disabled_by is None and device_visible(registries, device, can_read, covers):
        items.extend(_device_items(table, marker, device))
    return items


def _device_items(
    table: TypeTable[Any], marker: dict[str, str], device: DeviceEntry
) -> list[dict[str, Any]]:
    """The device-level items of the device's integration (types without an entity)."""
    items: list[dict[str, Any]] = []
    for item in table.of(device.integration):
        if item.needs_entity or not item.for_device(device):
            continue
        base = {**marker, "device_id": device.id, "domain": device.integration, "type": item.type}
        if item.subtypes is None:
            items.append({**base, "metadata": {}})
        else:
            items.extend({**base, "subtype": s, "metadata": {}} for s in item.subtypes(device))
    return items


def capabilities_of(
    hub: Any, kind: str, config: dict[str, Any], can_read: CanRead, covers: Covers
) -> dict[str, Any]:
    """`{"extra_fields": [...]}` for a device item, `{}` when the user may not see it."""
    table, _marker = _KINDS[kind]
    item = table.get(config["domain"], config["type"])
    if item is None:
        return {}
    registries = hub.registries
    try:
        entity_id = resolve(registries, config)
    except DeviceReferenceError:
        return {}
    if entity_id is not None:
        allowed = can_read(entity_id)
    elif item.needs_entity:
        allowed = False
    else:
        device = registries.devices.get(config["device_id"])
        allowed = device_visible(registries, device, can_read, covers)
    return {"extra_fields": extra_fields(item.schema)} if allowed else {}


def _lister(kind: str) -> Any:
    def handler(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        items = items_for_device(conn.hub, msg["device_id"], kind, conn.can_read, conn.covers)
        conn.send_result(msg["id"], items)

    handler.__doc__ = f"The device's {kind}s an automation may use."
    return handler


def _capabilities(kind: str) -> Any:
    def handler(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        answer = capabilities_of(conn.hub, kind, msg[kind], conn.can_read, conn.covers)
        conn.send_result(msg["id"], answer)

    handler.__doc__ = f"The options a device {kind} of this type takes (`extra_fields`)."
    return handler
