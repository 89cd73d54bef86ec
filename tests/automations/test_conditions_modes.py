"""Conditions (all types, shorthands) and the four run modes."""

from __future__ import annotations

import asyncio

import pytest

from automations import api
from hub.clock import FakeClock

from .helpers import record_service


async def test_conditions(make_hub, clock: FakeClock) -> None:
    hub = await make_hub(
        """
        homeassistant:
          latitude: 52.37
          longitude: 4.89
          time_zone: UTC
        automation:
          - alias: c
            mode: parallel
            triggers:
              - {trigger: event, event_type: go, id: first}
              - {trigger: event, event_type: go2, id: second}
            conditions:
              - condition: trigger
                id: first
              - "{{ states('sensor.t') | float > 3 }}"
              - or:
                  - condition: state
                    entity_id: [light.a, light.b]
                    state: "on"
                    match: any
                  - condition: numeric_state
                    entity_id: sensor.t
                    above: 100
              - not:
                  - condition: state
                    entity_id: light.c
                    attribute: color
                    state: red
              - condition: state
                entity_id: light.a
                state: ["on", "off"]
                for: {minutes: 1}
              - condition: numeric_state
                entity_id: sensor.t
                value_template: "{{ state.state | float * 2 }}"
                above: 6
                below: sensor.max
              - condition: time
                after: "11:00"
                before: "13:00:00"
                weekday: [mon, tue]
              - condition: sun
                after: sunrise
                before: sunset
              - condition: zone
                entity_id: person.ann
                zone: zone.office
              - condition: and
                conditions:
                  - condition: template
                    value_template: "{{ true }}"
                    enabled: false
            actions:
              - action: test.record
        """
    )
    calls = record_service(hub)
    hub.states.set("sensor.t", "4")
    hub.states.set("sensor.max", "10")
    hub.states.set("light.a", "off")
    hub.states.set("light.b", "on")
    hub.states.set("light.c", "on", {"color": "blue"})
    hub.states.set("zone.office", "0", {"latitude": 52.0, "longitude": 4.0, "radius": 100})
    hub.states.set("person.ann", "home", {"latitude": 52.0, "longitude": 4.0})
    hub.bus.fire("go")
    await clock.advance(0)
    assert calls == []  # light.a changed less than a minute ago
    await clock.advance(61)
    hub.bus.fire("go")
    hub.bus.fire("go2")  # trigger condition fails
    await clock.advance(0)
    assert len(calls) == 1  # 2026-01-05 is a Monday, 12:01 UTC, daylight in Amsterdam
    hub.states.set("light.c", "on", {"color": "red"})
    hub.bus.fire("go")
    await clock.advance(0)
    assert len(calls) == 1
    trace = api.get_trace(hub, "automation", "c", api.list_traces(hub)[-1]["run_id"])
    assert trace is not None and trace["script_execution"] == "failed_conditions"
    assert any(c["result"] is False for c in trace["trace"]["conditions"])


MODES = """
automation:
  - alias: m
    mode: {mode}
    max: 2
    max_exceeded: silent
    triggers: {{trigger: event, event_type: go}}
    actions:
      - event: began
        event_data: {{n: "{{{{ trigger.event.data.n }}}}"}}
      - delay: 10
      - event: ended
        event_data: {{n: "{{{{ trigger.event.data.n }}}}"}}
"""


@pytest.mark.parametrize(
    ("mode", "began", "ended"),
    [
        ("single", [1], [1]),
        ("restart", [1, 2, 3], [3]),
        ("queued", [1, 2], [1, 2]),
        ("parallel", [1, 2], [1, 2]),
    ],
)
async def test_modes(make_hub, clock: FakeClock, mode: str, began: list, ended: list) -> None:
    hub = await make_hub(MODES.format(mode=mode))
    seen: dict[str, list[int]] = {"began": [], "ended": []}
    hub.bus.listen("began", lambda e: seen["began"].append(e.data["n"]))
    hub.bus.listen("ended", lambda e: seen["ended"].append(e.data["n"]))
    for n in (1, 2, 3):
        hub.bus.fire("go", {"n": n})
        await clock.advance(1)
    await clock.advance(30)
    assert seen == {"began": began, "ended": ended}
    state = hub.states.get("automation.m")
    assert state is not None and state.attributes["mode"] == mode
    assert state.attributes["current"] == 0


async def test_current_attribute_counts_runs(make_hub, clock: FakeClock) -> None:
    hub = await make_hub(MODES.format(mode="parallel"))
    hub.bus.fire("go", {"n": 1})
    hub.bus.fire("go", {"n": 2})
    await clock.advance(1)
    state = hub.states.get("automation.m")
    assert state is not None and state.attributes["current"] == 2
    await clock.advance(10)
    await asyncio.sleep(0)
    assert hub.states.get("automation.m").attributes["current"] == 0  # type: ignore[union-attr]
