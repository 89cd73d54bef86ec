"""User administration over websocket with Home Assistant's names (`config/auth/*`,
`config/auth_provider/homeassistant/*`) plus `auth/change_password` for the current user."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from ...auth import User, UserRole
from ...errors import NotFound, ValidationError
from ..access import AccessDenied
from ..permissions import Permission
from .connection import ActiveConnection
from .registry import command

# Home Assistant's group ids, mapped to Bastion's built-in roles.
GROUP_ADMIN = "system-admin"
GROUP_USERS = "system-users"
GROUP_READ_ONLY = "system-read-only"
_ROLE_OF_GROUP = {GROUP_ADMIN: UserRole.ADMIN, GROUP_USERS: UserRole.USER}

NAME = vol.All(str, vol.Length(min=1, max=100))
SECRET = vol.All(str, vol.Length(min=1, max=1024))
ROLE = vol.In([role.value for role in UserRole])
ID_LIST = vol.All([vol.All(str, vol.Length(min=1, max=128))], vol.Length(max=64))


def user_dict(user: User) -> dict[str, Any]:
    """Home Assistant's `config/auth/list` user shape plus Bastion's role fields."""
    groups = [GROUP_ADMIN] if user.is_admin else [GROUP_USERS]
    return {
        "id": user.id,
        "username": user.username,
        "name": user.name,
        "is_owner": user.is_owner,
        "is_active": user.is_active,
        "local_only": False,
        "system_generated": user.system_generated,
        "group_ids": groups,
        "credentials": [{"type": "homeassistant"}] if user.username else [],
        "role": user.role.value,
        "role_ids": list(user.role_ids),
        "mfa_enabled": user.mfa_enabled,
    }


def _role_from(msg: dict[str, Any]) -> UserRole | None:
    if msg.get("role") is not None:
        return UserRole(msg["role"])
    for group in msg.get("group_ids") or ():
        if group in _ROLE_OF_GROUP:
            return _ROLE_OF_GROUP[group]
    return None


def _check_owner_change(conn: ActiveConnection, role: UserRole | None, target: User) -> None:
    # Only an owner makes owners or changes an owner; an admin cannot lift anyone above itself.
    touches_owner = role is UserRole.OWNER or target.is_owner
    if touches_owner and not conn.user.is_owner:
        raise AccessDenied(
            "Only an owner can grant or change the owner role",
            permission="owner",
            targets=f"user:{target.id}",
        )


def _user(conn: ActiveConnection, user_id: str) -> User:
    user = conn.api.auth.get_user(user_id)
    if user is None:
        raise NotFound("User not found")
    return user


@command("config/auth/list", {}, Permission.ADMIN)
def auth_list(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    conn.send_result(msg["id"], [user_dict(u) for u in conn.api.auth.list_users()])


@command(
    "config/auth/create",
    {
        vol.Required("name"): NAME,
        vol.Optional("group_ids"): vol.Any(None, ID_LIST),
        vol.Optional("local_only"): vol.Any(None, bool),
        vol.Optional("role"): ROLE,
        vol.Optional("role_ids", default=[]): ID_LIST,
        vol.Optional("is_active", default=True): bool,
    },
    Permission.ADMIN,
)
async def auth_create(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """A user without credentials; `config/auth_provider/homeassistant/create` adds them."""
    role = _role_from(msg) or UserRole.USER
    if role is UserRole.OWNER and not conn.user.is_owner:
        raise AccessDenied("Only an owner can create owners", permission="owner")
    user = await conn.api.auth.create_user(
        msg["name"],
        role=role,
        role_ids=msg["role_ids"],
        is_active=msg["is_active"],
        context=conn.context(msg),
    )
    conn.send_result(msg["id"], {"user": user_dict(user)})


@command(
    "config/auth/update",
    {
        vol.Required("user_id"): str,
        vol.Optional("name"): NAME,
        vol.Optional("is_active"): bool,
        vol.Optional("group_ids"): vol.Any(None, ID_LIST),
        vol.Optional("local_only"): vol.Any(None, bool),
        vol.Optional("role"): ROLE,
        vol.Optional("role_ids"): ID_LIST,
    },
    Permission.ADMIN,
)
async def auth_update(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Change name, activation, built-in role (or HA group) and custom role ids."""
    target = _user(conn, msg["user_id"])
    role = _role_from(msg)
    _check_owner_change(conn, role, target)
    if target.id == conn.user.id and msg.get("is_active") is False:
        raise ValidationError("You cannot deactivate your own account")
    user = await conn.api.auth.update_user(
        target.id,
        name=msg.get("name"),
        role=role,
        role_ids=msg.get("role_ids"),
        is_active=msg.get("is_active"),
        context=conn.context(msg),
    )
    conn.send_result(msg["id"], {"user": user_dict(user)})


@command("config/auth/delete", {vol.Required("user_id"): str}, Permission.ADMIN)
async def auth_delete(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    target = _user(conn, msg["user_id"])
    if target.id == conn.user.id:
        raise ValidationError("Unable to remove your own account")
    _check_owner_change(conn, None, target)
    await conn.api.auth.remove_user(target.id, context=conn.context(msg))
    conn.send_result(msg["id"])


@command(
    "config/auth_provider/homeassistant/create",
    {
        vol.Required("user_id"): str,
        vol.Required("username"): vol.All(str, vol.Length(min=1, max=64)),
        vol.Required("password"): SECRET,
    },
    Permission.ADMIN,
)
async def provider_create(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Give a user created by `config/auth/create` a username and password."""
    target = _user(conn, msg["user_id"])
    _check_owner_change(conn, None, target)
    await conn.api.auth.add_credentials(
        target.id, msg["username"].strip().lower(), msg["password"], context=conn.context(msg)
    )
    conn.send_result(msg["id"])


_CHANGE_PASSWORD = {
    vol.Required("current_password"): SECRET,
    vol.Required("new_password"): SECRET,
}


@command("config/auth_provider/homeassistant/change_password", _CHANGE_PASSWORD, Permission.READ)
async def provider_change_password(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """The current user's password; other sessions are signed out, this one stays."""
    if conn.token.scope is not None:
        raise AccessDenied(
            "A scoped token cannot change the password", permission="admin", targets="password"
        )
    await conn.api.auth.set_password(
        conn.user.id,
        msg["new_password"],
        current_password=msg["current_password"],
        keep_token_id=conn.token.id,
        context=conn.context(msg),
    )
    conn.send_result(msg["id"])


@command("auth/change_password", _CHANGE_PASSWORD, Permission.READ)
async def change_password(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    await provider_change_password(conn, msg)


@command(
    "config/auth_provider/homeassistant/admin_change_password",
    {vol.Required("user_id"): str, vol.Required("password"): SECRET},
    Permission.ADMIN,
)
async def admin_change_password(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Set another user's password (all of that user's sessions end)."""
    target = _user(conn, msg["user_id"])
    _check_owner_change(conn, None, target)
    keep = conn.token.id if target.id == conn.user.id else None
    await conn.api.auth.set_password(
        target.id, msg["password"], keep_token_id=keep, context=conn.context(msg)
    )
    conn.send_result(msg["id"])
