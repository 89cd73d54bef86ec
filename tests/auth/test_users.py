"""Usernames, password policy and hashing, user CRUD, last-owner protection, persistence."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import argon2
import pytest

from hub.auth import AuthManager, User, UserRole, validate_password, validate_username
from hub.errors import AuthFailed, NotFound, ValidationError

from .support import PASSWORD, cheap_hasher


@pytest.mark.parametrize("name", ["bob", "alice.smith", "a_b-c.9", "x" * 64])
def test_valid_usernames(name: str) -> None:
    assert validate_username(name) == name


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Bob", "lowercase"),
        ("ab", "3 to 64"),
        ("x" * 65, "3 to 64"),
        ("bob smith", "may only contain"),
        ("bob@home", "may only contain"),
    ],
)
def test_invalid_usernames(name: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        validate_username(name)


def test_password_policy() -> None:
    validate_password("long enough pw", "bob")
    with pytest.raises(ValidationError, match="at least 10"):
        validate_password("short", "bob")
    with pytest.raises(ValidationError, match="must not be the username"):
        validate_password("bobthebuilder", "bobthebuilder")


async def test_add_user_and_authenticate(manager: AuthManager) -> None:
    user = await manager.add_user("alice", "Alice", PASSWORD)
    assert user.role is UserRole.USER and user.is_active and not user.mfa_enabled
    assert manager.get_user(user.id) == user
    assert manager.get_user_by_name("Alice ") == user
    assert await manager.authenticate("alice", PASSWORD) == user
    assert await manager.authenticate("ALICE", PASSWORD) == user
    assert await manager.authenticate("alice", PASSWORD + "x") is None
    assert await manager.authenticate("nobody", PASSWORD) is None
    assert await manager.authenticate("", PASSWORD) is None


async def test_add_user_rejects_bad_input(manager: AuthManager) -> None:
    await manager.add_user("alice", "Alice", PASSWORD)
    with pytest.raises(ValidationError, match="already taken"):
        await manager.add_user("alice", "Other", PASSWORD)
    with pytest.raises(ValidationError, match="at least 10"):
        await manager.add_user("carol", "Carol", "short")
    with pytest.raises(ValidationError, match="Unknown role"):
        await manager.add_user("dave", "Dave", PASSWORD, role_ids=["nope"])


async def test_inactive_user_cannot_log_in(manager: AuthManager, owner: User) -> None:
    user = await manager.add_user("alice", "Alice", PASSWORD)
    await manager.update_user(user.id, is_active=False)
    assert await manager.authenticate("alice", PASSWORD) is None


async def test_update_and_remove_user(manager: AuthManager, owner: User) -> None:
    user = await manager.add_user("alice", "Alice", PASSWORD)
    updated = await manager.update_user(user.id, name="Alice Liddell", role=UserRole.ADMIN)
    assert updated.name == "Alice Liddell" and updated.role is UserRole.ADMIN
    assert manager.get_user(user.id) == updated
    token, _ = await manager.create_refresh_token(updated, client_id="https://c.example/")
    await manager.remove_user(user.id)
    assert manager.get_user(user.id) is None
    assert manager.get_refresh_token(token.id) is None
    assert [u.id for u in manager.list_users()] == [owner.id]
    with pytest.raises(NotFound):
        await manager.remove_user(user.id)


async def test_last_owner_is_protected(manager: AuthManager, owner: User) -> None:
    with pytest.raises(ValidationError, match="last active owner"):
        await manager.remove_user(owner.id)
    with pytest.raises(ValidationError, match="last active owner"):
        await manager.update_user(owner.id, role=UserRole.ADMIN)
    with pytest.raises(ValidationError, match="last active owner"):
        await manager.update_user(owner.id, is_active=False)
    second = await manager.add_user("owner2", "Second", PASSWORD, role=UserRole.OWNER)
    await manager.update_user(owner.id, role=UserRole.ADMIN)
    with pytest.raises(ValidationError, match="last active owner"):
        await manager.remove_user(second.id)
    await manager.remove_user(owner.id)


async def test_set_password_checks_current_and_revokes_sessions(
    manager: AuthManager, owner: User
) -> None:
    keep, _ = await manager.create_refresh_token(owner, client_id="https://a.example/")
    other, _ = await manager.create_refresh_token(owner, client_id="https://b.example/")
    with pytest.raises(AuthFailed):
        await manager.set_password(owner.id, "a new password", current_password="wrong pass")
    with pytest.raises(ValidationError, match="at least 10"):
        await manager.set_password(owner.id, "short")
    await manager.set_password(
        owner.id, "a new password", current_password=PASSWORD, keep_token_id=keep.id
    )
    assert await manager.authenticate("owner", PASSWORD) is None
    assert await manager.authenticate("owner", "a new password") is not None
    assert manager.get_refresh_token(keep.id) is not None
    assert manager.get_refresh_token(other.id) is None


async def test_persistence_across_instances(make_manager, tmp_path: Path) -> None:
    first: AuthManager = await make_manager()
    user = await first.add_user("alice", "Alice", PASSWORD, role=UserRole.ADMIN)
    llat = await first.create_long_lived_token(user, "Script")
    second: AuthManager = await make_manager()
    assert second.get_user(user.id) == user
    assert await second.authenticate("alice", PASSWORD) == user
    result = await second.validate_access_token(llat)
    assert result is not None and result[0] == user

    path = tmp_path / ".storage" / "auth"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    content = path.read_text()
    assert PASSWORD not in content and llat not in content


async def test_password_rehashed_when_parameters_change(make_manager, tmp_path: Path) -> None:
    first: AuthManager = await make_manager()
    await first.add_user("alice", "Alice", PASSWORD)
    stored = (tmp_path / ".storage" / "auth").read_text()
    assert "m=8," in stored
    stronger = argon2.PasswordHasher(time_cost=1, memory_cost=16, parallelism=1)
    second: AuthManager = await make_manager(password_hasher=stronger)
    assert await second.authenticate("alice", PASSWORD) is not None
    stored = (tmp_path / ".storage" / "auth").read_text()
    assert "m=16," in stored and "m=8," not in stored
    third: AuthManager = await make_manager(password_hasher=cheap_hasher())
    assert await third.authenticate("alice", PASSWORD) is not None


async def test_system_user_has_no_password(manager: AuthManager) -> None:
    system = await manager.add_system_user("Supervisor")
    assert system.system_generated and system.username is None
    assert not manager.has_users()
    with pytest.raises(ValidationError):
        await manager.set_password(system.id, "whatever password")
