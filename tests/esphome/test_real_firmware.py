"""The integration against real ESPHome firmware (host platform, built with g++, plaintext)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from hub.states import STATE_UNAVAILABLE
from tests.conftest import service_missing
from tests.esphome.conftest import wait_state
from tests.esphome.firmware import BuildError, build_firmware

PORT = 36053
START_TIMEOUT = 20.0
STOP_TIMEOUT = 5.0
FIRMWARE_YAML = f"""\
esphome:
  name: bastion-fw
  friendly_name: Bastion firmware
host:
  mac_address: "02:00:00:00:fe:01"
logger:
  level: DEBUG
mdns:
  disabled: true
api:
  port: {PORT}
switch:
  - platform: template
    id: relay
    name: Relay
    optimistic: true
    turn_on_action:
      - binary_sensor.template.publish:
          id: contact
          state: ON
    turn_off_action:
      - binary_sensor.template.publish:
          id: contact
          state: OFF
binary_sensor:
  - platform: template
    id: contact
    name: Contact
    device_class: door
sensor:
  - platform: template
    name: Power
    lambda: return 42.5;
    update_interval: 1s
    unit_of_measurement: W
    device_class: power
    accuracy_decimals: 1
"""

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


@pytest.fixture(scope="session")
def firmware() -> Path:
    try:
        return build_firmware(FIRMWARE_YAML, "bastion-fw")
    except BuildError as err:
        service_missing("ESPHome host firmware", str(err))
        raise


class Firmware:
    """The firmware process, started and stopped by its pid."""

    def __init__(self, binary: Path, log: Path) -> None:
        self._binary = binary
        self._log = log
        self._proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self._log.open("ab") as log:
            self._proc = await asyncio.create_subprocess_exec(
                str(self._binary), stdout=log, stderr=log
            )
        async with asyncio.timeout(START_TIMEOUT):
            while True:
                try:
                    _, writer = await asyncio.open_connection("127.0.0.1", PORT)
                except OSError:
                    await asyncio.sleep(0.1)
                    continue
                writer.close()
                await writer.wait_closed()
                return

    async def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None or proc.returncode is not None:
            return
        proc.terminate()
        try:
            async with asyncio.timeout(STOP_TIMEOUT):
                await proc.wait()
        except TimeoutError:
            proc.kill()
            await proc.wait()


@pytest.fixture
async def running(firmware: Path, tmp_path: Path) -> AsyncIterator[Firmware]:
    device = Firmware(firmware, tmp_path / "firmware.log")
    await device.start()
    yield device
    await device.stop()


async def test_real_firmware_states_commands_and_reconnect(
    make_hub, running: Firmware, config_dir: Path
) -> None:
    hub = await make_hub(
        "esphome:\n  discovery: false\n  devices:\n"
        f"    - host: 127.0.0.1\n      port: {PORT}\n      allow_plaintext: true\n"
    )
    power = await wait_state(hub, "sensor.bastion_firmware_power", lambda s: s.state == "42.5")
    assert power.attributes["unit_of_measurement"] == "W"
    assert power.attributes["device_class"] == "power"
    contact = hub.states.get("binary_sensor.bastion_firmware_contact")
    assert contact is not None and contact.attributes["device_class"] == "door"
    device = hub.registries.devices.find(connections=[("mac", "02:00:00:00:fe:01")])
    assert device is not None and device.sw_version.startswith("ESPHome 20")

    await hub.services.call("switch", "turn_on", {"entity_id": "switch.bastion_firmware_relay"})
    await wait_state(hub, "switch.bastion_firmware_relay", lambda s: s.state == "on")
    await wait_state(hub, "binary_sensor.bastion_firmware_contact", lambda s: s.state == "on")

    await running.stop()
    await wait_state(hub, "switch.bastion_firmware_relay", lambda s: s.state == STATE_UNAVAILABLE)
    await running.start()
    await wait_state(hub, "sensor.bastion_firmware_power", lambda s: s.state == "42.5", timeout=30)
