"""Functions the `bastion` CLI calls: users and tokens through AuthManager (no HTTP), and the
HTTP server built from configuration."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..auth import AuthManager, User, UserRole
from ..errors import NotFound
from .config import HttpConfig
from .server import HttpServer


async def add_user(
    config_dir: Path | str, username: str, password: str, *, role: str = "user", name: str = ""
) -> User:
    """Create a user (ValidationError for bad/taken names or weak passwords)."""
    auth = AuthManager(config_dir)
    await auth.load()
    try:
        return await auth.add_user(username, name or username, password, role=UserRole(role))
    finally:
        await auth.close()


async def create_token(config_dir: Path | str, username: str, name: str, days: int = 3650) -> str:
    """A long-lived access token for `username` (print it and nothing else)."""
    auth = AuthManager(config_dir)
    await auth.load()
    try:
        user = auth.get_user_by_name(username)
        if user is None:
            raise NotFound(f"User {username!r} not found")
        return await auth.create_long_lived_token(user, name, days)
    finally:
        await auth.close()


def http_server(http_block: Any = None, config_dir: Path | None = None) -> HttpServer:
    """The `hub.parts["http"]` entry; with no block it reads `http:` from the hub at start."""
    if http_block is None:
        return HttpServer()
    return HttpServer(HttpConfig.from_yaml(http_block, config_dir))
