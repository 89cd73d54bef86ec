"""`bastion simulate esphome`: the simulator as a process a real client can use."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
from pathlib import Path

from aioesphomeapi import APIClient, CameraState, EntityState

from integrations.esphome.simulator.config_file import load_device
from integrations.esphome.simulator.images import TEST_CARD_JPEG

DEMO = Path(__file__).parents[2] / "integrations/esphome/simulator/demo_device.yaml"
START_TIMEOUT = 20.0


async def test_simulate_command_serves_the_demo_device() -> None:
    key = load_device(DEMO).config.encryption_key
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "integrations.esphome.cli",
        "simulate",
        "esphome",
        "--config",
        str(DEMO),
        "--port",
        "0",
        stdout=asyncio.subprocess.PIPE,
        cwd=DEMO.parents[3],
    )
    try:
        assert proc.stdout is not None
        async with asyncio.timeout(START_TIMEOUT):
            line = (await proc.stdout.readline()).decode()
        match = re.search(r"on 127\.0\.0\.1:(\d+), encrypted", line)
        assert match, line
        client = APIClient("127.0.0.1", int(match.group(1)), None, noise_psk=key)
        async with asyncio.timeout(START_TIMEOUT):
            await client.connect(login=True)
            info, entities, services = await client.device_info_and_list_entities()
            frame: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()

            def on_state(state: EntityState) -> None:
                if isinstance(state, CameraState) and not frame.done():
                    frame.set_result(state.data)

            client.subscribe_states(on_state)
            client.request_single_image()
            image = await frame
            await client.disconnect()
        assert info.name == "demo-entrance"
        assert len(entities) == 12 and [s.name for s in services] == ["ring_chime"]
        assert image == TEST_CARD_JPEG
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGINT)
        async with asyncio.timeout(START_TIMEOUT):
            code = await proc.wait()
    assert code == 0


def test_bad_device_file_is_reported(tmp_path: Path) -> None:
    from integrations.esphome.cli import main

    bad = tmp_path / "device.yaml"
    bad.write_text("entities:\n  - {platform: toaster, id: t}\n")
    assert main(["simulate", "esphome", "--config", str(bad)]) == 2


def test_wiggle_changes_binary_and_numeric_sensors() -> None:
    import random

    from integrations.esphome.cli import change_something

    device = load_device(DEMO)
    before = {k: dict(e.state) for k, e in device.entities.items()}
    change_something(device, random.Random(1))
    changed = {k for k, e in device.entities.items() if e.state != before[k]}
    assert "temperature" in changed
    assert changed & {"front_door", "motion"}
    assert "door_lock" not in changed
