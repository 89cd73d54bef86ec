"""Restart-surviving waits, reload with file:line errors, entity services, indexed dispatch."""

from __future__ import annotations

from pathlib import Path

from automations import api
from hub.clock import FakeClock
from hub.runtime import Hub

from .helpers import record_service

PERSIST = """
automation:
  - id: door_open
    alias: Door open long
    triggers:
      - trigger: state
        entity_id: binary_sensor.door
        to: "on"
        for: "00:10:00"
    actions:
      - action: test.record
        data: {what: "for"}
  - id: lights_later
    alias: Lights later
    triggers:
      - trigger: event
        event_type: leave
    actions:
      - variables: {who: "{{ trigger.event.data.who }}"}
      - delay: "00:30:00"
      - action: test.record
        data: {what: "delay", who: "{{ who }}"}
"""


async def test_pending_for_and_delay_survive_restart(config_dir: Path, clock: FakeClock) -> None:
    (config_dir / "configuration.yaml").write_text(PERSIST)
    hub = Hub(config_dir, clock=clock)
    await hub.start()
    hub.states.set("binary_sensor.door", "off")
    hub.states.set("binary_sensor.door", "on")
    hub.bus.fire("leave", {"who": "ann"})
    await clock.advance(300)  # 5 of 10 minutes / 5 of 30 minutes
    await hub.stop()

    hub = Hub(config_dir, clock=clock)
    await hub.start()
    try:
        calls = record_service(hub)
        hub.states.set("binary_sensor.door", "on")  # the sensor reports again after restart
        await clock.advance(290)
        assert calls == []
        await clock.advance(20)  # 10 minutes after the door opened
        assert calls.data() == [{"what": "for"}]
        await clock.advance(20 * 60)  # 30 minutes after the delay started
        assert calls.data()[-1] == {"what": "delay", "who": "ann"}
        assert len(calls) == 2
    finally:
        await hub.stop()


async def test_pending_for_dropped_if_state_changed_across_restart(
    config_dir: Path, clock: FakeClock
) -> None:
    (config_dir / "configuration.yaml").write_text(PERSIST)
    hub = Hub(config_dir, clock=clock)
    await hub.start()
    hub.states.set("binary_sensor.door", "off")
    hub.states.set("binary_sensor.door", "on")
    await clock.advance(60)
    await hub.stop()
    hub = Hub(config_dir, clock=clock)
    await hub.start()
    try:
        calls = record_service(hub)
        hub.states.set("binary_sensor.door", "off")
        await clock.advance(3600)
        assert calls == []
    finally:
        await hub.stop()


async def test_reload_keeps_valid_and_reports_invalid(make_hub, config_dir: Path, clock) -> None:
    (config_dir / "automations.yaml").write_text(
        "- id: one\n  alias: One\n  triggers: {trigger: event, event_type: a}\n"
        "  actions: {action: test.record}\n"
    )
    hub = await make_hub("automation: !include automations.yaml\n")
    calls = record_service(hub)
    assert hub.states.get("automation.one") is not None
    (config_dir / "automations.yaml").write_text(
        "- id: one\n  alias: One\n  triggers: {trigger: event, event_type: a}\n"
        "  actions: {action: test.record}\n"
        "- id: two\n  alias: Two\n  triggers:\n    - trigger: state\n      entity_id: not valid\n"
        "  actions: {action: test.record}\n"
        "- id: three\n  alias: Three\n  triggers: {trigger: nonsense}\n  actions: []\n"
    )
    await hub.services.call("automation", "reload", {})
    errors = api.get_engine(hub).errors
    assert len(errors) == 2
    assert errors[0].file == "automations.yaml" and errors[0].line == 9
    assert "automations.yaml:" in str(errors[1])
    assert hub.states.get("automation.two") is None
    hub.bus.fire("a")
    await clock.advance(0)
    assert len(calls) == 1


async def test_entity_services_and_traces(make_hub, clock: FakeClock) -> None:
    hub = await make_hub(
        """
        automation:
          - id: svc
            alias: Svc
            initial_state: true
            triggers: {trigger: event, event_type: go}
            conditions: "{{ false }}"
            actions:
              - delay: 100
              - action: test.record
        """
    )
    calls = record_service(hub)
    await hub.services.call("automation", "trigger", {"entity_id": "automation.svc"})
    await clock.advance(1)
    await hub.services.call("automation", "turn_off", {"entity_id": "automation.svc"})
    await clock.advance(200)
    assert calls == []  # stop_actions cancelled the delay
    assert hub.states.get("automation.svc").state == "off"  # type: ignore[union-attr]
    hub.bus.fire("go")
    await hub.services.call("automation", "toggle", {"entity_id": "automation.svc"})
    assert hub.states.get("automation.svc").state == "on"  # type: ignore[union-attr]
    await hub.services.call(
        "automation", "trigger", {"entity_id": "automation.svc", "skip_condition": False}
    )
    await hub.services.call("automation", "trigger", {"entity_id": "automation.svc"})
    await clock.advance(101)
    assert len(calls) == 1
    state = hub.states.get("automation.svc")
    assert (
        state is not None and state.attributes["last_triggered"] and state.attributes["id"] == "svc"
    )
    traces = api.list_traces(hub, "automation", "svc")
    assert [t["script_execution"] for t in traces] == ["cancelled", "failed_conditions", "finished"]
    full = api.get_trace(hub, "automation", "svc", traces[-1]["run_id"])
    assert full is not None
    steps = full["trace"]["steps"]
    assert [s["path"] for s in steps] == ["action/0", "action/1"]
    assert steps[1]["result"]["params"]["service"] == "record"


async def test_indexed_trigger_attachment(make_hub, clock: FakeClock) -> None:
    lines = ["automation:"]
    for i in range(1000):
        lines += [
            f"  - id: a{i}",
            f"    triggers: {{trigger: state, entity_id: sensor.e{i}}}",
            "    actions: {action: test.record}",
        ]
    hub = await make_hub("\n".join(lines) + "\n")
    calls = record_service(hub)
    before = api.stats(hub).trigger_evaluations
    hub.states.set("sensor.e500", "1")
    await clock.advance(0)
    assert api.stats(hub).trigger_evaluations - before == 1
    assert len(calls) == 1
