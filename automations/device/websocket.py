"""The websocket commands the automation editor uses to offer a device's triggers, conditions
and actions: `device_automation/{trigger,condition,action}/list` with `{device_id}`.

Answers are Home Assistant's shapes; `entity_id` is the entity-registry id. Users who are not
admins get only the items of entities they may read.
"""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from hub.api import ActiveConnection, Permission
from hub.errors import NotFound
from hub.integration import IntegrationContext

from . import ACTIONS, CONDITIONS, TRIGGERS, TypeTable
from .resolve import registry_id

_SCHEMA = {vol.Required("device_id"): vol.All(str, vol.Length(min=1, max=255))}
# kind → (its table, the key that marks the item's kind in automation YAML)
_KINDS: dict[str, tuple[TypeTable[Any], dict[str, str]]] = {
    "trigger": (TRIGGERS, {"trigger": "device"}),
    "condition": (CONDITIONS, {"condition": "device"}),
    "action": (ACTIONS, {}),
}


def register(ctx: IntegrationContext) -> None:
    """Add the three list commands (owned by `ctx`, so removed when it unloads)."""
    for kind in _KINDS:
        ctx.register_command(
            f"device_automation/{kind}/list", _SCHEMA, _lister(kind), Permission.READ
        )


def items_for_device(hub: Any, device_id: str, kind: str, can_read: Any) -> list[dict[str, Any]]:
    """Every `kind` item the entities of the device offer (of the entities `can_read` allows)."""
    registries = hub.registries
    if registries.devices.get(device_id) is None:
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
    return items


def _lister(kind: str) -> Any:
    def handler(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        conn.send_result(
            msg["id"], items_for_device(conn.hub, msg["device_id"], kind, conn.can_read)
        )

    handler.__doc__ = f"The device's {kind}s an automation may use."
    return handler
