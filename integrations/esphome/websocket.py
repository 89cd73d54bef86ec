"""Websocket commands to list, add and remove ESPHome devices and see discovered ones (admin).

The encryption key sent with `esphome/device/add` is validated and stored, never echoed in a
reply or an error, and never logged.
"""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from hub.api import ActiveConnection, Permission
from hub.integration import IntegrationContext

from . import add_device, discovered_devices, list_devices, remove_device
from .config import DEFAULT_PORT

_ADDRESS = {
    vol.Required("host"): vol.All(str, vol.Length(min=1, max=253)),
    vol.Optional("port", default=DEFAULT_PORT): vol.All(int, vol.Range(min=1, max=65535)),
}


def register(ctx: IntegrationContext) -> None:
    """Add the esphome/* commands; owned by `ctx`, so removed when ESPHome unloads."""

    def device_list(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        conn.send_result(msg["id"], [d.as_dict() for d in list_devices(ctx)])

    async def device_add(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        status = await add_device(
            ctx,
            msg["host"],
            msg["port"],
            msg.get("noise_psk") or None,
            allow_plaintext=msg["allow_plaintext"],
            allow_service_calls=msg["allow_service_calls"],
        )
        conn.send_result(msg["id"], status.as_dict())

    async def device_remove(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        await remove_device(ctx, msg["host"], msg["port"])
        conn.send_result(msg["id"])

    def discovered(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        conn.send_result(msg["id"], [d.as_dict() for d in discovered_devices(ctx)])

    ctx.register_command("esphome/device/list", {}, device_list, Permission.ADMIN)
    ctx.register_command(
        "esphome/device/add",
        {
            **_ADDRESS,
            vol.Optional("noise_psk"): vol.Any(None, str),
            vol.Optional("allow_plaintext", default=False): bool,
            vol.Optional("allow_service_calls", default=False): bool,
        },
        device_add,
        Permission.ADMIN,
    )
    ctx.register_command("esphome/device/remove", _ADDRESS, device_remove, Permission.ADMIN)
    ctx.register_command("esphome/discovered", {}, discovered, Permission.ADMIN)
