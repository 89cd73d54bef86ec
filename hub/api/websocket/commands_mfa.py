"""The current user's TOTP second factor: `auth/mfa/setup`, `auth/mfa/confirm`,
`auth/mfa/disable` (from a login session only, never from a long-lived or scoped token)."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from ...auth import TokenType
from ...errors import AuthFailed, ValidationError
from ..access import AccessDenied
from ..permissions import Permission
from .connection import ActiveConnection
from .registry import command

CODE = vol.All(str, vol.Length(min=1, max=64))


def _require_session(conn: ActiveConnection) -> None:
    token = conn.token
    if token.token_type is not TokenType.NORMAL or token.scope is not None:
        raise AccessDenied(
            "Multi-factor settings can only be changed from a login session",
            permission="mfa",
            targets=f"user:{conn.user.id}",
        )


@command("auth/mfa/setup", {}, Permission.READ)
def mfa_setup(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """A new TOTP secret to scan (`provisioning_uri`, an otpauth:// URI); not active yet."""
    _require_session(conn)
    if conn.user.mfa_enabled:
        raise ValidationError("Multi-factor authentication is already enabled")
    setup = conn.api.auth.begin_mfa_setup(conn.user)
    conn.send_result(
        msg["id"], {"provisioning_uri": setup.provisioning_uri, "secret": setup.secret}
    )


@command("auth/mfa/confirm", {vol.Required("code"): CODE}, Permission.READ)
async def mfa_confirm(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Enable TOTP with a code from the app; answers the recovery codes (shown once)."""
    _require_session(conn)
    codes = await conn.api.auth.confirm_mfa_setup(
        conn.user, msg["code"].strip(), context=conn.context(msg)
    )
    conn.send_result(msg["id"], {"recovery_codes": codes})


@command("auth/mfa/disable", {vol.Required("code"): CODE}, Permission.READ)
async def mfa_disable(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Turn TOTP off, proven by a current code or a recovery code; refused where required."""
    _require_session(conn)
    auth = conn.api.auth
    user = auth.get_user(conn.user.id) or conn.user
    if not user.mfa_enabled:
        raise ValidationError("Multi-factor authentication is not enabled")
    if user.role in auth.require_mfa_for:
        raise AccessDenied(
            f"Multi-factor authentication is required for the {user.role.value} role",
            permission="mfa",
            targets=f"user:{user.id}",
        )
    if not await auth.verify_mfa(user, msg["code"].strip()):
        raise AuthFailed("Invalid code")
    await auth.disable_mfa(user, context=conn.context(msg))
    conn.send_result(msg["id"])
