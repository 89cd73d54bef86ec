"""Optional subsystems (audit, auth, recorder, http) built from the configuration.

Each part has `async start(hub)` and `async stop()`. The hub starts them, in this order,
before integrations and stops them in reverse at the final-write stage. A part that fails to
start is reported (log + notification) and the hub keeps running without it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol

import voluptuous as vol

from .config.core import config_for_domain, validate_domain_config

if TYPE_CHECKING:
    from .config.core import LoadedConfig
    from .runtime import Hub

_LOGGER = logging.getLogger(__name__)


class Part(Protocol):
    async def start(self, hub: Hub) -> None: ...

    async def stop(self) -> None: ...


def _block(hub: Hub, loaded: LoadedConfig, domain: str, schema: vol.Schema) -> Any:
    """The validated `domain:` block (first one), or None; errors become notifications."""
    blocks = config_for_domain(loaded.raw, domain)
    if not blocks:
        return None
    key, raw = blocks[0]
    value, errors = validate_domain_config(
        domain, schema, raw if raw is not None else {}, loaded, key=key
    )
    if errors:
        hub.config_errors.extend(errors)
        for error in errors:
            _LOGGER.error("%s", error)
        hub.notifications.create(
            "\n".join(map(str, errors)), f"Invalid {domain} configuration", f"config_{domain}"
        )
        return None
    return value


# -- audit --------------------------------------------------------------------------------
def _audit_part(hub: Hub, loaded: LoadedConfig) -> Part | None:
    from .audit import CONFIG_SCHEMA, audit_part

    return audit_part(hub, _block(hub, loaded, "audit", CONFIG_SCHEMA))  # invalid: defaults


# -- auth ---------------------------------------------------------------------------------
AUTH_SCHEMA = vol.Schema(
    {
        vol.Optional("access_token_minutes", default=30): vol.All(
            vol.Coerce(int), vol.Range(min=1, max=1440)
        ),
        vol.Optional("require_mfa_for", default=[]): [vol.In(["owner", "admin", "user"])],
        vol.Optional("ban_minutes", default=60): vol.All(vol.Coerce(int), vol.Range(min=1)),
    }
)
# The two login-throttling keys Home Assistant keeps under `http:` (validated in full, with
# file:line errors, by the HTTP server; an invalid block falls back to these defaults here).
HTTP_AUTH_KEYS = vol.Schema(
    {
        vol.Optional("login_attempts_threshold", default=5): vol.All(
            vol.Coerce(int), vol.Range(min=-1)
        ),
        vol.Optional("ip_ban_enabled", default=True): bool,
    },
    extra=vol.ALLOW_EXTRA,
)


class AuthPart:
    """Owns the AuthManager; on first start with no users, prints the one-time setup code."""

    def __init__(self, settings: dict[str, Any], http: dict[str, Any]) -> None:
        self._settings = settings
        self._http = http
        self.manager: Any = None

    async def start(self, hub: Hub) -> None:
        from .auth.manager import AuthManager

        threshold = self._http["login_attempts_threshold"]
        banning = self._http["ip_ban_enabled"] and threshold > 0
        sink = hub.parts.get("audit")
        self.manager = AuthManager(
            hub.config_dir,
            hub.clock,
            access_token_lifetime=timedelta(minutes=self._settings["access_token_minutes"]),
            login_attempts_threshold=threshold if banning else 0,  # 0: never ban
            ban_duration=timedelta(minutes=self._settings["ban_minutes"]),
            require_mfa_for=self._settings["require_mfa_for"],
            audit=getattr(sink, "sink", None),
        )
        await self.manager.load()
        self.manager.watch()  # CLI edits (revocations, deactivations) reach the running hub
        hub.auth = self.manager

    async def stop(self) -> None:
        if self.manager is not None:
            await self.manager.close()


def _auth_part(hub: Hub, loaded: LoadedConfig) -> Part | None:
    settings = _block(hub, loaded, "auth", AUTH_SCHEMA) or AUTH_SCHEMA({})
    http_raw = config_for_domain(loaded.raw, "http")
    try:
        http = HTTP_AUTH_KEYS(dict(http_raw[0][1] or {}) if http_raw else {})
    except vol.Invalid:
        http = HTTP_AUTH_KEYS({})
    return AuthPart(settings, http)


# -- recorder -----------------------------------------------------------------------------
class RecorderPart:
    def __init__(self, config: Any) -> None:
        self._config = config
        self.recorder: Any = None
        self._unregister: Callable[[], None] | None = None

    async def start(self, hub: Hub) -> None:
        from .recorder import Recorder

        recorder = Recorder(hub.bus, hub.states, hub.clock, self._config, hub.config_dir)
        await recorder.start()  # NotReady when the database is unreachable: the hub retries
        self.recorder = recorder
        self._unregister = recorder.register_services(hub.services)
        hub.recorder = recorder

    async def stop(self) -> None:
        if self._unregister is not None:
            self._unregister()
        if self.recorder is not None:
            await self.recorder.stop()


def _recorder_part(hub: Hub, loaded: LoadedConfig) -> Part | None:
    from .recorder import CONFIG_SCHEMA, RecorderConfig

    if not (
        config_for_domain(loaded.raw, "recorder") or config_for_domain(loaded.raw, "default_config")
    ):
        return None
    value = _block(hub, loaded, "recorder", CONFIG_SCHEMA)
    if value is None and config_for_domain(loaded.raw, "recorder"):
        return None  # invalid: reported by _block
    tz = getattr(hub.time_zone, "key", "UTC")
    return RecorderPart(RecorderConfig.from_yaml(value or {}, time_zone=tz))


# -- http ---------------------------------------------------------------------------------
def _http_part(hub: Hub, loaded: LoadedConfig) -> Part | None:
    """The HTTP/websocket API when `http:` (or `default_config:`) is configured."""
    if not (
        config_for_domain(loaded.raw, "http") or config_for_domain(loaded.raw, "default_config")
    ):
        return None
    from .api.server import HttpServer

    return HttpServer()


PartFactory = Callable[["Hub", "LoadedConfig"], Part | None]
FACTORIES: list[tuple[str, PartFactory]] = [
    ("audit", _audit_part),
    ("auth", _auth_part),
    ("recorder", _recorder_part),
    ("http", _http_part),
]


def build_parts(hub: Hub, loaded: LoadedConfig) -> dict[str, Part]:
    """The parts this configuration asks for, in start order."""
    parts: dict[str, Part] = {}
    for name, factory in FACTORIES:
        try:
            part = factory(hub, loaded)
        except Exception:
            _LOGGER.exception("Could not configure %s", name)
            continue
        if part is not None:
            parts[name] = part
    return parts
