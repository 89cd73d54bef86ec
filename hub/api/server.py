"""HttpServer: the hub part that runs the aiohttp application (REST, websocket, frontend)."""

from __future__ import annotations

import asyncio
import logging
import ssl
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ..auth import AuthManager, Failure
from . import auth_views, extensions, onboarding, recorder_views, rest
from .access import HubAuditSink
from .camera_tokens import CameraTokenRotator
from .config import HttpConfig
from .context import EVENT_LOGIN_FAILED, ApiContext
from .error_log import ErrorLog
from .permissions import Permission, public
from .security import add_security_headers, api_middleware
from .static import Frontend
from .views import API_KEY, ApiRequest, Route, collect_routes, view, wrap
from .websocket import (
    commands_audit,
    commands_auth,
    commands_core,
    commands_mfa,
    commands_recorder,
    commands_registry,
    commands_roles,
    commands_subscriptions,
    commands_users,
)
from .websocket.connection import WebSocketSession
from .websocket.registry import commands_for, install

if TYPE_CHECKING:
    from ..runtime import Hub

_LOGGER = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT = 10.0
DEFAULT_FRONTEND = Path(__file__).resolve().parents[2] / "frontend" / "dist"


@view("GET", "/api/websocket", Permission.PUBLIC, body="none")
@public
async def websocket_endpoint(req: ApiRequest) -> web.StreamResponse:
    """Upgrade to the websocket API; authentication happens inside the protocol."""
    return await WebSocketSession(req.api, req.request).handle()


ROUTE_MODULES = (auth_views, onboarding, rest, recorder_views, extensions)
COMMAND_MODULES = (
    commands_core,
    commands_subscriptions,
    commands_registry,
    commands_auth,
    commands_recorder,
    commands_users,
    commands_roles,
    commands_mfa,
    commands_audit,
)


def all_routes() -> list[Route]:
    """Every built-in REST route, the websocket endpoint included."""
    return [*collect_routes(*ROUTE_MODULES), *websocket_endpoint.__bastion_routes__]  # type: ignore[attr-defined]


class HttpServer:
    """Starts with the hub (a `hub.parts` entry) and serves until final write."""

    def __init__(
        self, config: HttpConfig | None = None, *, auth: AuthManager | None = None
    ) -> None:
        self._config = config
        self._auth = auth
        self._owns_auth = False
        self._runner: web.AppRunner | None = None
        self._error_log = ErrorLog()
        self._unsubs: list[Any] = []
        self.api: ApiContext | None = None
        self.ports: list[int] = []
        self.setup_code: str | None = None

    @property
    def port(self) -> int:
        return self.ports[0]

    @property
    def url(self) -> str:
        """Base URL for local clients (ends with /)."""
        assert self.api is not None
        scheme = "https" if self.api.config.uses_tls else "http"
        host = self.api.config.server_host[0]
        host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        return f"{scheme}://{host}:{self.port}/"

    async def start(self, hub: Hub) -> None:
        config = self._config
        if config is None:
            raw = hub.config.raw.get("http") if hub.config is not None else None
            config = HttpConfig.from_yaml(raw, hub.config_dir)
        auth = await self._auth_manager(hub, config)
        # Logins, tokens and user changes reach the audit log (which may start after us).
        auth.attach_audit(HubAuditSink(hub))
        commands = commands_for(hub)
        install(commands, *COMMAND_MODULES)
        api = ApiContext(hub, auth, config, commands)
        api.extras["error_log"] = self._error_log
        self.api = api
        ssl_context = await asyncio.to_thread(_ssl_context, config) if config.uses_tls else None
        app = self._build_app(api)
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=SHUTDOWN_TIMEOUT
        )
        await self._runner.setup()
        for host in config.server_host:
            site = web.TCPSite(self._runner, host, config.server_port, ssl_context=ssl_context)
            await site.start()
        self.ports = sorted(
            {
                sock.getsockname()[1]
                for site in self._runner.sites
                for sock in (site._server.sockets if site._server else ())  # type: ignore[union-attr]
            }
        )
        logging.getLogger().addHandler(self._error_log)
        self._unsubs.append(auth.throttle.listen_failure(lambda f: self._login_failed(hub, f)))
        rotator = CameraTokenRotator(hub)
        rotator.start()
        self._unsubs.append(rotator.stop)
        _LOGGER.info("HTTP API listening on %s", self.url)
        self.setup_code = onboarding.announce_setup_code(auth, self.url)

    async def _auth_manager(self, hub: Hub, config: HttpConfig) -> AuthManager:
        if self._auth is not None:
            return self._auth
        part = hub.parts.get("auth")
        found = part if isinstance(part, AuthManager) else getattr(part, "manager", None)
        if isinstance(found, AuthManager):
            self._auth = found
            return found
        # 0 or less never bans (the throttle still slows failures down).
        threshold = config.login_attempts_threshold if config.ip_ban_enabled else 0
        self._auth = AuthManager(hub.config_dir, hub.clock, login_attempts_threshold=threshold)
        await self._auth.load()
        self._owns_auth = True
        return self._auth

    @staticmethod
    def _login_failed(hub: Hub, failure: Failure) -> None:
        hub.bus.fire(
            EVENT_LOGIN_FAILED,
            {
                "remote_ip": failure.remote_ip,
                "reason": failure.reason,
                "failures": failure.failures,
                "banned": failure.banned,
            },
        )

    def _build_app(self, api: ApiContext) -> web.Application:
        app = web.Application(
            middlewares=[api_middleware],
            client_max_size=api.config.max_body_size,
        )
        app[API_KEY] = api
        app.on_response_prepare.append(add_security_headers)
        for route in all_routes():
            app.router.add_route(route.method, route.path, wrap(route))
        app.router.add_route("*", "/api/{tail:.*}", extensions.dispatch_extension)
        frontend_dir = api.config.frontend_dir or DEFAULT_FRONTEND
        if frontend_dir.is_dir():
            frontend = Frontend(frontend_dir)
            app.router.add_get("/", frontend.handle)
            app.router.add_get("/{tail:.*}", frontend.handle)
        return app

    async def stop(self) -> None:
        for unsubscribe in self._unsubs:
            unsubscribe()
        self._unsubs.clear()
        logging.getLogger().removeHandler(self._error_log)
        if self.api is not None:
            sessions = list(self.api.connections)
            if sessions:
                await asyncio.gather(*(s.shutdown() for s in sessions), return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._owns_auth and self._auth is not None:
            await self._auth.close()


def _ssl_context(config: HttpConfig) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    assert config.ssl_certificate is not None and config.ssl_key is not None
    try:
        context.load_cert_chain(str(config.ssl_certificate), str(config.ssl_key))
    except (OSError, ssl.SSLError) as err:
        from ..errors import ValidationError

        raise ValidationError(f"Cannot load TLS certificate or key: {err}") from err
    return context
