"""A corpus of realistic Home Assistant automations loads cleanly and behaves as expected."""

from __future__ import annotations

import shutil
from pathlib import Path

from automations import api
from hub.clock import FakeClock

from .helpers import record_service

CORPUS = Path(__file__).parent / "corpus"


async def test_corpus_loads_and_behaves(make_hub, config_dir: Path, clock: FakeClock) -> None:
    shutil.copytree(CORPUS, config_dir / "automations")
    hub = await make_hub(
        """
        homeassistant:
          latitude: 52.37
          longitude: 4.89
          time_zone: UTC
        automation: !include_dir_merge_list automations
        """
    )
    engine = api.get_engine(hub)
    assert engine.errors == []
    assert len(engine.automations) == 9
    light_on = record_service(hub, "light", "turn_on")
    light_off = record_service(hub, "light", "turn_off")
    fan_on = record_service(hub, "switch", "turn_on")
    fan_off = record_service(hub, "switch", "turn_off")
    notify = record_service(hub, "notify", "notify")

    # hallway: only when the sun is down; light goes off after motion stops for 2 minutes
    hub.states.set("sun.sun", "below_horizon")
    hub.states.set("binary_sensor.hallway_motion", "off")
    hub.states.set("binary_sensor.hallway_motion", "on")
    await clock.advance(1)
    assert light_on[-1].entity_ids == frozenset({"light.hallway"})
    assert light_on[-1].data["brightness_pct"] == 80
    hub.states.set("binary_sensor.hallway_motion", "off")
    await clock.advance(121)
    assert light_off[-1].entity_ids == frozenset({"light.hallway"})

    # button: choose by command, comma-separated target
    hub.bus.fire("zha_event", {"device_ieee": "00:11:22:33", "command": "off"})
    await clock.advance(0)
    assert light_off[-1].entity_ids == frozenset({"light.sofa", "light.tv"})
    hub.bus.fire("zha_event", {"device_ieee": "00:11:22:33", "command": "dim"})
    await clock.advance(0)
    assert notify[-1].data["message"] == "Unknown command dim"

    # humidity: fan on after a minute above 70, off below 60
    hub.states.set("sensor.bathroom_humidity", "65")
    hub.states.set("sensor.bathroom_humidity", "75")
    await clock.advance(61)
    assert len(fan_on) == 1
    hub.states.set("sensor.bathroom_humidity", "55")
    await clock.advance(0)
    assert len(fan_off) == 1

    # door left open: notifies every 5 minutes until closed
    hub.states.set("binary_sensor.front_door", "off", {"friendly_name": "Front door"})
    hub.states.set("binary_sensor.front_door", "on", {"friendly_name": "Front door"})
    before = len(notify)
    await clock.advance(5 * 60 + 1)
    assert notify[-1].data["message"] == "Front door open for 5 minutes"
    await clock.advance(5 * 60)
    assert notify[-1].data["message"] == "Front door open for 10 minutes"
    hub.states.set("binary_sensor.front_door", "off", {"friendly_name": "Front door"})
    await clock.advance(5 * 60)
    assert len(notify) == before + 2

    # midnight (time trigger, Monday night → Tuesday 00:00 passes the weekday condition)
    await clock.set(clock.now().replace(hour=23, minute=59, second=59))
    await clock.advance(2)
    turned_off = [c.entity_ids for c in light_off[-3:]]
    assert turned_off == [frozenset({e}) for e in ("light.sofa", "light.tv", "light.hallway")]

    # the start trigger ran (its trace) and the disabled step never fired
    traces = api.list_traces(hub, "automation", "startup_notice")
    assert traces and traces[0]["script_execution"] == "finished"
