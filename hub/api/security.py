"""HTTP hardening: security headers, IP bans, bearer authentication, CORS (size limits: the
application's client_max_size)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from aiohttp import hdrs, web

from .views import API_KEY, REQUEST_CHECKER, REQUEST_TOKEN, REQUEST_USER, json_message

_LOGGER = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "connect-src 'self' ws: wss:",
        "font-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
HSTS = "max-age=31536000"
MAX_TOKEN_LENGTH = 4096


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """on_response_prepare hook: every response, errors and websocket upgrades included."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    response.headers.pop(hdrs.SERVER, None)
    api = request.app[API_KEY]
    origin = request.headers.get(hdrs.ORIGIN)
    if origin and origin in api.config.cors_allowed_origins:
        response.headers[hdrs.ACCESS_CONTROL_ALLOW_ORIGIN] = origin
        response.headers[hdrs.VARY] = "Origin"


@web.middleware
async def api_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Per request, in this order: ban check, CORS preflight, bearer authentication.

    One middleware instead of three (each aiohttp middleware layer costs a call per request);
    the client address is worked out once.
    """
    api = request.app[API_KEY]
    remote = api.remote_ip(request)
    # Refuse every request from a banned address before any other work.
    if api.is_banned(remote):
        return json_message("Forbidden: too many failed login attempts", HTTPStatus.FORBIDDEN)
    headers = request.headers
    if request.method == hdrs.METH_OPTIONS:
        preflight = _cors_preflight(api.config.cors_allowed_origins, headers)
        if preflight is not None:
            return preflight
    header = headers.get(hdrs.AUTHORIZATION)
    if header is None:
        return await handler(request)
    # Attach the user of a valid bearer token; a bad token counts as a failed login.
    scheme, _, token = header.partition(" ")
    found = None
    if scheme.lower() == "bearer" and 0 < len(token) <= MAX_TOKEN_LENGTH:
        found = await api.auth.validate_access_token(token.strip(), remote_ip=remote)
    if found is None:
        # Counted towards the ban; no delay: bearer tokens are not guessable, bans stop floods.
        await api.record_auth_failure(remote, "invalid_bearer_token")
        return json_message("Unauthorized", HTTPStatus.UNAUTHORIZED)
    user, refresh = found
    request[REQUEST_USER] = user
    request[REQUEST_TOKEN] = refresh
    request[REQUEST_CHECKER] = api.auth.permission_checker(user, api.entity_lookup, refresh)
    return await handler(request)


def _cors_preflight(allowed: Any, headers: Any) -> web.Response | None:
    """The answer to a CORS preflight (configured origins only), None if it is not one."""
    origin = headers.get(hdrs.ORIGIN)
    if not origin or hdrs.ACCESS_CONTROL_REQUEST_METHOD not in headers:
        return None
    if origin not in allowed:
        return json_message("Origin not allowed", HTTPStatus.FORBIDDEN)
    return web.Response(
        status=HTTPStatus.OK,
        headers={
            hdrs.ACCESS_CONTROL_ALLOW_METHODS: "GET, POST, DELETE, PUT, OPTIONS",
            hdrs.ACCESS_CONTROL_ALLOW_HEADERS: "Authorization, Content-Type",
            hdrs.ACCESS_CONTROL_MAX_AGE: "600",
        },
    )
