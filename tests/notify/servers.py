"""Real local servers for notification tests: SMTP (aiosmtpd) and an HTTP webhook receiver."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message as EmailMessage
from typing import Any

from aiohttp import web
from aiosmtpd.smtp import SMTP, Envelope, Session

HOST = "127.0.0.1"


@dataclass
class Mailbox:
    port: int = 0
    messages: list[EmailMessage] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.content if isinstance(envelope.content, bytes) else b""
        self.messages.append(message_from_bytes(raw))
        self.arrived.set()
        return "250 Message accepted for delivery"


@asynccontextmanager
async def smtp_server() -> AsyncIterator[Mailbox]:
    """An SMTP server on 127.0.0.1 (ephemeral port) on this loop, collecting messages."""
    mailbox = Mailbox()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(mailbox, hostname="localhost"), HOST, 0)
    mailbox.port = server.sockets[0].getsockname()[1]
    try:
        yield mailbox
    finally:
        server.close()
        await server.wait_closed()
        await asyncio.sleep(0.05)  # let aiosmtpd finish its per-connection handler tasks


@dataclass
class Hook:
    url: str = ""
    received: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def until(self, count: int, timeout: float = 10.0) -> None:
        """Wait (on arrivals, not on time) until `count` POSTs were received."""
        while len(self.received) < count:
            self.arrived.clear()
            await asyncio.wait_for(self.arrived.wait(), timeout)


@asynccontextmanager
async def webhook_server() -> AsyncIterator[Hook]:
    """An HTTP server on 127.0.0.1 (ephemeral port) recording JSON POSTs to /hook."""
    hook = Hook()

    async def receive(request: web.Request) -> web.Response:
        hook.received.append(await request.json())
        hook.arrived.set()
        return web.Response(status=hook.status)

    app = web.Application()
    app.router.add_post("/hook", receive)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, HOST, 0)
    await site.start()
    port = runner.addresses[0][1]
    hook.url = f"http://{HOST}:{port}/hook"
    try:
        yield hook
    finally:
        await runner.cleanup()
