"""Refresh tokens (stored hashed, each with its own JWT key; access tokens: access_tokens.py)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from hub.context import ulid

from .permissions import TokenScope

ACCESS_TOKEN_LIFETIME = timedelta(minutes=30)
LONG_LIVED_DAYS = 3650
# A normal refresh token nobody used for this long stops working (renewed at every use).
REFRESH_TOKEN_IDLE_EXPIRY = timedelta(days=90)


class TokenType(StrEnum):
    NORMAL = "normal"
    LONG_LIVED = "long_lived_access_token"
    SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class RefreshToken:
    """One login session or long-lived token; its access tokens die with it."""

    id: str
    user_id: str
    token_type: TokenType
    created_at: datetime
    access_token_lifetime: timedelta
    token_hash: str = field(repr=False)  # sha256 of the refresh token value
    jwt_key: str = field(repr=False)
    client_id: str | None = None
    client_name: str | None = None
    client_icon: str | None = None
    last_used_at: datetime | None = None
    last_used_ip: str | None = None
    expire_at: datetime | None = None
    scope: TokenScope | None = None

    def public_dict(self) -> dict[str, Any]:
        """The API form: no hash, no key."""
        return {
            "id": self.id,
            "user_id": self.user_id,
            "type": self.token_type.value,
            "client_id": self.client_id,
            "client_name": self.client_name,
            "client_icon": self.client_icon,
            "created_at": self.created_at.isoformat(),
            "last_used_at": self.last_used_at.isoformat() if self.last_used_at else None,
            "last_used_ip": self.last_used_ip,
            "expire_at": self.expire_at.isoformat() if self.expire_at else None,
            "scope": self.scope.as_dict() if self.scope else None,
        }

    def as_dict(self) -> dict[str, Any]:
        """The stored form."""
        data = self.public_dict()
        data["access_token_lifetime"] = self.access_token_lifetime.total_seconds()
        data["token_hash"] = self.token_hash
        data["jwt_key"] = self.jwt_key
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RefreshToken:
        def when(key: str) -> datetime | None:
            value = data.get(key)
            return datetime.fromisoformat(value) if value else None

        created = when("created_at")
        assert created is not None
        return cls(
            id=data["id"],
            user_id=data["user_id"],
            token_type=TokenType(data["type"]),
            created_at=created,
            access_token_lifetime=timedelta(seconds=float(data["access_token_lifetime"])),
            token_hash=data["token_hash"],
            jwt_key=data["jwt_key"],
            client_id=data.get("client_id"),
            client_name=data.get("client_name"),
            client_icon=data.get("client_icon"),
            last_used_at=when("last_used_at"),
            last_used_ip=data.get("last_used_ip"),
            expire_at=when("expire_at"),
            scope=TokenScope.from_dict(data["scope"]) if data.get("scope") else None,
        )


def hash_secret(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def new_refresh_token(
    user_id: str,
    token_type: TokenType,
    now: datetime,
    *,
    access_token_lifetime: timedelta,
    client_id: str | None = None,
    client_name: str | None = None,
    client_icon: str | None = None,
    scope: TokenScope | None = None,
    expire_at: datetime | None = None,
) -> tuple[RefreshToken, str]:
    """A new token and its secret value (shown once, only its hash is kept).

    Normal tokens expire after REFRESH_TOKEN_IDLE_EXPIRY without use; others at `expire_at`.
    """
    value = secrets.token_hex(64)
    token = RefreshToken(
        id=ulid().lower(),
        user_id=user_id,
        token_type=token_type,
        created_at=now,
        access_token_lifetime=access_token_lifetime,
        token_hash=hash_secret(value),
        jwt_key=secrets.token_hex(64),
        client_id=client_id,
        client_name=client_name,
        client_icon=client_icon,
        expire_at=now + REFRESH_TOKEN_IDLE_EXPIRY if token_type is TokenType.NORMAL else expire_at,
        scope=scope,
    )
    return token, value


def mark_used(token: RefreshToken, now: datetime, remote_ip: str | None) -> RefreshToken:
    """The token after a use: last-used fields set, idle expiry pushed back."""
    # Normal tokens slide their idle expiry; others keep the fixed expiry they were made with.
    if token.token_type is TokenType.NORMAL:
        expire_at: datetime | None = now + REFRESH_TOKEN_IDLE_EXPIRY
    else:
        expire_at = token.expire_at
    return replace(token, last_used_at=now, last_used_ip=remote_ip, expire_at=expire_at)


def matches_hash(token: RefreshToken, value_hash: str) -> bool:
    """Constant-time comparison of a presented value's hash_secret() with the stored hash."""
    return hmac.compare_digest(token.token_hash, value_hash)
