"""ESPHomeManager: the configured devices (YAML and API-added, persisted), discovery, and the
functions the websocket/UI layer calls."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import voluptuous as vol

from hub.errors import NotFound, ValidationError
from hub.registry import slugify
from hub.services import ServiceCall, SupportsResponse
from hub.storage import Store

from .config import DeviceSettings
from .connection import DeviceConnection
from .discovery import DiscoveredDevice, Discovery

if TYPE_CHECKING:
    from hub.integration import IntegrationContext

_LOGGER = logging.getLogger(__name__)

STORAGE_KEY = "esphome.devices"
STORAGE_VERSION = 1
DISCOVERY_NOTIFICATION = "esphome_discovered_"


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    """A device's connection and security posture (no secrets) for the UI and reports."""

    host: str
    port: int
    name: str
    source: str
    encrypted: bool
    allow_plaintext: bool
    allow_service_calls: bool
    connected: bool
    problem: str | None

    def as_dict(self) -> dict[str, Any]:
        return {field: getattr(self, field) for field in self.__slots__}  # type: ignore[attr-defined]


class ESPHomeManager:
    """Owns every device connection of the integration."""

    def __init__(self, ctx: IntegrationContext, *, discovery: bool) -> None:
        self._ctx = ctx
        self._store = Store(ctx.config_dir, STORAGE_KEY, STORAGE_VERSION, private=True)
        self._stored: list[DeviceSettings] = []
        self.devices: dict[str, DeviceConnection] = {}
        self.discovered: dict[str, DiscoveredDevice] = {}
        self._discovery = Discovery(self.on_discovered) if discovery else None

    async def start(self, yaml_devices: list[dict[str, Any]]) -> None:
        for data in yaml_devices:
            await self._connect(DeviceSettings.from_config(data, "yaml"))
        stored = await self._store.load() or []
        for data in stored:
            settings = DeviceSettings.from_config(data, "api")
            if settings.address in self.devices:
                continue  # YAML wins over an API entry for the same address
            self._stored.append(settings)
            await self._connect(settings)
        self._ctx.register_service(
            "list_devices",
            self._list_service,
            vol.Schema({}),
            supports_response=SupportsResponse.ONLY,
        )
        if self._discovery is not None:
            await self._discovery.start()

    async def stop(self) -> None:
        if self._discovery is not None:
            await self._discovery.stop()
        for device in list(self.devices.values()):
            await device.stop()
        self.devices.clear()

    async def _connect(self, settings: DeviceSettings) -> DeviceConnection:
        if settings.address in self.devices:
            raise ValidationError(f"ESPHome device {settings.address} is already configured")
        device = DeviceConnection(self._ctx, settings)
        self.devices[settings.address] = device
        await device.start()
        return device

    # -- API ----------------------------------------------------------------------------------
    async def add_device(
        self,
        host: str,
        port: int,
        noise_psk: str | None,
        *,
        allow_plaintext: bool = False,
        allow_service_calls: bool = False,
    ) -> DeviceStatus:
        """Add (and persist) a device; it connects in the background."""
        data: dict[str, Any] = {
            "host": host,
            "port": port,
            "allow_plaintext": allow_plaintext,
            "allow_service_calls": allow_service_calls,
        }
        if noise_psk:
            data["noise_psk"] = noise_psk
        try:
            settings = DeviceSettings.from_config(data, "api")
        except vol.Invalid as err:
            raise ValidationError(f"Invalid ESPHome device: {err}") from None
        device = await self._connect(settings)
        self._stored.append(settings)
        await self._store.save([s.stored() for s in self._stored])
        for key, found in list(self.discovered.items()):
            if (found.host, found.port) == (host, port):
                self.discovered.pop(key)
                self._ctx.notifications.dismiss(DISCOVERY_NOTIFICATION + slugify(key))
        return self.status(device)

    async def remove_device(self, host: str, port: int) -> None:
        """Remove a device added through the API (YAML devices are removed from YAML)."""
        address = f"{host}:{port}"
        device = self.devices.get(address)
        if device is None:
            raise NotFound(f"No ESPHome device at {address}")
        if device.settings.source != "api":
            raise ValidationError(f"{address} is configured in YAML; remove it there")
        await device.stop()
        del self.devices[address]
        self._stored = [s for s in self._stored if s.address != address]
        await self._store.save([s.stored() for s in self._stored])

    def status(self, device: DeviceConnection) -> DeviceStatus:
        s = device.settings
        return DeviceStatus(
            s.host,
            s.port,
            device.name,
            s.source,
            device.encrypted,
            s.allow_plaintext,
            s.allow_service_calls,
            device.connected,
            device.problem,
        )

    def list_devices(self) -> list[DeviceStatus]:
        return [self.status(d) for d in self.devices.values()]

    async def _list_service(self, call: ServiceCall) -> dict[str, Any]:
        return {
            "devices": [d.as_dict() for d in self.list_devices()],
            "discovered": [d.as_dict() for d in self.discovered.values()],
        }

    # -- discovery ----------------------------------------------------------------------------
    def on_discovered(self, found: DiscoveredDevice) -> None:
        """A device announced itself: kick a known one, report an unknown one."""
        for device in self.devices.values():
            same_mac = found.mac is not None and found.mac == device.mac
            if same_mac or (device.settings.host, device.settings.port) == (found.host, found.port):
                device.notify_seen()
                return
        if found.name in self.discovered:
            self.discovered[found.name] = found
            return
        self.discovered[found.name] = found
        label = found.friendly_name or found.name
        self._ctx.notify(
            f"ESPHome device **{label}** was discovered at {found.host}:{found.port} but is not "
            "added. Add it with its encryption key to use it.",
            "ESPHome device discovered",
            DISCOVERY_NOTIFICATION + slugify(found.name),
        )
