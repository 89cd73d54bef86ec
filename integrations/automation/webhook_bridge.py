"""Expose the automation engine's webhook triggers as `/api/webhook/<id>` on the HTTP API.

The engine's `Webhooks` registry stays the source of truth (it decides on methods, local-only
and runs the trigger); this bridge only mirrors its ids into the HTTP layer's route table.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

from automations.webhooks import Remover, Webhook, WebhookRequest, Webhooks
from hub.api.views import API_KEY
from hub.integration import IntegrationContext

READ_TIMEOUT = 10.0  # seconds a webhook caller has to send its body


def expose_webhooks(ctx: IntegrationContext, registry: Webhooks) -> Remover:
    """Mirror every webhook of `registry` into the HTTP API until the returned detacher runs."""

    async def handle(hub: Any, webhook_id: str, request: web.Request) -> web.StreamResponse:
        try:
            body = await _read(request)
        except (TimeoutError, ConnectionError):
            return web.Response(status=200)
        api = request.app.get(API_KEY)
        remote = api.remote_ip(request) if api is not None else request.remote
        status = await registry.handle(
            webhook_id,
            WebhookRequest(
                method=request.method,
                body=body,
                content_type=request.content_type,
                query=dict(request.query),
                remote=remote,
            ),
        )
        return web.Response(status=status)

    def expose(webhook: Webhook) -> Remover:
        return ctx.register_webhook(
            webhook.webhook_id,
            handle,
            allowed_methods=webhook.allowed_methods,
            local_only=webhook.local_only,
        )

    detach = registry.expose(expose)
    ctx.on_unload(detach)
    return detach


async def _read(request: web.Request) -> bytes:
    if request.method in ("GET", "HEAD"):
        return b""
    async with asyncio.timeout(READ_TIMEOUT):
        return await request.read()
