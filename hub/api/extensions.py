"""Views and webhooks added at run time by integrations and the automation engine.

aiohttp freezes its router at start, so these are dispatched from one catch-all route and
looked up here per request. Each still declares its permission and schema.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import voluptuous as vol
from aiohttp import web

from .permissions import Permission, public
from .views import ApiRequest, Route, json_message, view, wrap

WebhookHandler = Callable[[Any, str, web.Request], Awaitable[web.StreamResponse | None]]
Unregister = Callable[[], None]
_PARAM = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class Webhook:
    webhook_id: str
    handler: WebhookHandler
    allowed_methods: frozenset[str]
    local_only: bool


@dataclass(frozen=True, slots=True)
class _Extension:
    route: Route
    pattern: re.Pattern[str]


class Extensions:
    """Per-hub registry of extra views and webhooks."""

    def __init__(self) -> None:
        self.views: list[_Extension] = []
        self.webhooks: dict[str, Webhook] = {}

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        for ext in self.views:
            found = ext.pattern.fullmatch(path)
            if found and ext.route.method == method:
                return ext.route, found.groupdict()
        return None


_REGISTRIES: weakref.WeakKeyDictionary[Any, Extensions] = weakref.WeakKeyDictionary()


def extensions_for(hub: Any) -> Extensions:
    found = _REGISTRIES.get(hub)
    if found is None:
        found = _REGISTRIES[hub] = Extensions()
    return found


def register_view(
    hub: Any,
    method: str,
    path: str,
    handler: Callable[[ApiRequest], Awaitable[web.StreamResponse]],
    permission: Permission | str,
    schema: dict[Any, Any] | None = None,
) -> Unregister:
    """Add a REST view under /api/ (e.g. /api/config/automation/config/{id}); never public."""
    perm = Permission(permission)
    if perm is Permission.PUBLIC:
        raise ValueError("Extension views cannot be public; use register_webhook")
    if not path.startswith("/api/"):
        raise ValueError("Extension views live under /api/")
    pieces = _PARAM.split(path)  # literal, name, literal, name, ...
    regex = "".join(
        re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>[^/]+)" for i, piece in enumerate(pieces)
    )
    route = Route(method.upper(), path, handler, perm, vol.Schema(schema) if schema else None)
    ext = _Extension(route, re.compile(regex))
    registry = extensions_for(hub)
    registry.views.append(ext)
    return lambda: registry.views.remove(ext) if ext in registry.views else None


def register_webhook(
    hub: Any,
    webhook_id: str,
    handler: WebhookHandler,
    *,
    allowed_methods: tuple[str, ...] = ("POST", "PUT"),
    local_only: bool = True,
) -> Unregister:
    """Expose /api/webhook/<webhook_id> (unauthenticated by design: the id is the secret)."""
    registry = extensions_for(hub)
    if webhook_id in registry.webhooks:
        raise ValueError(f"Webhook {webhook_id} is already registered")
    hook = Webhook(webhook_id, handler, frozenset(m.upper() for m in allowed_methods), local_only)
    registry.webhooks[webhook_id] = hook
    return lambda: (
        registry.webhooks.pop(webhook_id, None)
        if registry.webhooks.get(webhook_id) is hook
        else None
    )


def _is_local(address: str) -> bool:
    import ipaddress

    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.is_private or ip.is_loopback or ip.is_link_local


@view("POST", "/api/webhook/{webhook_id}", Permission.PUBLIC, body="none")
@view("PUT", "/api/webhook/{webhook_id}", Permission.PUBLIC, body="none")
@view("GET", "/api/webhook/{webhook_id}", Permission.PUBLIC, body="none")
@view("HEAD", "/api/webhook/{webhook_id}", Permission.PUBLIC, body="none")
@public
async def api_webhook(req: ApiRequest) -> web.StreamResponse:
    """Run a registered webhook; unknown ids and refused methods answer 200 like HA."""
    webhook_id = req.request.match_info["webhook_id"]
    hook = extensions_for(req.hub).webhooks.get(webhook_id)
    if hook is None or req.request.method not in hook.allowed_methods:
        return web.Response(status=200)
    if hook.local_only and not _is_local(req.api.remote_ip(req.request)):
        return web.Response(status=200)
    response = await hook.handler(req.hub, webhook_id, req.request)
    return response if response is not None else web.Response(status=200)


async def dispatch_extension(request: web.Request) -> web.StreamResponse:
    """Catch-all for /api/...: run a registered extension view, else 404."""
    from .views import API_KEY

    api = request.app[API_KEY]
    found = extensions_for(api.hub).match(request.method, request.path)
    if found is None:
        return json_message("Not found", 404)
    route, params = found
    request.match_info.update(params)  # type: ignore[attr-defined]
    return await wrap(route)(request)
