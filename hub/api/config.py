"""HttpConfig: the validated `http:` block (bind address, TLS, proxies, limits)."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import voluptuous as vol

from ..errors import ValidationError
from ..services import humanize

DEFAULT_PORT = 8123
MAX_BODY_SIZE = 16 * 1024 * 1024  # bytes; larger request bodies get 413
MAX_WS_MESSAGE_SIZE = 4 * 1024 * 1024  # bytes; a larger incoming frame closes the socket (1009)
MAX_PENDING_MESSAGES = 4096  # per websocket connection; beyond this the client is cut off

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def _networks(value: Any) -> list[IpNetwork]:
    items = [value] if isinstance(value, str) else list(value or [])
    try:
        return [ipaddress.ip_network(str(item), strict=False) for item in items]
    except ValueError as err:
        raise vol.Invalid(f"invalid trusted proxy network: {err}") from None


_SCHEMA = vol.Schema(
    {
        vol.Optional("server_host", default="0.0.0.0"): vol.Any(str, [str]),
        vol.Optional("server_port", default=DEFAULT_PORT): vol.All(
            vol.Coerce(int), vol.Range(min=0, max=65535)
        ),
        vol.Optional("ssl_certificate"): str,
        vol.Optional("ssl_key"): str,
        vol.Optional("cors_allowed_origins", default=[]): vol.Any(str, [str]),
        vol.Optional("use_x_forwarded_for", default=False): bool,
        vol.Optional("trusted_proxies", default=[]): _networks,
        vol.Optional("login_attempts_threshold", default=5): vol.All(
            vol.Coerce(int), vol.Range(min=-1)
        ),
        vol.Optional("ip_ban_enabled", default=True): bool,
        vol.Optional("max_body_size", default=MAX_BODY_SIZE): vol.All(int, vol.Range(min=1024)),
        vol.Optional("max_ws_message_size", default=MAX_WS_MESSAGE_SIZE): vol.All(
            int, vol.Range(min=1024)
        ),
        vol.Optional("ws_max_pending", default=MAX_PENDING_MESSAGES): vol.All(
            int, vol.Range(min=8)
        ),
        vol.Optional("frontend_dir"): str,
    },
    extra=vol.PREVENT_EXTRA,
)


@dataclass(frozen=True, slots=True)
class HttpConfig:
    """Where and how the API listens. Tests use server_host 127.0.0.1, server_port 0."""

    server_host: tuple[str, ...] = ("0.0.0.0",)
    server_port: int = DEFAULT_PORT
    ssl_certificate: Path | None = None
    ssl_key: Path | None = None
    cors_allowed_origins: tuple[str, ...] = ()
    use_x_forwarded_for: bool = False
    trusted_proxies: tuple[IpNetwork, ...] = ()
    login_attempts_threshold: int = 5  # -1 disables banning (failures are still slowed)
    ip_ban_enabled: bool = True
    max_body_size: int = MAX_BODY_SIZE
    max_ws_message_size: int = MAX_WS_MESSAGE_SIZE
    ws_max_pending: int = MAX_PENDING_MESSAGES
    frontend_dir: Path | None = None

    @property
    def uses_tls(self) -> bool:
        return self.ssl_certificate is not None

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any] | None, config_dir: Path | None = None) -> HttpConfig:
        """Validate an `http:` block; ValidationError with a readable message."""
        try:
            data = _SCHEMA(dict(raw or {}))
        except vol.Invalid as err:
            raise ValidationError(f"Invalid http config: {humanize(err)}") from err
        if ("ssl_certificate" in data) != ("ssl_key" in data):
            raise ValidationError("Invalid http config: ssl_certificate and ssl_key go together")
        base = config_dir or Path(".")

        def path(key: str) -> Path | None:
            value = data.get(key)
            return (base / value).resolve() if value else None

        hosts = data["server_host"]
        origins = data["cors_allowed_origins"]
        return cls(
            server_host=(hosts,) if isinstance(hosts, str) else tuple(hosts),
            server_port=data["server_port"],
            ssl_certificate=path("ssl_certificate"),
            ssl_key=path("ssl_key"),
            cors_allowed_origins=(origins,) if isinstance(origins, str) else tuple(origins),
            use_x_forwarded_for=data["use_x_forwarded_for"],
            trusted_proxies=tuple(data["trusted_proxies"]),
            login_attempts_threshold=data["login_attempts_threshold"],
            ip_ban_enabled=data["ip_ban_enabled"],
            max_body_size=data["max_body_size"],
            max_ws_message_size=data["max_ws_message_size"],
            ws_max_pending=data["ws_max_pending"],
            frontend_dir=path("frontend_dir"),
        )
