"""Entity, device, area, floor and label registry commands (list for users, edit for admins)."""

from __future__ import annotations

import dataclasses
from typing import Any

import voluptuous as vol

from ...errors import NotFound
from ..permissions import Permission
from .connection import ActiveConnection
from .registry import command

NAME = vol.All(str, vol.Length(min=1, max=128))
OPT_STR = vol.Any(None, vol.All(str, vol.Length(max=256)))
STR_LIST = vol.All([vol.All(str, vol.Length(max=128))], vol.Length(max=256))
BY_USER = vol.Any(None, "user")


def area_dict(entry: Any) -> dict[str, Any]:
    data = dataclasses.asdict(entry)
    data["area_id"] = data.pop("id")
    return data


def floor_dict(entry: Any) -> dict[str, Any]:
    data = dataclasses.asdict(entry)
    data["floor_id"] = data.pop("id")
    return data


def label_dict(entry: Any) -> dict[str, Any]:
    data = dataclasses.asdict(entry)
    data["label_id"] = data.pop("id")
    return data


def _changes(msg: dict[str, Any], *skip: str) -> dict[str, Any]:
    return {k: v for k, v in msg.items() if k not in ("id", "type", *skip)}


# -- entities --------------------------------------------------------------------------------
@command("config/entity_registry/list", {}, Permission.READ)
def entity_list(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    entries = conn.hub.registries.entities
    admin = conn.is_admin
    conn.send_result(
        msg["id"], [e.as_dict() for e in entries if admin or conn.can_read(e.entity_id)]
    )


@command("config/entity_registry/get", {vol.Required("entity_id"): str}, Permission.READ)
def entity_get(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    entry = conn.hub.registries.entities.get(msg["entity_id"])
    if entry is None or not conn.can_read(entry.entity_id):
        raise NotFound("Entity not found")
    conn.send_result(msg["id"], entry.as_dict())


@command(
    "config/entity_registry/update",
    {
        vol.Required("entity_id"): str,
        vol.Optional("name"): OPT_STR,
        vol.Optional("icon"): OPT_STR,
        vol.Optional("area_id"): OPT_STR,
        vol.Optional("device_class"): OPT_STR,
        vol.Optional("labels"): STR_LIST,
        vol.Optional("disabled_by"): BY_USER,
        vol.Optional("hidden_by"): BY_USER,
        vol.Optional("new_entity_id"): str,
        vol.Optional("options"): dict,
    },
    Permission.ADMIN,
)
def entity_update(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    registries = conn.hub.registries
    if msg.get("area_id") and registries.areas.get(msg["area_id"]) is None:
        raise NotFound(f"Area {msg['area_id']} not found")
    changes = _changes(msg, "entity_id", "new_entity_id")
    entry = registries.entities.update(
        msg["entity_id"], new_entity_id=msg.get("new_entity_id"), **changes
    )
    conn.send_result(msg["id"], {"entity_entry": entry.as_dict()})


@command("config/entity_registry/remove", {vol.Required("entity_id"): str}, Permission.ADMIN)
def entity_remove(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    entities = conn.hub.registries.entities
    if entities.get(msg["entity_id"]) is None:
        raise NotFound("Entity not found")
    entities.remove(msg["entity_id"])
    conn.send_result(msg["id"])


# -- devices ---------------------------------------------------------------------------------
@command("config/device_registry/list", {}, Permission.READ)
def device_list(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """All devices for admins; for others the ones they may see (see visibility.py)."""
    devices = list(conn.hub.registries.devices)
    if not conn.is_admin:
        visible = conn.visible().devices
        devices = [d for d in devices if d.id in visible]
    conn.send_result(msg["id"], [d.as_dict() for d in devices])


@command(
    "config/device_registry/update",
    {
        vol.Required("device_id"): str,
        vol.Optional("area_id"): OPT_STR,
        vol.Optional("name_by_user"): OPT_STR,
        vol.Optional("labels"): STR_LIST,
        vol.Optional("disabled_by"): BY_USER,
    },
    Permission.ADMIN,
)
def device_update(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    registries = conn.hub.registries
    if msg.get("area_id") and registries.areas.get(msg["area_id"]) is None:
        raise NotFound(f"Area {msg['area_id']} not found")
    device = registries.devices.update(msg["device_id"], **_changes(msg, "device_id"))
    conn.send_result(msg["id"], device.as_dict())


# -- areas, floors, labels -------------------------------------------------------------------
_AREA_FIELDS = {
    vol.Optional("floor_id"): OPT_STR,
    vol.Optional("icon"): OPT_STR,
    vol.Optional("picture"): OPT_STR,
    vol.Optional("aliases"): STR_LIST,
    vol.Optional("labels"): STR_LIST,
}
_FLOOR_FIELDS = {
    vol.Optional("level"): vol.Any(None, int),
    vol.Optional("icon"): OPT_STR,
    vol.Optional("aliases"): STR_LIST,
}
_LABEL_FIELDS = {
    vol.Optional("color"): OPT_STR,
    vol.Optional("icon"): OPT_STR,
    vol.Optional("description"): OPT_STR,
}
_NAMED = (
    ("area", "areas", area_dict, _AREA_FIELDS),
    ("floor", "floors", floor_dict, _FLOOR_FIELDS),
    ("label", "labels", label_dict, _LABEL_FIELDS),
)


def _named_commands(kind: str, attr: str, to_dict: Any, fields: dict[Any, Any]) -> list[Any]:
    key = f"{kind}_id"

    def registry(conn: ActiveConnection) -> Any:
        return getattr(conn.hub.registries, attr)

    @command(f"config/{kind}_registry/list", {}, Permission.READ)
    def list_entries(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        """All entries for admins; for others the ones they may see (see visibility.py)."""
        entries = list(registry(conn))
        if not conn.is_admin:
            visible = getattr(conn.visible(), attr)
            entries = [e for e in entries if e.id in visible]
        conn.send_result(msg["id"], [to_dict(e) for e in entries])

    @command(
        f"config/{kind}_registry/create", {vol.Required("name"): NAME, **fields}, Permission.ADMIN
    )
    def create(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        entry = registry(conn).create(msg["name"], **_changes(msg, "name"))
        conn.send_result(msg["id"], to_dict(entry))

    @command(
        f"config/{kind}_registry/update",
        {vol.Required(key): str, vol.Optional("name"): NAME, **fields},
        Permission.ADMIN,
    )
    def update(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        entry = registry(conn).update(msg[key], **_changes(msg, key))
        conn.send_result(msg["id"], to_dict(entry))

    @command(f"config/{kind}_registry/delete", {vol.Required(key): str}, Permission.ADMIN)
    def delete(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        if registry(conn).get(msg[key]) is None:
            raise NotFound(f"{kind.capitalize()} {msg[key]} not found")
        registry(conn).delete(msg[key])
        conn.send_result(msg["id"])

    return [list_entries, create, update, delete]


# Module-level names so `install()` finds them like the hand-written commands above.
for _kind, _attr, _to_dict, _fields in _NAMED:
    for _func in _named_commands(_kind, _attr, _to_dict, _fields):
        globals()[f"{_kind}_{_func.__name__}"] = _func
