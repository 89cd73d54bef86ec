"""Users, username and password rules, and argon2 password hashing."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import argon2
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from hub.context import ulid
from hub.errors import ValidationError

USERNAME_RE = re.compile(r"[a-z0-9._-]{3,64}")
PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 1024  # argon2 handles more, but nobody needs it and it bounds the work


class UserRole(StrEnum):
    """The built-in role of a user; custom role ids narrow or extend a plain user."""

    OWNER = "owner"
    ADMIN = "admin"
    USER = "user"


@dataclass(frozen=True, slots=True)
class User:
    """An account. Immutable: changes go through AuthManager.update_user."""

    id: str
    username: str | None  # None only for system-generated users (they have no password)
    name: str
    role: UserRole = UserRole.USER
    role_ids: tuple[str, ...] = ()
    is_active: bool = True
    system_generated: bool = False
    mfa_enabled: bool = False
    created_at: datetime = field(default_factory=lambda: datetime.fromtimestamp(0, UTC))

    @property
    def is_owner(self) -> bool:
        return self.role is UserRole.OWNER

    @property
    def is_admin(self) -> bool:
        """Owners and admins may administer the hub."""
        return self.role in (UserRole.OWNER, UserRole.ADMIN)

    def as_dict(self) -> dict[str, Any]:
        """The stored (and API) form; never contains credentials."""
        return {
            "id": self.id,
            "username": self.username,
            "name": self.name,
            "role": self.role.value,
            "role_ids": list(self.role_ids),
            "is_active": self.is_active,
            "system_generated": self.system_generated,
            "mfa_enabled": self.mfa_enabled,
            "created_at": self.created_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> User:
        return cls(
            id=data["id"],
            username=data.get("username"),
            name=data["name"],
            role=UserRole(data.get("role", UserRole.USER)),
            role_ids=tuple(data.get("role_ids", ())),
            is_active=bool(data.get("is_active", True)),
            system_generated=bool(data.get("system_generated", False)),
            mfa_enabled=bool(data.get("mfa_enabled", False)),
            created_at=datetime.fromisoformat(data["created_at"]),
        )


def new_user_id() -> str:
    return ulid().lower()


def normalize_username(username: str) -> str:
    """Strip surrounding blanks; usernames are compared as stored (lowercase)."""
    return username.strip()


def validate_username(username: str) -> str:
    """Return the username if it is 3-64 chars of [a-z0-9._-], else raise ValidationError."""
    username = normalize_username(username)
    if username != username.lower():
        raise ValidationError("Username must be lowercase")
    if not 3 <= len(username) <= 64:
        raise ValidationError("Username must be 3 to 64 characters long")
    if not USERNAME_RE.fullmatch(username):
        raise ValidationError(
            "Username may only contain lowercase letters, digits, '.', '_' and '-'"
        )
    return username


def validate_password(password: str, username: str | None) -> None:
    """Raise ValidationError unless the password meets the policy."""
    if len(password) < PASSWORD_MIN_LENGTH:
        raise ValidationError(f"Password must be at least {PASSWORD_MIN_LENGTH} characters long")
    if len(password) > PASSWORD_MAX_LENGTH:
        raise ValidationError(f"Password must be at most {PASSWORD_MAX_LENGTH} characters long")
    if username is not None and password.strip().lower() == username.lower():
        raise ValidationError("Password must not be the username")


def validate_name(name: str) -> str:
    """Display names: 1-100 printable characters."""
    name = name.strip()
    if not 1 <= len(name) <= 100 or not name.isprintable():
        raise ValidationError("Name must be 1 to 100 printable characters")
    return name


class PasswordHasher:
    """argon2id hashing run off the event loop; unknown users still cost one verification."""

    def __init__(self, hasher: argon2.PasswordHasher | None = None) -> None:
        # Production uses argon2-cffi's RFC 9106 low-memory defaults; tests pass cheap ones.
        self._hasher = hasher or argon2.PasswordHasher()
        self._dummy_hash: str | None = None

    async def hash(self, password: str) -> str:
        return await asyncio.to_thread(self._hasher.hash, password)

    async def verify(self, stored_hash: str | None, password: str) -> tuple[bool, str | None]:
        """Check a password; returns (ok, new_hash) where new_hash is set when a rehash is due.

        With stored_hash None (unknown user) a dummy hash is verified so timing is the same.
        """
        if stored_hash is None:
            if self._dummy_hash is None:
                self._dummy_hash = await self.hash("bastion-dummy-password")
            await asyncio.to_thread(self._verify, self._dummy_hash, password)
            return False, None
        if not await asyncio.to_thread(self._verify, stored_hash, password):
            return False, None
        if self._hasher.check_needs_rehash(stored_hash):
            return True, await self.hash(password)
        return True, None

    def _verify(self, stored_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
