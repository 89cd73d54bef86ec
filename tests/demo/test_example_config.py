"""The example configuration directory (config/) loads cleanly and its automations work."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hub.clock import FakeClock
from integrations.demo.actuators import LOCK_DELAY, TRAVEL_TIME

EXAMPLE = Path(__file__).resolve().parents[2] / "config"


def copy_example(config_dir: Path) -> None:
    for name in ("configuration.yaml", "automations.yaml", "scripts.yaml"):
        shutil.copy(EXAMPLE / name, config_dir / name)
    main = config_dir / "configuration.yaml"
    main.write_text(
        main.read_text().replace("server_port: 8123", "server_port: 0"), encoding="utf-8"
    )


async def test_example_config_loads(make_hub: Any, config_dir: Path) -> None:
    copy_example(config_dir)
    hub = await make_hub()
    assert hub.config_errors == []
    assert hub.loader.report.failed == {}
    assert {"demo", "automation", "script", "group", "timer", "counter"} <= set(
        hub.loader.report.loaded
    )
    assert len(hub.states.entity_ids("automation")) == 4
    assert hub.states.get("group.office_locks") is not None
    assert hub.states.get("binary_sensor.front_door").attributes["icon"] == "mdi:door"


async def test_leak_closes_the_water_main(
    make_hub: Any, config_dir: Path, clock: FakeClock
) -> None:
    copy_example(config_dir)
    hub = await make_hub()
    await hub.services.call(
        "demo", "set_sensor", {"entity_id": "binary_sensor.stockroom_water_leak", "state": "on"}
    )
    await clock.advance(TRAVEL_TIME + 1)
    assert hub.states.get("valve.water_main").state == "closed"
    assert hub.states.get("valve.gas_supply").state == "open"


async def test_doors_lock_at_eight(make_hub: Any, config_dir: Path, clock: FakeClock) -> None:
    copy_example(config_dir)
    await clock.set(datetime(2026, 1, 6, 19, 0, tzinfo=UTC))  # 19:00 in London (GMT)
    hub = await make_hub()
    await hub.services.call("lock", "unlock", {"entity_id": "lock.back_door"})
    await clock.advance(LOCK_DELAY)
    assert hub.states.get("lock.back_door").state == "unlocked"
    await clock.set(datetime(2026, 1, 6, 20, 0, 1, tzinfo=UTC))
    await clock.advance(LOCK_DELAY)
    assert hub.states.get("lock.back_door").state == "locked"
