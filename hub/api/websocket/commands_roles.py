"""Bastion role/policy administration: `bastion/roles/list|create|update|delete` (admin)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time
from typing import Any

import voluptuous as vol

from ...auth import Grant, Policy, Role, TimeWindow
from ...auth.permissions import PERMISSIONS
from ...context import ulid
from ...errors import NotFound, ValidationError
from ..permissions import Permission
from .connection import ActiveConnection
from .registry import command

MAX_ITEMS = 256
_ID = vol.All(str, vol.Length(min=1, max=128))
_IDS = vol.All([_ID], vol.Length(max=MAX_ITEMS))
_GRANT_PERMISSIONS = [p for p in PERMISSIONS if p != "admin"]


def _time(value: Any) -> time:
    try:
        return time.fromisoformat(str(value))
    except ValueError as err:
        raise vol.Invalid(f"invalid time {value!r}, use HH:MM") from err


def _datetime(value: Any) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as err:
        raise vol.Invalid(f"invalid date/time {value!r}, use ISO 8601") from err
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


GRANT = vol.Schema(
    {
        vol.Required("permissions"): vol.All(
            [vol.In(_GRANT_PERMISSIONS)], vol.Length(min=1, max=3)
        ),
        **{
            vol.Optional(key, default=[]): _IDS
            for key in ("areas", "floors", "labels", "devices", "domains", "entity_ids")
        },
    }
)
WINDOW = vol.Schema(
    {
        vol.Optional("weekdays", default=list(range(7))): vol.All(
            [vol.All(int, vol.Range(min=0, max=6))], vol.Length(min=1, max=7)
        ),
        vol.Optional("start", default="00:00"): _time,
        vol.Optional("end", default="00:00"): _time,
        vol.Optional("time_zone"): vol.All(str, vol.Length(max=64)),
    }
)
POLICY = vol.Schema(
    {
        vol.Optional("id"): _ID,
        vol.Optional("name", default=""): vol.All(str, vol.Length(max=100)),
        vol.Required("grants"): vol.All([GRANT], vol.Length(max=MAX_ITEMS)),
        vol.Optional("windows", default=[]): vol.All([WINDOW], vol.Length(max=32)),
        vol.Optional("expires_at"): vol.Any(None, _datetime),
    }
)
POLICIES = vol.All([POLICY], vol.Length(max=MAX_ITEMS))
NAME = vol.All(str, vol.Length(min=1, max=100))


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return slug[:64] or ulid().lower()


def _policies(conn: ActiveConnection, raw: list[dict[str, Any]]) -> tuple[Policy, ...]:
    """Typed policies; time windows default to the hub's time zone."""
    default_tz = getattr(conn.hub.time_zone, "key", "UTC")
    policies = []
    for index, item in enumerate(raw):
        windows = tuple(
            TimeWindow(
                weekdays=frozenset(w["weekdays"]),
                start=w["start"],
                end=w["end"],
                time_zone=w.get("time_zone") or default_tz,
            )
            for w in item["windows"]
        )
        grants = tuple(
            Grant(
                permissions=frozenset(g["permissions"]),
                **{k: frozenset(v) for k, v in g.items() if k != "permissions"},
            )
            for g in item["grants"]
        )
        policies.append(
            Policy(
                id=item.get("id") or f"p{index + 1}",
                name=item["name"],
                grants=grants,
                windows=windows,
                expires_at=item.get("expires_at"),
            )
        )
    return tuple(policies)


def _role_dict(conn: ActiveConnection, role: Role) -> dict[str, Any]:
    users = [u.id for u in conn.api.auth.list_users() if role.id in u.role_ids]
    return {**role.as_dict(), "user_ids": users}


@command("bastion/roles/list", {}, Permission.ADMIN)
def roles_list(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    conn.send_result(msg["id"], [_role_dict(conn, r) for r in conn.api.auth.list_roles()])


@command(
    "bastion/roles/create",
    {
        vol.Optional("role_id"): vol.All(str, vol.Match(r"^[a-z0-9_]{1,64}$")),
        vol.Required("name"): NAME,
        vol.Optional("policies", default=[]): POLICIES,
    },
    Permission.ADMIN,
)
async def roles_create(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    auth = conn.api.auth
    role_id = msg.get("role_id") or _slug(msg["name"])
    if auth.get_role(role_id) is not None:
        raise ValidationError(f"Role {role_id!r} already exists")
    role = Role(id=role_id, name=msg["name"], policies=_policies(conn, msg["policies"]))
    await auth.set_role(role, context=conn.context(msg))
    conn.send_result(msg["id"], _role_dict(conn, role))


@command(
    "bastion/roles/update",
    {
        vol.Required("role_id"): _ID,
        vol.Optional("name"): NAME,
        vol.Optional("policies"): POLICIES,
    },
    Permission.ADMIN,
)
async def roles_update(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Rename a role and/or replace its policies (effective at once, open sessions included)."""
    auth = conn.api.auth
    current = auth.get_role(msg["role_id"])
    if current is None:
        raise NotFound(f"Role {msg['role_id']} not found")
    policies = _policies(conn, msg["policies"]) if "policies" in msg else current.policies
    role = Role(id=current.id, name=msg.get("name", current.name), policies=policies)
    await auth.set_role(role, context=conn.context(msg))
    conn.send_result(msg["id"], _role_dict(conn, role))


@command("bastion/roles/delete", {vol.Required("role_id"): _ID}, Permission.ADMIN)
async def roles_delete(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    await conn.api.auth.remove_role(msg["role_id"], context=conn.context(msg))
    conn.send_result(msg["id"])
