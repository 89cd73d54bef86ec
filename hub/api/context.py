"""ApiContext: what every view and websocket command shares (hub, auth, config, clients)."""

from __future__ import annotations

import ipaddress
import logging
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ..auth import AuthManager, EntityInfo
from ..entity import sanitize
from .config import HttpConfig
from .websocket.messages import StateChangeCache
from .websocket.registry import CommandRegistry

if TYPE_CHECKING:
    from ..runtime import Hub
    from .websocket.connection import WebSocketSession

_LOGGER = logging.getLogger(__name__)

EVENT_LOGIN_FAILED = "bastion_login_failed"


class RegistryLookup:
    """Registry facts for permission checks (area through the device when unset)."""

    def __init__(self, hub: Hub) -> None:
        self._hub = hub

    def entity_info(self, entity_id: str) -> EntityInfo | None:
        registries = self._hub.registries
        entry = registries.entities.get(entity_id)
        if entry is None:
            return None
        return EntityInfo(
            entity_id=entity_id,
            domain=entity_id.partition(".")[0],
            device_id=entry.device_id,
            area_id=registries.area_of_entity(entity_id),
            floor_id=registries.floor_of_entity(entity_id),
            labels=frozenset(registries.labels_of_entity(entity_id)),
        )


class ApiContext:
    """Shared state of one running API server."""

    def __init__(
        self, hub: Hub, auth: AuthManager, config: HttpConfig, commands: CommandRegistry
    ) -> None:
        self.hub = hub
        self.auth = auth
        self.config = config
        self.commands = commands
        self.entity_lookup = RegistryLookup(hub)
        self.state_changes = StateChangeCache()
        self.connections: set[WebSocketSession] = set()
        self.started_at = hub.clock.now()
        self.extras: dict[str, Any] = {}

    def remote_ip(self, request: web.Request) -> str:
        """The client address; X-Forwarded-For is honoured only from trusted proxies."""
        peer = request.remote or "unknown"
        if not self.config.use_x_forwarded_for or not self._trusted(peer):
            return peer
        forwarded = request.headers.getall("X-Forwarded-For", [])
        hops = [h.strip() for value in forwarded for h in value.split(",") if h.strip()]
        for hop in reversed(hops):  # the rightmost address a trusted proxy did not add
            if not self._trusted(hop):
                return sanitize(hop, 64)
        return hops[0] if hops else peer

    def _trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.config.trusted_proxies)

    def is_banned(self, remote_ip: str) -> bool:
        return self.config.ip_ban_enabled and self.auth.throttle.is_banned(remote_ip)

    async def record_auth_failure(self, remote_ip: str, reason: str) -> float:
        """Count a failed authentication; returns the delay the caller should impose."""
        failure = await self.auth.throttle.record_failure(remote_ip, reason)
        return failure.delay if failure is not None else 0.0
