"""Fixtures: simulated ESPHome devices on 127.0.0.1 and a hub configured to use them."""

from __future__ import annotations

import asyncio
import base64
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from hub.events import Event
from hub.runtime import Hub
from hub.states import State
from integrations.esphome.simulator import DeviceConfig, SimulatedDevice
from tests.conftest import write_config

WAIT = 5.0

ENTITIES: list[dict[str, Any]] = [
    {"platform": "binary_sensor", "id": "front_door", "name": "Front door", "device_class": "door"},
    {
        "platform": "sensor",
        "id": "temperature",
        "name": "Temperature",
        "unit_of_measurement": "°C",
        "device_class": "temperature",
        "state_class": "measurement",
        "accuracy_decimals": 1,
        "state": 21.5,
    },
    {"platform": "text_sensor", "id": "status", "name": "Status", "state": "idle"},
    {"platform": "switch", "id": "relay", "name": "Relay"},
]

SimFactory = Callable[..., Awaitable[SimulatedDevice]]


def new_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


@pytest.fixture
async def make_sim() -> AsyncIterator[SimFactory]:
    """Start simulated devices (ephemeral ports); all are stopped at the end."""
    started: list[SimulatedDevice] = []

    async def factory(
        entities: list[dict[str, Any]] | None = None, *, key: str | None = None, **settings: Any
    ) -> SimulatedDevice:
        config = DeviceConfig(
            name=settings.pop("name", "test-device"),
            friendly_name=settings.pop("friendly_name", "Test device"),
            port=settings.pop("port", 0),
            encryption_key=key,
            entities=ENTITIES if entities is None else entities,
            **settings,
        )
        sim = SimulatedDevice(config)
        await sim.start()
        started.append(sim)
        return sim

    yield factory
    for sim in started:
        await sim.stop()


def hub_yaml(*devices: str, discovery: bool = False) -> str:
    body = "".join(devices)
    listing = f"  devices:\n{body}" if body else "  devices: []\n"
    return f"esphome:\n  discovery: {'true' if discovery else 'false'}\n{listing}"


def device_yaml(sim: SimulatedDevice, *, secret: str | None = None, **extra: Any) -> str:
    lines = [f"    - host: 127.0.0.1\n      port: {sim.port}\n"]
    if secret:
        lines.append(f"      noise_psk: !secret {secret}\n")
    for key, value in extra.items():
        lines.append(f"      {key}: {str(value).lower() if isinstance(value, bool) else value}\n")
    return "".join(lines)


def write_secrets(config_dir: Any, **secrets: str) -> None:
    write_config(
        config_dir, "".join(f"{k}: {v}\n" for k, v in secrets.items()), name="secrets.yaml"
    )


async def wait_state(
    hub: Hub, entity_id: str, predicate: Callable[[State], bool], timeout: float = WAIT
) -> State:
    """Wait until the entity's state satisfies `predicate` (driven by state_changed events)."""
    changed = asyncio.Event()

    def listener(event: Event) -> None:
        changed.set()

    unsub = hub.bus.listen_entities("state_changed", [entity_id], listener)
    try:
        async with asyncio.timeout(timeout):
            while True:
                state = hub.states.get(entity_id)
                if state is not None and predicate(state):
                    return state
                changed.clear()
                await changed.wait()
    finally:
        unsub()


async def wait_for(predicate: Callable[[], bool], hub: Hub, timeout: float = WAIT) -> None:
    """Wait until `predicate()` holds, re-checking on every hub event."""
    changed = asyncio.Event()
    unsub = hub.bus.listen("*", lambda event: changed.set())
    try:
        async with asyncio.timeout(timeout):
            while not predicate():
                changed.clear()
                await changed.wait()
    finally:
        unsub()


from tests.api.conftest import make_api  # noqa: E402  (the HTTP API fixture for websocket tests)

__all__ = ["make_api"]
