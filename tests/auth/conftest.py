"""Fixtures for the auth tests: a fake clock and cheap argon2 parameters."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from hub.auth import AuthManager, User, UserRole
from hub.clock import FakeClock

from .support import PASSWORD, cheap_hasher


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def make_manager(
    tmp_path: Path, clock: FakeClock
) -> AsyncIterator[Callable[..., Awaitable[AuthManager]]]:
    """Load AuthManagers on one config dir (as the hub and the CLI would); closed at the end."""
    made: list[AuthManager] = []

    async def make(**kwargs: Any) -> AuthManager:
        kwargs.setdefault("password_hasher", cheap_hasher())
        auth = AuthManager(tmp_path, clock, **kwargs)
        await auth.load()
        made.append(auth)
        return auth

    yield make
    for auth in made:
        await auth.close()


@pytest.fixture
async def manager(make_manager: Callable[..., Awaitable[AuthManager]]) -> AuthManager:
    return await make_manager()


@pytest.fixture
async def owner(manager: AuthManager) -> User:
    return await manager.add_user("owner", "The Owner", PASSWORD, role=UserRole.OWNER)
