"""ESPHome websocket commands through a real hub + HttpServer against simulated devices."""

from __future__ import annotations

import logging
import socket
from pathlib import Path
from typing import Any

import pytest
from zeroconf import ServiceInfo

from hub.auth import UserRole
from integrations import esphome
from integrations.esphome.discovery import SERVICE_TYPE, Discovery
from tests.api.conftest import ApiEnv, MakeApi, command
from tests.conftest import write_config
from tests.esphome.conftest import SimFactory, hub_yaml, new_key, wait_state


async def start(make_api: MakeApi, config_dir: Path) -> ApiEnv:
    write_config(config_dir, hub_yaml())
    return await make_api()


async def test_add_list_remove_device_never_echoes_the_key(
    make_api: MakeApi,
    make_sim: SimFactory,
    config_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    key = new_key()
    sim = await make_sim(key=key)
    env = await start(make_api, config_dir)
    ws = await env.ws()

    empty = await command(ws, {"id": 1, "type": "esphome/device/list"})
    assert empty["result"] == []
    added = await command(
        ws,
        {
            "id": 2,
            "type": "esphome/device/add",
            "host": "127.0.0.1",
            "port": sim.port,
            "noise_psk": key,
        },
    )
    assert added["success"], added
    assert added["result"]["host"] == "127.0.0.1" and added["result"]["source"] == "api"
    assert "noise_psk" not in added["result"]
    await wait_state(env.hub, "switch.test_device_relay", lambda s: s.state == "off")

    listed = await command(ws, {"id": 3, "type": "esphome/device/list"})
    (device,) = listed["result"]
    assert device["connected"] and device["encrypted"] and device["name"] == "test-device"
    assert key not in str(listed)

    again = await command(
        ws,
        {
            "id": 4,
            "type": "esphome/device/add",
            "host": "127.0.0.1",
            "port": sim.port,
            "noise_psk": key,
        },
    )
    assert again["error"]["code"] == "invalid_format"
    assert key not in again["error"]["message"]

    bad_key = key[:-8] + "AAAA===="
    bad = await command(
        ws,
        {
            "id": 5,
            "type": "esphome/device/add",
            "host": "127.0.0.1",
            "port": 1234,
            "noise_psk": bad_key,
        },
    )
    assert not bad["success"]
    assert bad_key not in bad["error"]["message"] and "noise_psk" in bad["error"]["message"]

    removed = await command(
        ws, {"id": 6, "type": "esphome/device/remove", "host": "127.0.0.1", "port": sim.port}
    )
    assert removed["success"], removed
    missing = await command(
        ws, {"id": 7, "type": "esphome/device/remove", "host": "127.0.0.1", "port": sim.port}
    )
    assert missing["error"]["code"] == "not_found"
    assert (await command(ws, {"id": 8, "type": "esphome/device/list"}))["result"] == []
    assert key not in caplog.text and bad_key not in caplog.text


async def test_discovered_lists_announced_devices(make_api: MakeApi, config_dir: Path) -> None:
    env = await start(make_api, config_dir)
    ctx = env.hub.loader.loaded["esphome"].context
    discovery = Discovery(esphome.manager(ctx).on_discovered)  # what the zeroconf browser feeds
    discovery.handle(
        ServiceInfo(
            SERVICE_TYPE,
            f"porch.{SERVICE_TYPE}",
            addresses=[socket.inet_aton("127.0.0.1")],
            port=6053,
            properties={"mac": "aabbccddeeff", "friendly_name": "Porch"},
        )
    )
    ws = await env.ws()
    reply = await command(ws, {"id": 1, "type": "esphome/discovered"})
    (found,) = reply["result"]
    assert (found["name"], found["host"], found["port"]) == ("porch", "127.0.0.1", 6053)


@pytest.mark.parametrize(
    "msg",
    [
        {"type": "esphome/device/list"},
        {"type": "esphome/discovered"},
        {"type": "esphome/device/add", "host": "127.0.0.1", "noise_psk": "x"},
        {"type": "esphome/device/remove", "host": "127.0.0.1"},
    ],
)
async def test_non_admins_are_refused(
    make_api: MakeApi, config_dir: Path, msg: dict[str, Any]
) -> None:
    env = await start(make_api, config_dir)
    ws = await env.ws(await env.token("guest", UserRole.USER))
    reply = await command(ws, {"id": 1, **msg})
    assert reply["error"]["code"] == "unauthorized"
    assert esphome.list_devices(env.hub.loader.loaded["esphome"].context) == []


async def test_bad_messages_and_unload(make_api: MakeApi, config_dir: Path) -> None:
    env = await start(make_api, config_dir)
    ws = await env.ws()
    reply = await command(
        ws, {"id": 1, "type": "esphome/device/add", "host": "127.0.0.1", "port": 70000}
    )
    assert reply["error"]["code"] == "invalid_format"
    reply = await command(ws, {"id": 2, "type": "esphome/device/add", "port": 6053})
    assert reply["error"]["code"] == "invalid_format"
    await env.hub.stop()
    from hub.api import commands_for

    assert "esphome/device/list" not in commands_for(env.hub)
