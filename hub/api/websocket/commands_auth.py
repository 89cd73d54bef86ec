"""Account commands: current user, long-lived tokens, sessions (refresh tokens)."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from ...auth import TokenScope, TokenType, User
from ...errors import NotFound
from ..access import AccessDenied
from ..permissions import Permission
from .connection import ActiveConnection
from .registry import command

MAX_LIFESPAN_DAYS = 3650
_IDS = vol.All([vol.All(str, vol.Length(min=1, max=128))], vol.Length(max=256))
SCOPE = vol.Schema(
    {
        vol.Optional("read_only", default=False): bool,
        vol.Optional("areas", default=[]): _IDS,
        vol.Optional("entity_ids", default=[]): _IDS,
    }
)


def _token_owner(conn: ActiveConnection, user_id: str | None) -> User:
    if not user_id or user_id == conn.user.id:
        return conn.user
    if not conn.is_admin:
        raise AccessDenied(
            "Listing other users' tokens needs admin rights",
            permission="admin",
            targets=f"user:{user_id}",
        )
    user = conn.api.auth.get_user(user_id)
    if user is None:
        raise NotFound("User not found")
    return user


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
        vol.Optional("scope"): vol.Any(None, SCOPE),
        vol.Optional("user_id"): vol.Any(None, str),
    },
    Permission.CONTROL,
)
async def long_lived_access_token(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Create a long-lived token (optionally scoped: read-only and/or some areas/entities);
    admins may create one for another user with `user_id`. The token is returned once."""
    if conn.token.token_type is not TokenType.NORMAL or conn.token.scope is not None:
        raise AccessDenied(
            "Long-lived tokens can only be created from a login session",
            permission="control",
            targets="token",
        )
    auth = conn.api.auth
    user = conn.user
    if msg.get("user_id") and msg["user_id"] != user.id:
        if not conn.is_admin:
            raise AccessDenied(
                "Creating tokens for other users needs admin rights",
                permission="admin",
                targets=f"user:{msg['user_id']}",
            )
        found = auth.get_user(msg["user_id"])
        if found is None:
            raise NotFound("User not found")
        user = found
    raw = msg.get("scope")
    scope = TokenScope.from_dict(raw) if raw else None
    token = await auth.create_long_lived_token(
        user,
        msg["client_name"],
        msg["lifespan"],
        client_icon=msg.get("client_icon"),
        scope=scope,
        context=conn.context(msg),
    )
    conn.send_result(msg["id"], token)


@command("auth/refresh_tokens", {vol.Optional("user_id"): vol.Any(None, str)}, Permission.READ)
def refresh_tokens(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Sessions and long-lived tokens with last use (time, IP), client name, scope, expiry;
    admins may list another user's with `user_id`."""
    user = _token_owner(conn, msg.get("user_id"))
    tokens = conn.api.auth.list_refresh_tokens(user)
    conn.send_result(
        msg["id"],
        [{**t.public_dict(), "is_current": t.id == conn.token.id} for t in tokens],
    )


@command("auth/delete_refresh_token", {vol.Required("refresh_token_id"): str}, Permission.CONTROL)
async def delete_refresh_token(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Revoke one of the user's own sessions or tokens (admins: anyone's)."""
    auth = conn.api.auth
    token = auth.get_refresh_token(msg["refresh_token_id"])
    if token is None or (token.user_id != conn.user.id and not conn.is_admin):
        raise NotFound("Refresh token not found")
    await auth.revoke(token.id, context=conn.context(msg))
    conn.send_result(msg["id"])
