"""Account commands: current user, long-lived tokens, sessions (refresh tokens)."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from ...auth import TokenType
from ...errors import NotFound, Unauthorized
from ..permissions import Permission
from .connection import ActiveConnection
from .registry import command

MAX_LIFESPAN_DAYS = 3650


@command("auth/current_user", {}, Permission.READ)
def current_user(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    user = conn.user
    conn.send_result(
        msg["id"],
        {
            "id": user.id,
            "name": user.name,
            "username": user.username,
            "is_owner": user.is_owner,
            "is_admin": user.is_admin,
            "role": user.role.value,
            "credentials": [{"auth_provider_type": "homeassistant", "auth_provider_id": None}],
            "mfa_modules": [
                {"id": "totp", "name": "Authenticator app", "enabled": user.mfa_enabled}
            ],
        },
    )


@command(
    "auth/long_lived_access_token",
    {
        vol.Required("client_name"): vol.All(str, vol.Length(min=1, max=128)),
        vol.Required("lifespan"): vol.All(int, vol.Range(min=1, max=MAX_LIFESPAN_DAYS)),
        vol.Optional("client_icon"): vol.Any(None, vol.All(str, vol.Length(max=128))),
    },
    Permission.CONTROL,
)
async def long_lived_access_token(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Create a long-lived token for the current user; the token is returned once."""
    if conn.token.token_type is not TokenType.NORMAL:
        raise Unauthorized("Long-lived tokens can only be created from a login session")
    token = await conn.api.auth.create_long_lived_token(
        conn.user,
        msg["client_name"],
        msg["lifespan"],
        client_icon=msg.get("client_icon"),
        context=conn.context(msg),
    )
    conn.send_result(msg["id"], token)


@command("auth/refresh_tokens", {}, Permission.READ)
def refresh_tokens(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    tokens = conn.api.auth.list_refresh_tokens(conn.user)
    conn.send_result(
        msg["id"],
        [{**t.public_dict(), "is_current": t.id == conn.token.id} for t in tokens],
    )


@command("auth/delete_refresh_token", {vol.Required("refresh_token_id"): str}, Permission.CONTROL)
async def delete_refresh_token(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Revoke one of the user's own sessions or tokens."""
    auth = conn.api.auth
    token = auth.get_refresh_token(msg["refresh_token_id"])
    if token is None or token.user_id != conn.user.id:
        raise NotFound("Refresh token not found")
    await auth.revoke(token.id, context=conn.context(msg))
    conn.send_result(msg["id"])
