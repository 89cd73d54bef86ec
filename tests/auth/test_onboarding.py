"""First owner via a one-time setup code."""

from __future__ import annotations

import re

import pytest

from hub.auth import AuthManager, Failure, UserRole
from hub.clock import FakeClock
from hub.errors import AuthFailed, Unauthorized, ValidationError

from .support import IP, PASSWORD, drive


async def test_setup_code_creates_first_owner(manager: AuthManager) -> None:
    onboarding = manager.onboarding
    assert onboarding.setup_code_required()
    code = onboarding.new_setup_code()
    assert re.fullmatch(r"[3-9A-Y]{4}-[3-9A-Y]{4}-[3-9A-Y]{4}", code)
    assert not set(code) & set("0O1IL5S2Z8B")
    owner = await onboarding.create_owner(code.lower(), "owner", "Owner", PASSWORD)
    assert owner.role is UserRole.OWNER
    assert await manager.authenticate("owner", PASSWORD) == owner
    assert not onboarding.setup_code_required()
    with pytest.raises(Unauthorized):
        await onboarding.create_owner(code, "second", "Second", PASSWORD)
    with pytest.raises(Unauthorized):
        onboarding.new_setup_code()


async def test_wrong_code_is_counted(manager: AuthManager, clock: FakeClock) -> None:
    failures: list[Failure] = []
    manager.throttle.listen_failure(failures.append)
    code = manager.onboarding.new_setup_code()
    with pytest.raises(AuthFailed):
        await drive(
            clock,
            manager.onboarding.create_owner("AAAA-AAAA-AAAA", "o", "O", PASSWORD, remote_ip=IP),
        )
    assert [f.reason for f in failures] == ["invalid_setup_code"]
    owner = await manager.onboarding.create_owner(code, "owner", "Owner", PASSWORD, remote_ip=IP)
    assert owner.is_owner


async def test_new_code_replaces_old(manager: AuthManager) -> None:
    old = manager.onboarding.new_setup_code()
    new = manager.onboarding.new_setup_code()
    with pytest.raises(AuthFailed):
        await manager.onboarding.create_owner(old, "owner", "Owner", PASSWORD)
    await manager.onboarding.create_owner(new, "owner", "Owner", PASSWORD)


async def test_no_code_no_owner(manager: AuthManager) -> None:
    with pytest.raises(AuthFailed):
        await manager.onboarding.create_owner("", "owner", "Owner", PASSWORD)


async def test_invalid_details_keep_code_usable(manager: AuthManager) -> None:
    code = manager.onboarding.new_setup_code()
    with pytest.raises(ValidationError):
        await manager.onboarding.create_owner(code, "owner", "Owner", "short")
    await manager.onboarding.create_owner(code, "owner", "Owner", PASSWORD)


async def test_refused_once_a_user_exists(manager: AuthManager) -> None:
    code = manager.onboarding.new_setup_code()
    await manager.add_user("someone", "Someone", PASSWORD)  # e.g. created by the CLI
    with pytest.raises(Unauthorized):
        await manager.onboarding.create_owner(code, "owner", "Owner", PASSWORD)
