"""Webhook registry: the HTTP layer looks ids up here and hands over the request."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

METHODS = ("GET", "HEAD", "POST", "PUT")
DEFAULT_METHODS = ("POST", "PUT")


@dataclass(frozen=True, slots=True)
class WebhookRequest:
    """What the HTTP layer passes for one `/api/webhook/<id>` request."""

    method: str
    body: bytes = b""
    content_type: str = ""
    query: Mapping[str, str] = field(default_factory=dict)
    remote: str | None = None


Handler = Callable[[str, WebhookRequest], Awaitable[None] | None]
Remover = Callable[[], None]


@dataclass(frozen=True, slots=True)
class Webhook:
    webhook_id: str
    handler: Handler
    allowed_methods: tuple[str, ...] = DEFAULT_METHODS
    local_only: bool = True


Exposer = Callable[[Webhook], Remover]


class Webhooks:
    """One hub's webhook ids (the HTTP layer looks them up here and hands over requests).

    This registry is the source of truth; an attached exposer (the HTTP bridge) mirrors each
    registration as a route and is told when it goes away.
    """

    def __init__(self) -> None:
        self._hooks: dict[str, Webhook] = {}
        self._exposer: Exposer | None = None
        self._exposed: dict[str, Remover] = {}

    def register(self, webhook: Webhook) -> Remover:
        """Register a webhook id; raises ValueError if it is taken. Returns the remover."""
        if webhook.webhook_id in self._hooks:
            raise ValueError(f"webhook id {webhook.webhook_id!r} is already registered")
        if self._exposer is not None:
            # Expose first: if the HTTP side refuses the id (taken by another integration's
            # webhook), the trigger fails to attach instead of silently never firing.
            self._exposed[webhook.webhook_id] = self._exposer(webhook)
        self._hooks[webhook.webhook_id] = webhook

        def remove() -> None:
            if self._hooks.get(webhook.webhook_id) is webhook:
                del self._hooks[webhook.webhook_id]
                unexpose = self._exposed.pop(webhook.webhook_id, None)
                if unexpose is not None:
                    unexpose()

        return remove

    def expose(self, exposer: Exposer) -> Remover:
        """Mirror every current and future webhook through `exposer`; returns the detacher."""
        if self._exposer is not None:
            raise ValueError("webhooks are already exposed")
        self._exposer = exposer
        for webhook in list(self._hooks.values()):
            self._exposed[webhook.webhook_id] = exposer(webhook)

        def detach() -> None:
            if self._exposer is not exposer:
                return
            self._exposer = None
            removers = list(self._exposed.values())
            self._exposed.clear()
            for unexpose in removers:
                unexpose()

        return detach

    def ids(self) -> list[str]:
        return list(self._hooks)

    def get(self, webhook_id: str) -> Webhook | None:
        return self._hooks.get(webhook_id)

    async def handle(self, webhook_id: str, request: WebhookRequest) -> int:
        """Run the webhook for a request; returns the HTTP status to answer with.

        Unknown ids, wrong methods and non-local callers of local-only hooks all get 200, like
        Home Assistant, so a scanner cannot tell which ids exist.
        """
        hook = self._hooks.get(webhook_id)
        if hook is None:
            return 200
        if request.method.upper() not in hook.allowed_methods:
            return 200
        if hook.local_only and not is_local(request.remote):
            return 200
        result = hook.handler(webhook_id, request)
        if result is not None:
            await result
        return 200


def is_local(remote: str | None) -> bool:
    """Loopback, private, link-local or unique-local addresses count as local."""
    if remote is None:
        return False
    try:
        address = ipaddress.ip_address(remote)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local


def decode(request: WebhookRequest) -> dict[str, Any]:
    """The trigger data Home Assistant gives: `json` or `data` (form), and `query`."""
    data: dict[str, Any] = {"query": dict(request.query)}
    if request.body:
        if "json" in request.content_type or request.body[:1] in (b"{", b"["):
            try:
                data["json"] = json.loads(request.body)
            except ValueError:
                data["data"] = dict(parse_qsl(request.body.decode("utf-8", "replace")))
        else:
            data["data"] = dict(parse_qsl(request.body.decode("utf-8", "replace")))
    return data
