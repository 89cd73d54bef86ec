"""A running hub with the HTTP API for acknowledge-link tests (alarm incidents and alerts):
records deliveries, pushes and every bus event; fetches links; opens websockets as users."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import argon2

from hub.api import HttpConfig, HttpServer
from hub.auth import AuthManager, TokenScope, UserRole
from hub.clock import FakeClock
from hub.events import Event
from hub.runtime import Hub
from tests.alarm.support import AuditPart, RecordingSink
from tests.api.conftest import PASSWORD
from tests.notify.servers import Mailbox

WAIT = 10.0


@dataclass
class AckBench:
    """The hub, its HTTP server and what it delivered; subclasses add their domain's helpers."""

    hub: Hub
    server: HttpServer
    auth: AuthManager
    clock: FakeClock
    audit: RecordingSink
    session: aiohttp.ClientSession
    deliveries: list[dict[str, Any]] = field(default_factory=list)
    pushes: list[dict[str, Any]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sockets: list[aiohttp.ClientWebSocketResponse] = field(default_factory=list)
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        def delivered(event: Event) -> None:
            self.deliveries.append(dict(event.data))
            self._arrived.set()

        self.hub.bus.listen("notify_delivery", delivered)
        self.hub.bus.listen("notify_push", lambda e: self.pushes.append(dict(e.data)))
        self.hub.bus.listen("*", self.events.append)

    async def until_delivered(self, count: int) -> None:
        """Wait (on the events, not on time) until `count` notifications were attempted."""
        while len(self.deliveries) < count:
            self._arrived.clear()
            await asyncio.wait_for(self._arrived.wait(), WAIT)

    def local(self, link: str) -> str:
        """The link, sent to this test server (the configured external URL is not ours)."""
        parts = urlsplit(link)
        return f"{self.server.url.rstrip('/')}{parts.path}?{parts.query}"

    async def get(self, link: str) -> tuple[int, str]:
        async with self.session.get(self.local(link)) as resp:
            return resp.status, await resp.text()

    async def post(self, link: str) -> tuple[int, str]:
        async with self.session.post(self.local(link)) as resp:
            return resp.status, await resp.text()

    async def ws(self, username: str, role: UserRole, **scope: Any) -> Any:
        user = self.auth.get_user_by_name(username) or await self.auth.add_user(
            username, username.title(), PASSWORD, role=role
        )
        name = f"{username} {len(self.sockets)}"
        token = await self.auth.create_long_lived_token(
            user, name, 30, scope=TokenScope(**scope) if scope else None
        )
        ws = await self.session.ws_connect(self.server.url + "api/websocket")
        self.sockets.append(ws)
        assert (await ws.receive_json())["type"] == "auth_required"
        await ws.send_json({"type": "auth", "access_token": token})
        assert (await ws.receive_json())["type"] == "auth_ok"
        return ws

    async def stop(self) -> None:
        for ws in self.sockets:
            await ws.close()
        await self.session.close()
        await self.hub.stop()


@asynccontextmanager
async def ack_benches[B: AckBench](
    config_dir: Path, clock: FakeClock, bench_cls: type[B]
) -> AsyncIterator[Callable[[str, Callable[[Hub], None]], Awaitable[B]]]:
    """`make(yaml_text, before_start)` starts a hub as `bench_cls`; all are stopped at exit."""
    hasher = argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    auth = AuthManager(config_dir, clock, password_hasher=hasher)
    await auth.load()
    benches: list[B] = []

    async def make(yaml_text: str, before_start: Callable[[Hub], None]) -> B:
        (config_dir / "configuration.yaml").write_text(yaml_text)
        hub = Hub(config_dir, clock=clock)
        audit = AuditPart()
        audit.log = audit.sink  # type: ignore[attr-defined]  (the API's denials go to .log)
        hub.parts["audit"] = audit
        hub.parts["http"] = server = HttpServer(
            HttpConfig(server_host=("127.0.0.1",), server_port=0), auth=auth
        )
        before_start(hub)
        await hub.start()
        bench = bench_cls(hub, server, auth, clock, audit.sink, aiohttp.ClientSession())
        benches.append(bench)
        return bench

    try:
        yield make
    finally:
        for bench in benches:
            if not bench.session.closed:
                await bench.stop()
        await auth.close()


def mail_links(mailbox: Mailbox) -> dict[str, str]:
    """Recipient -> the acknowledge link in the body of the email they got."""
    found = {}
    for mail in mailbox.messages:
        body = mail.get_payload(decode=True).decode()
        match = re.search(r"^Acknowledge: (\S+)", body, re.MULTILINE)
        assert match, body
        found[mail["To"]] = match.group(1)
    return found
