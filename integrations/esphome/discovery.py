"""Zeroconf discovery of ESPHome devices (`_esphomelib._tcp`): found devices are reported,
never connected to, until a user adds them."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from zeroconf import ServiceInfo, ServiceStateChange
from zeroconf.asyncio import AsyncServiceBrowser, AsyncServiceInfo, AsyncZeroconf

from hub.entity import sanitize

_LOGGER = logging.getLogger(__name__)

SERVICE_TYPE = "_esphomelib._tcp.local."
INFO_TIMEOUT_MS = 3000


@dataclass(frozen=True, slots=True)
class DiscoveredDevice:
    """An ESPHome device seen on the network (its TXT records are device-controlled)."""

    name: str
    host: str
    port: int
    mac: str | None = None
    friendly_name: str | None = None
    version: str | None = None
    encryption: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _txt(properties: dict[bytes, bytes | None], key: bytes) -> str | None:
    value = properties.get(key)
    return sanitize(value.decode("utf-8", "replace"), 64) if value else None


def parse_service_info(info: ServiceInfo) -> DiscoveredDevice | None:
    """The device described by a resolved zeroconf record (None if it has no IPv4/IPv6)."""
    addresses = info.parsed_scoped_addresses()
    if not addresses or not info.port:
        return None
    host = sorted(addresses, key=lambda a: ipaddress.ip_address(a.split("%")[0]).version)[0]
    props = info.properties
    mac = _txt(props, b"mac")
    if mac and ":" not in mac and len(mac) == 12:
        mac = ":".join(mac[i : i + 2] for i in range(0, 12, 2))
    return DiscoveredDevice(
        name=sanitize(info.name.removesuffix("." + info.type), 64),
        host=host,
        port=info.port,
        mac=mac.lower() if mac else None,
        friendly_name=_txt(props, b"friendly_name"),
        version=_txt(props, b"version"),
        encryption=_txt(props, b"api_encryption"),
    )


class Discovery:
    """Browses for ESPHome devices and calls `on_found` for each one resolved."""

    def __init__(
        self, on_found: Callable[[DiscoveredDevice], None], interfaces: Any = None
    ) -> None:
        self._on_found = on_found
        self._interfaces = interfaces
        self._zc: AsyncZeroconf | None = None
        self._browser: AsyncServiceBrowser | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        kwargs = {"interfaces": self._interfaces} if self._interfaces else {}
        try:
            self._zc = AsyncZeroconf(**kwargs)
        except OSError as err:  # no multicast here: configured devices still work
            _LOGGER.warning("ESPHome discovery is off: cannot start zeroconf (%s)", err)
            return
        self._browser = AsyncServiceBrowser(
            self._zc.zeroconf, SERVICE_TYPE, handlers=[self._on_change]
        )

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        if self._browser is not None:
            await self._browser.async_cancel()
        if self._zc is not None:
            await self._zc.async_close()
        self._browser = self._zc = None

    def _on_change(
        self, zeroconf: Any, service_type: str, name: str, state_change: ServiceStateChange
    ) -> None:
        if state_change is ServiceStateChange.Removed:
            return
        task = asyncio.get_running_loop().create_task(
            self._resolve(service_type, name), name="esphome:discovery"
        )
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _resolve(self, service_type: str, name: str) -> None:
        if self._zc is None:
            return
        info = AsyncServiceInfo(service_type, name)
        if not await info.async_request(self._zc.zeroconf, INFO_TIMEOUT_MS):
            return
        self.handle(info)

    def handle(self, info: ServiceInfo) -> None:
        """Report one resolved record (also the entry point tests use)."""
        device = parse_service_info(info)
        if device is not None:
            self._on_found(device)
