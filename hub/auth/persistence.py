"""The auth document: users, password hashes, refresh tokens, MFA records and roles."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hub.storage import Store

from .mfa import MfaRecord
from .permissions import Role
from .tokens import RefreshToken
from .users import User

AUTH_STORE_KEY = "auth"
AUTH_STORE_VERSION = 1


def auth_store(config_dir: Path | str) -> Store:
    """The private (0600) store holding every credential."""
    return Store(config_dir, AUTH_STORE_KEY, AUTH_STORE_VERSION, private=True)


@dataclass(slots=True)
class AuthData:
    """Everything auth persists, keyed by id; mutated only by AuthManager."""

    users: dict[str, User] = field(default_factory=dict)
    password_hashes: dict[str, str] = field(default_factory=dict)  # user id -> argon2 hash
    refresh_tokens: dict[str, RefreshToken] = field(default_factory=dict)
    mfa: dict[str, MfaRecord] = field(default_factory=dict)  # user id -> enabled TOTP
    roles: dict[str, Role] = field(default_factory=dict)
    # Ids removed in this process, so a merge with the file does not bring them back.
    removed: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, Any]:
        return {
            "users": [user.as_dict() for user in self.users.values()],
            "password_hashes": dict(self.password_hashes),
            "refresh_tokens": [token.as_dict() for token in self.refresh_tokens.values()],
            "mfa": {user_id: record.as_dict() for user_id, record in self.mfa.items()},
            "roles": [role.as_dict() for role in self.roles.values()],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AuthData:
        return cls(
            users={item["id"]: User.from_dict(item) for item in data.get("users", ())},
            password_hashes=dict(data.get("password_hashes", {})),
            refresh_tokens={
                item["id"]: RefreshToken.from_dict(item) for item in data.get("refresh_tokens", ())
            },
            mfa={key: MfaRecord.from_dict(item) for key, item in data.get("mfa", {}).items()},
            roles={item["id"]: Role.from_dict(item) for item in data.get("roles", ())},
        )

    def merge_new(self, other: AuthData) -> bool:
        """Adopt users/tokens/roles another process (the CLI) added; True if anything came in.

        Only ids this process has never seen are taken: local edits win, removals stick.
        """
        changed = False
        for user_id, user in other.users.items():
            if user_id in self.users or user_id in self.removed:
                continue
            self.users[user_id] = user
            if user_id in other.password_hashes:
                self.password_hashes[user_id] = other.password_hashes[user_id]
            if user_id in other.mfa:
                self.mfa[user_id] = other.mfa[user_id]
            changed = True
        for token_id, token in other.refresh_tokens.items():
            if token_id in self.refresh_tokens or token_id in self.removed:
                continue
            if token.user_id in self.users:
                self.refresh_tokens[token_id] = token
                changed = True
        for role_id, role in other.roles.items():
            if role_id not in self.roles and role_id not in self.removed:
                self.roles[role_id] = role
                changed = True
        return changed
