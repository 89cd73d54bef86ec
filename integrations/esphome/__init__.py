"""ESPHome: devices speaking the ESPHome native API (aioesphomeapi), encrypted by default."""

from __future__ import annotations

from typing import Any

from hub.errors import NotReady
from hub.integration import IntegrationContext

from .config import CONFIG_SCHEMA
from .discovery import DiscoveredDevice
from .manager import DeviceStatus, ESPHomeManager

DOMAIN = "esphome"
_MANAGERS: dict[IntegrationContext, ESPHomeManager] = {}

__all__ = [
    "CONFIG_SCHEMA",
    "DeviceStatus",
    "DiscoveredDevice",
    "add_device",
    "discovered_devices",
    "list_devices",
    "manager",
    "remove_device",
    "setup",
    "unload",
]


async def setup(ctx: IntegrationContext, config: dict[str, Any] | None) -> bool:
    """Connect every configured device (YAML and stored); discovery reports new ones."""
    config = config or {"devices": [], "discovery": True}
    esphome = ESPHomeManager(ctx, discovery=config["discovery"])
    _MANAGERS[ctx] = esphome
    ctx.on_unload(lambda: _MANAGERS.pop(ctx, None))
    ctx.on_unload(esphome.stop)
    await esphome.start(config["devices"])
    from . import websocket  # after the manager exists: the commands call into it

    websocket.register(ctx)
    return True


async def unload(ctx: IntegrationContext) -> None:
    """Disconnect every device (the context then removes entities, services and tasks)."""
    esphome = _MANAGERS.pop(ctx, None)
    if esphome is not None:
        await esphome.stop()


def manager(ctx: IntegrationContext) -> ESPHomeManager:
    try:
        return _MANAGERS[ctx]
    except KeyError:
        raise NotReady("The ESPHome integration is not set up") from None


async def add_device(
    ctx: IntegrationContext,
    host: str,
    port: int = 6053,
    noise_psk: str | None = None,
    *,
    allow_plaintext: bool = False,
    allow_service_calls: bool = False,
) -> DeviceStatus:
    """Add a device (what the websocket `esphome/add_device` command calls); persisted."""
    return await manager(ctx).add_device(
        host,
        port,
        noise_psk,
        allow_plaintext=allow_plaintext,
        allow_service_calls=allow_service_calls,
    )


async def remove_device(ctx: IntegrationContext, host: str, port: int = 6053) -> None:
    await manager(ctx).remove_device(host, port)


def list_devices(ctx: IntegrationContext) -> list[DeviceStatus]:
    return manager(ctx).list_devices()


def discovered_devices(ctx: IntegrationContext) -> list[DiscoveredDevice]:
    return list(manager(ctx).discovered.values())
