"""Fixtures: a real hub with the HTTP server on 127.0.0.1 (ephemeral port) and real clients."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import argon2
import pytest

from hub.api import HttpConfig, HttpServer
from hub.auth import AuthManager, User, UserRole
from hub.clock import FakeClock
from hub.runtime import Hub

PASSWORD = "correct horse battery"
CLIENT_ID = "http://127.0.0.1/"


@dataclass
class ApiEnv:
    """One running hub + server, an HTTP session, and helpers to make users and sockets."""

    hub: Hub
    server: HttpServer
    auth: AuthManager
    clock: FakeClock
    session: aiohttp.ClientSession
    sockets: list[aiohttp.ClientWebSocketResponse] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.server.url

    async def user(self, username: str = "owner", role: UserRole = UserRole.OWNER) -> User:
        found = self.auth.get_user_by_name(username)
        if found is not None:
            return found
        return await self.auth.add_user(username, username.title(), PASSWORD, role=role)

    async def token(self, username: str = "owner", role: UserRole = UserRole.OWNER) -> str:
        """A long-lived access token for a (new) user."""
        user = await self.user(username, role)
        count = len(self.auth.list_refresh_tokens(user))
        return await self.auth.create_long_lived_token(user, f"test {count}", 30)

    async def headers(self, username: str = "owner", role: UserRole = UserRole.OWNER) -> dict:
        return {"Authorization": f"Bearer {await self.token(username, role)}"}

    async def ws(self, token: str | None = None, **kwargs: Any) -> aiohttp.ClientWebSocketResponse:
        """An authenticated websocket (auth_required/auth/auth_ok done)."""
        token = token or await self.token()
        ws = await self.raw_ws(**kwargs)
        hello = await ws.receive_json()
        assert hello["type"] == "auth_required"
        await ws.send_json({"type": "auth", "access_token": token})
        reply = await ws.receive_json()
        assert reply["type"] == "auth_ok", reply
        return ws

    async def raw_ws(self, **kwargs: Any) -> aiohttp.ClientWebSocketResponse:
        ws = await self.session.ws_connect(self.url + "api/websocket", **kwargs)
        self.sockets.append(ws)
        return ws


async def command(ws: aiohttp.ClientWebSocketResponse, msg: dict[str, Any]) -> dict[str, Any]:
    """Send one command and return its result message (skipping interleaved events)."""
    await ws.send_json(msg)
    while True:
        reply = await ws.receive_json(timeout=5)
        if reply.get("id") == msg["id"] and reply["type"] in ("result", "pong"):
            return reply


MakeApi = Callable[..., Awaitable[ApiEnv]]


@pytest.fixture
async def make_api(config_dir: Path, clock: FakeClock) -> AsyncIterator[MakeApi]:
    envs: list[ApiEnv] = []

    async def make(**config: Any) -> ApiEnv:
        hasher = argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
        auth = AuthManager(
            config_dir,
            clock,
            password_hasher=hasher,
            login_attempts_threshold=config.pop("threshold", 5),
        )
        await auth.load()
        auth.throttle.delay_step = 0.0  # tests assert bans, not the slowdown
        hub = Hub(config_dir, clock=clock)
        settings = {"server_host": ("127.0.0.1",), "server_port": 0, **config}
        server = HttpServer(HttpConfig(**settings), auth=auth)
        hub.parts["http"] = server
        await hub.start()
        session = aiohttp.ClientSession()
        env = ApiEnv(hub, server, auth, clock, session)
        envs.append(env)
        return env

    yield make
    for env in envs:
        for ws in env.sockets:
            await ws.close()
        await env.session.close()
        await env.hub.stop()
        await env.auth.close()


@pytest.fixture
async def api(make_api: MakeApi) -> ApiEnv:
    return await make_api()
