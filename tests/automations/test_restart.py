"""What survives a restart: stored traces, and delays at any depth of sequence/choose/if and in
scripts; runs that cannot resume are named in a warning at shutdown."""

from __future__ import annotations

import logging
from pathlib import Path

import orjson
import pytest

from automations import api
from hub.clock import FakeClock
from hub.runtime import Hub

from .helpers import record_service

TRACED = """
automation:
  - id: unlock_door
    alias: Unlock door
    triggers:
      - trigger: event
        event_type: arrive
    actions:
      - action: test.record
        data:
          code: "{{ trigger.event.data.code }}"
          who: "{{ trigger.event.data.who }}"
"""


async def _restart(hub: Hub, config_dir: Path, clock: FakeClock) -> Hub:
    await hub.stop()
    hub = Hub(config_dir, clock=clock)
    await hub.start()
    return hub


async def test_traces_survive_restart_with_secrets_redacted(
    config_dir: Path, clock: FakeClock
) -> None:
    (config_dir / "configuration.yaml").write_text(TRACED)
    hub = Hub(config_dir, clock=clock)
    await hub.start()
    record_service(hub)
    hub.bus.fire("arrive", {"who": "ann", "code": "4711"})
    await clock.advance(1)
    hub.bus.fire("arrive", {"who": "bob", "code": "1234"})
    await clock.advance(1)
    before = api.list_traces(hub, "automation", "unlock_door")
    assert [t["script_execution"] for t in before] == ["finished", "finished"]
    hub = await _restart(hub, config_dir, clock)
    try:
        after = api.list_traces(hub, "automation", "unlock_door")
        assert [t["run_id"] for t in after] == [t["run_id"] for t in before]
        assert after[0]["timestamp"] == before[0]["timestamp"]
        full = api.get_trace(hub, "automation", "unlock_door", before[1]["run_id"])
        assert full is not None
        params = full["trace"]["steps"][0]["result"]["params"]
        assert params["service_data"] == {"code": "**redacted**", "who": "bob"}
        assert full["variables"]["trigger"]["event"]["data"]["code"] == "**redacted**"
        stored = (config_dir / ".storage" / "automation.traces").read_bytes()
        assert b"4711" not in stored and b"1234" not in stored
        assert orjson.loads(stored)["version"] == 1
        # new runs join the restored ones, oldest dropped beyond stored_traces (5)
        record_service(hub)
        for i in range(4):
            hub.bus.fire("arrive", {"who": f"p{i}", "code": "0"})
            await clock.advance(1)
        latest = api.list_traces(hub, "automation", "unlock_door")
        assert len(latest) == 5
        assert latest[0]["run_id"] == before[1]["run_id"]
    finally:
        await hub.stop()


CHOOSE_DELAY = """
automation:
  - id: night_mode
    alias: Night mode
    triggers:
      - trigger: event
        event_type: go
    actions:
      - variables:
          who: "{{ trigger.event.data.who }}"
      - action: test.record
        data: {what: "before"}
      - choose:
          - conditions: "{{ who == 'nobody' }}"
            sequence:
              - action: test.record
                data: {what: "wrong branch"}
          - conditions: "{{ who == 'ann' and is_state('input_boolean.night', 'on') }}"
            sequence:
              - action: test.record
                data: {what: "branch"}
              - if: "{{ true }}"
                then:
                  - delay: "00:20:00"
                  - action: test.record
                    data: {what: "after delay", who: "{{ who }}"}
      - action: test.record
        data: {what: "end", who: "{{ who }}"}
script:
  wind_down:
    fields:
      level: {default: 5}
    sequence:
      - action: test.record
        data: {what: "script start", level: "{{ level }}"}
      - sequence:
          - delay: {minutes: 10}
      - action: test.record
        data: {what: "script end", level: "{{ level }}"}
"""


