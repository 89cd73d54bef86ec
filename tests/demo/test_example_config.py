"""The example configuration directory (config/) loads cleanly and its security system,
automations, alerts and ESPHome demo device work."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from hub.clock import FakeClock
from hub.runtime import Hub
from integrations.demo.actuators import LOCK_DELAY, TRAVEL_TIME
from integrations.esphome.simulator.config_file import load_device
from tests.demo.example import copy_example, demo_secrets

OFFICE = "alarm_control_panel.office"
SERVER_ROOM = "alarm_control_panel.server_room"
WAIT = 10.0


def secrets_of(config_dir: Path) -> dict[str, str]:
    return yaml.safe_load((config_dir / "secrets.yaml").read_text(encoding="utf-8"))


def state_of(hub: Hub, entity_id: str) -> str:
    found = hub.states.get(entity_id)
    assert found is not None, f"{entity_id} missing"
    return found.state


async def wait_until(hub: Hub, entity_id: str, wanted: str) -> None:
    """Wait (real time, driven by state_changed events) until the entity is in `wanted`."""
    changed = asyncio.Event()
    unsub = hub.bus.listen_entities("state_changed", [entity_id], lambda e: changed.set())
    try:
        async with asyncio.timeout(WAIT):
            while (found := hub.states.get(entity_id)) is None or found.state != wanted:
                changed.clear()
                await changed.wait()
    finally:
        unsub()


async def test_example_config_loads_with_the_esphome_device(
    make_hub: Any, config_dir: Path
) -> None:
    copy_example(config_dir, esphome_port=0)  # port replaced below once the device listens
    device = load_device(config_dir / ".demo" / "esphome_device.yaml")
    device.port = 0
    await device.start()
    try:
        main = config_dir / "configuration.yaml"
        text = main.read_text(encoding="utf-8").replace(
            "      port: 0\n", f"      port: {device.port}\n"
        )
        main.write_text(text, encoding="utf-8")
        hub = await make_hub()
        assert hub.config_errors == []
        assert hub.loader.report.failed == {}
        assert {
            "demo", "automation", "script", "group", "timer", "counter",
            "alarm", "notify", "alert", "esphome",
        } <= set(hub.loader.report.loaded)  # fmt: skip
        assert len(hub.states.entity_ids("automation")) == 2
        for panel in (OFFICE, SERVER_ROOM, "alarm_control_panel.master"):
            assert state_of(hub, panel) == "disarmed"
        assert state_of(hub, "alert.back_door") == "idle"
        assert hub.services.has("notify", "app")
        assert hub.states.get("binary_sensor.front_door").attributes["icon"] == "mdi:door"
        # the simulated ESPHome device speaks Noise with the key generated into secrets.yaml
        await wait_until(hub, "lock.demo_entrance_door_lock", "locked")
        await hub.stop()
    finally:
        await device.stop()


async def test_hub_starts_without_the_esphome_device(make_hub: Any, config_dir: Path) -> None:
    copy_example(config_dir)  # nothing listens on the device's port
    hub = await make_hub()
    assert hub.config_errors == []
    assert hub.loader.report.failed == {}
    assert "esphome" in hub.loader.report.loaded
    device_lock = hub.states.get("lock.demo_entrance_door_lock")
    assert device_lock is None or device_lock.state == "unavailable"
    assert state_of(hub, OFFICE) == "disarmed"


async def test_arm_then_fire_runs_the_fire_playbook(
    make_hub: Any, config_dir: Path, clock: FakeClock
) -> None:
    copy_example(config_dir)
    code = secrets_of(config_dir)["alarm_owner_code"]
    hub = await make_hub()
    call = hub.services.call
    await call("alarm_control_panel", "alarm_arm_away", {"entity_id": OFFICE, "code": code})
    assert state_of(hub, OFFICE) == "arming"
    await clock.advance(60)
    assert state_of(hub, OFFICE) == "armed_away"
    await call("demo", "set_sensor", {"entity_id": "binary_sensor.kitchen_smoke", "state": "on"})
    await clock.advance(LOCK_DELAY + 1)
    assert state_of(hub, OFFICE) == "triggered"
    assert state_of(hub, "lock.front_door") == "unlocked"
    assert state_of(hub, "lock.back_door") == "unlocked"
    assert state_of(hub, "switch.exit_sign_lighting") == "on"
    assert state_of(hub, "light.open_office_lights") == "on"
    assert state_of(hub, "climate.office_hvac") == "off"
    assert state_of(hub, "siren.exterior_siren") == "on"
    assert state_of(hub, "valve.water_main") == "open"
    # the egress doors stay unlocked: the 20:00 lock automation would be refused too
    response = await call("alarm", "incidents", {}, return_response=True)
    assert any(i["kind"] == "fire" for i in response["incidents"])


async def test_duress_code_disarms_silently(
    make_hub: Any, config_dir: Path, clock: FakeClock
) -> None:
    copy_example(config_dir)
    secrets = secrets_of(config_dir)
    hub = await make_hub()
    call = hub.services.call
    await call(
        "alarm_control_panel",
        "alarm_arm_away",
        {"entity_id": OFFICE, "code": secrets["alarm_owner_code"]},
    )
    await clock.advance(60)
    await call(
        "alarm_control_panel",
        "alarm_disarm",
        {"entity_id": OFFICE, "code": secrets["alarm_owner_duress_code"]},
    )
    await clock.advance(120)
    assert state_of(hub, OFFICE) == "disarmed"
    assert state_of(hub, "siren.exterior_siren") == "off"
    sent = await call("notify", "deliveries", {}, return_response=True)
    assert sent["deliveries"] == []  # nothing an intruder could see in the UI or the app
    listed = await call("alarm", "incidents", {}, return_response=True)
    assert listed["incidents"] == []


async def test_leak_closes_the_water_main(
    make_hub: Any, config_dir: Path, clock: FakeClock
) -> None:
    copy_example(config_dir)
    hub = await make_hub()
    await hub.services.call(
        "demo", "set_sensor", {"entity_id": "binary_sensor.stockroom_water_leak", "state": "on"}
    )
    await clock.advance(TRAVEL_TIME + 1)
    assert state_of(hub, "valve.water_main") == "closed"
    assert state_of(hub, "valve.gas_supply") == "open"
    assert state_of(hub, OFFICE) == "disarmed"  # a leak is an incident, not a triggered panel


async def test_gas_closes_the_gas_supply_and_stops_the_hvac(
    make_hub: Any, config_dir: Path, clock: FakeClock
) -> None:
    copy_example(config_dir)
    hub = await make_hub()
    await hub.services.call(
        "demo", "set_sensor", {"entity_id": "binary_sensor.kitchen_gas", "state": "on"}
    )
    await clock.advance(TRAVEL_TIME + 1)
    assert state_of(hub, "valve.gas_supply") == "closed"
    assert state_of(hub, "climate.office_hvac") == "off"
    assert state_of(hub, "valve.water_main") == "open"


async def test_owner_badge_toggles_the_server_room(
    make_hub: Any, config_dir: Path, clock: FakeClock
) -> None:
    copy_example(config_dir)
    badge = secrets_of(config_dir)["alarm_owner_badge"]
    hub = await make_hub()
    await hub.services.call("demo", "scan_tag", {"tag_id": badge, "reader": "server_room"})
    await clock.advance(30)
    assert state_of(hub, SERVER_ROOM) == "armed_away"
    assert state_of(hub, OFFICE) == "disarmed"
    await hub.services.call(
        "demo", "scan_tag", {"tag_id": "demo-badge-01", "reader": "server_room"}
    )
    await clock.advance(1)
    assert state_of(hub, SERVER_ROOM) == "armed_away"  # an unknown badge does nothing
    await hub.services.call("demo", "scan_tag", {"tag_id": badge, "reader": "server_room"})
    await clock.advance(1)
    assert state_of(hub, SERVER_ROOM) == "disarmed"


async def test_back_door_left_open_alert(make_hub: Any, config_dir: Path, clock: FakeClock) -> None:
    copy_example(config_dir)
    hub = await make_hub()
    await hub.services.call(
        "demo", "set_sensor", {"entity_id": "binary_sensor.back_door", "state": "on"}
    )
    await clock.advance(1)
    assert state_of(hub, "alert.back_door") == "on"
    sent = await hub.services.call("notify", "deliveries", {}, return_response=True)
    assert sent["deliveries"] == []  # five minutes of grace first
    await clock.advance(300)
    sent = await hub.services.call("notify", "deliveries", {}, return_response=True)
    assert {d["channel"] for d in sent["deliveries"]} >= {"persistent_notification", "app"}
    await hub.services.call("alert", "turn_off", {"entity_id": "alert.back_door"})
    assert state_of(hub, "alert.back_door") == "off"


async def test_doors_lock_at_eight(make_hub: Any, config_dir: Path, clock: FakeClock) -> None:
    copy_example(config_dir)
    await clock.set(datetime(2026, 1, 6, 19, 0, tzinfo=UTC))  # 19:00 in London (GMT)
    hub = await make_hub()
    await hub.services.call("lock", "unlock", {"entity_id": "lock.back_door"})
    await clock.advance(LOCK_DELAY)
    assert state_of(hub, "lock.back_door") == "unlocked"
    await clock.set(datetime(2026, 1, 6, 20, 0, 1, tzinfo=UTC))
    await clock.advance(LOCK_DELAY)
    assert state_of(hub, "lock.back_door") == "locked"


def test_check_config_is_clean(config_dir: Path) -> None:
    copy_example(config_dir)
    bastion = Path(sys.executable).with_name("bastion")
    result = subprocess.run(
        [str(bastion), "check-config", "--config", str(config_dir)],
        capture_output=True,
        text=True,
        timeout=50,
        env={**os.environ, "PYTHONWARNINGS": "error"},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout.lower()
    codes = secrets_of(config_dir)
    for value in codes.values():  # no secret is ever echoed
        assert value not in result.stdout + result.stderr
    assert demo_secrets().SECRETS_FILE == "secrets.yaml"
