"""The auth document: users, password hashes, refresh tokens, MFA records and roles.

Version 2 stores every record with a revision and keeps tombstones for deletions (see
records.py), so the hub and the CLI can both write the file without undoing each other.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hub.storage import STORAGE_DIR, StorageError, Store

from .mfa import MfaRecord
from .permissions import Role
from .records import RecordSet, Revisions
from .tokens import RefreshToken
from .users import User

AUTH_STORE_KEY = "auth"
AUTH_STORE_VERSION = 2
LOCK_TIMEOUT = 10.0  # seconds to wait for another process's read-merge-write of the file
_LOCK_POLL = 0.02

FileSignature = tuple[int, int, int, int]  # inode, size, mtime ns, ctime ns


def auth_store(config_dir: Path | str) -> Store:
    """The private (0600) store holding every credential."""
    return Store(
        config_dir, AUTH_STORE_KEY, AUTH_STORE_VERSION, private=True, migrate=migrate_auth_data
    )


def migrate_auth_data(version: int, data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 (plain lists and dicts) to version 2: every record at revision 0."""
    if version != 1:
        raise StorageError(f"auth: no migration from version {version}")

    def records(items: dict[str, Any]) -> dict[str, Any]:
        return {"records": {key: {"rev": 0, "value": value} for key, value in items.items()}}

    return {
        "users": records({item["id"]: item for item in data.get("users", ())}),
        "password_hashes": records(dict(data.get("password_hashes", {}))),
        "refresh_tokens": records({item["id"]: item for item in data.get("refresh_tokens", ())}),
        "mfa": records(dict(data.get("mfa", {}))),
        "roles": records({item["id"]: item for item in data.get("roles", ())}),
    }


@dataclass(slots=True)
class AuthData:
    """Everything auth persists, keyed by id; mutated only by AuthManager and its helpers."""

    users: RecordSet[User]
    password_hashes: RecordSet[str]  # user id -> argon2 hash
    refresh_tokens: RecordSet[RefreshToken]
    mfa: RecordSet[MfaRecord]  # user id -> enabled TOTP
    roles: RecordSet[Role]

    @classmethod
    def empty(cls, revisions: Revisions) -> AuthData:
        # User and token ids are random and never reused: their deletion is final.
        return cls(
            users=RecordSet(revisions, final_deletes=True),
            password_hashes=RecordSet(revisions, final_deletes=False),
            refresh_tokens=RecordSet(revisions, final_deletes=True),
            mfa=RecordSet(revisions, final_deletes=False),
            roles=RecordSet(revisions, final_deletes=False),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "users": self.users.encode(User.as_dict),
            "password_hashes": self.password_hashes.encode(str),
            "refresh_tokens": self.refresh_tokens.encode(RefreshToken.as_dict),
            "mfa": self.mfa.encode(MfaRecord.as_dict),
            "roles": self.roles.encode(Role.as_dict),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], revisions: Revisions) -> AuthData:
        result = cls.empty(revisions)
        result.users.decode(data.get("users", {}), User.from_dict)
        result.password_hashes.decode(data.get("password_hashes", {}), str)
        result.refresh_tokens.decode(data.get("refresh_tokens", {}), RefreshToken.from_dict)
        result.mfa.decode(data.get("mfa", {}), MfaRecord.from_dict)
        result.roles.decode(data.get("roles", {}), Role.from_dict)
        return result

    def merge(self, other: AuthData) -> bool:
        """Take every newer record and deletion from `other`; True if anything changed."""
        changed = False
        for mine, theirs in (
            (self.users, other.users),
            (self.password_hashes, other.password_hashes),
            (self.refresh_tokens, other.refresh_tokens),
            (self.mfa, other.mfa),
            (self.roles, other.roles),
        ):
            changed = mine.merge(theirs) or changed
        return self.drop_orphans() or changed

    def drop_orphans(self) -> bool:
        """Delete tokens, hashes and MFA records whose user is gone; True if any were."""
        changed = False
        for token_id in [t.id for t in self.refresh_tokens.values() if t.user_id not in self.users]:
            del self.refresh_tokens[token_id]
            changed = True
        for records in (self.password_hashes, self.mfa):
            for user_id in [key for key in records if key not in self.users]:
                del records[user_id]
                changed = True
        return changed

    def prune(self, now: float) -> None:
        for records in (
            self.users,
            self.password_hashes,
            self.refresh_tokens,
            self.mfa,
            self.roles,
        ):
            records.prune(now)


def file_signature(path: Path) -> FileSignature | None:
    """Identity of the file's current version (blocking stat); None if it does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@contextlib.asynccontextmanager
async def file_lock(config_dir: Path | str, key: str = AUTH_STORE_KEY) -> AsyncIterator[None]:
    """Hold an exclusive lock on `<config>/.storage/<key>.lock` across processes.

    Every read-merge-write of the auth file happens under it, so a write by the CLI cannot
    land between the hub's read and write (and be lost). Polls without blocking the loop.
    """
    path = Path(config_dir) / STORAGE_DIR / f"{key}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        await _acquire(fd, path)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


async def _acquire(fd: int, path: Path) -> None:
    try:
        async with asyncio.timeout(LOCK_TIMEOUT):
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return
                except BlockingIOError:
                    await asyncio.sleep(_LOCK_POLL)
    except TimeoutError as err:
        raise StorageError(f"{path} stayed locked for {LOCK_TIMEOUT:.0f} s") from err