async def test_nested_and_script_delays_resume_after_restart(
    config_dir: Path, clock: FakeClock
) -> None:
    (config_dir / "configuration.yaml").write_text(CHOOSE_DELAY)
    hub = Hub(config_dir, clock=clock)
    await hub.start()
    calls = record_service(hub)
    hub.states.set("input_boolean.night", "on")
    hub.bus.fire("go", {"who": "ann"})
    await hub.services.call("script", "turn_on", {"entity_id": "script.wind_down"})
    await hub.services.call("script", "turn_on", {"entity_id": "script.wind_down"})  # refused
    await clock.advance(300)  # 5 of 20 minutes; 5 of 10 minutes of the script
    assert sorted(c["what"] for c in calls.data()) == ["before", "branch", "script start"]
    await hub.stop()

    await clock.advance(120)  # the hub was down for 2 minutes
    hub = Hub(config_dir, clock=clock)
    await hub.start()
    try:
        calls = record_service(hub)
        hub.states.set("input_boolean.night", "off")  # the choose is not checked again
        await clock.advance(170)
        assert calls == []
        await clock.advance(10)  # 10 minutes after the script's delay began
        assert calls.data() == [{"what": "script end", "level": 5}]
        await clock.advance(590)
        assert len(calls) == 1
        await clock.advance(10)  # 20 minutes after the automation's delay began
        assert calls.data()[1:] == [
            {"what": "after delay", "who": "ann"},
            {"what": "end", "who": "ann"},
        ]
        traces = api.list_traces(hub, "automation", "night_mode")
        assert [t["trigger"] for t in traces][-1] == "resumed after restart"
        assert traces[-1]["script_execution"] == "finished"
        full = api.get_trace(hub, "automation", "night_mode", traces[-1]["run_id"])
        assert full is not None
        assert [s["path"] for s in full["trace"]["steps"]] == [
            "action/2",
            "action/2/choose/1/sequence/1",
            "action/2/choose/1/sequence/1/then/0",
            "action/2/choose/1/sequence/1/then/1",
            "action/3",
        ]
        assert full["trace"]["steps"][0]["result"] == {"choice": 1, "resumed": True}
    finally:
        await hub.stop()


async def test_delay_due_during_downtime_runs_at_start(config_dir: Path, clock: FakeClock) -> None:
    (config_dir / "configuration.yaml").write_text(CHOOSE_DELAY)
    hub = Hub(config_dir, clock=clock)
    await hub.start()
    record_service(hub)
    await hub.services.call("script", "turn_on", {"entity_id": "script.wind_down"})
    await clock.advance(60)
    await hub.stop()
    await clock.advance(3600)
    hub = Hub(config_dir, clock=clock)
    await hub.start()
    try:
        calls = record_service(hub)
        await clock.advance(0)
        assert calls.data() == [{"what": "script end", "level": 5}]
    finally:
        await hub.stop()


UNSUPPORTED = """
automation:
  - id: siren_loop
    alias: Siren loop
    triggers:
      - trigger: event
        event_type: alarm
    actions:
      - repeat:
          count: 3
          sequence:
            - delay: 60
            - action: test.record
  - id: wait_door
    alias: Wait door
    triggers:
      - trigger: event
        event_type: alarm
    actions:
      - wait_for_trigger:
          - trigger: state
            entity_id: binary_sensor.door
            to: "on"
      - action: test.record
"""


async def test_unresumable_runs_are_named_at_shutdown(
    config_dir: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    (config_dir / "configuration.yaml").write_text(UNSUPPORTED)
    hub = Hub(config_dir, clock=clock)
    await hub.start()
    record_service(hub)
    hub.bus.fire("alarm")
    await clock.advance(10)
    with caplog.at_level(logging.WARNING, logger="automations"):
        await hub.stop()
    dropped = [r.getMessage() for r in caplog.records if "dropped at shutdown" in r.getMessage()]
    assert any(
        "Siren loop" in m and "action/0/repeat/sequence/0" in m and "repeat" in m for m in dropped
    )
    assert any("Wait door" in m and "action/0" in m and "wait_for_trigger" in m for m in dropped)
    hub = Hub(config_dir, clock=clock)
    await hub.start()
    try:
        calls = record_service(hub)
        hub.states.set("binary_sensor.door", "on")
        await clock.advance(3600)
        assert calls == []
    finally:
        await hub.stop()


BEDTIME = """  - id: bedtime
    alias: Bedtime
    triggers:
      - trigger: event
        event_type: bed
    actions:
      - action: script.wind_down
        data: {level: 2}
      - action: test.record
        data: {what: "bedtime done"}
"""


async def test_script_called_by_automation_resumes(
    config_dir: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    (config_dir / "configuration.yaml").write_text(
        CHOOSE_DELAY.replace("script:\n", BEDTIME + "script:\n", 1)
    )
    hub = Hub(config_dir, clock=clock)
    await hub.start()
    record_service(hub)
    hub.bus.fire("bed")
    await clock.advance(120)
    with caplog.at_level(logging.WARNING, logger="automations"):
        await hub.stop()
    # the automation waiting on the script call does not resume, and says so
    assert any("Bedtime" in r.getMessage() and "action/0" in r.getMessage() for r in caplog.records)
    hub = Hub(config_dir, clock=clock)
    await hub.start()
    try:
        calls = record_service(hub)
        await clock.advance(470)
        assert calls == []
        await clock.advance(10)
        assert calls.data() == [{"what": "script end", "level": 2}]
    finally:
        await hub.stop()
