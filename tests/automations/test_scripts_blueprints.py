"""Scripts (fields, modes, response data, turn_on) and blueprints (shipped and custom)."""

from __future__ import annotations

from pathlib import Path

from automations import api
from hub.clock import FakeClock

from .helpers import record_service


async def test_script_fields_response_and_turn_on(make_hub, clock: FakeClock) -> None:
    hub = await make_hub(
        """
        script:
          greet:
            alias: Greet
            mode: queued
            fields:
              name: {description: who, default: world}
            sequence:
              - action: test.record
                data: {msg: "hello {{ name }}"}
              - variables: {out: {greeting: "hello {{ name }}"}}
              - stop: done
                response_variable: out
          slow:
            sequence:
              - delay: 60
              - action: test.record
                data: {msg: slow}
        """
    )
    calls = record_service(hub)
    started = []
    hub.bus.listen("script_started", started.append)
    response = await hub.services.call("script", "greet", {"name": "ann"}, return_response=True)
    assert response == {"greeting": "hello ann"}
    await hub.services.call("script", "turn_on", {"entity_id": "script.slow"})
    await clock.advance(1)
    assert hub.states.get("script.slow").state == "on"  # type: ignore[union-attr]
    await clock.advance(60)
    assert [c.data["msg"] for c in calls] == ["hello ann", "slow"]
    assert hub.states.get("script.slow").state == "off"  # type: ignore[union-attr]
    assert [e.data["entity_id"] for e in started] == ["script.greet", "script.slow"]
    assert api.list_traces(hub, "script", "greet")


async def test_shipped_motion_light_blueprint(make_hub, config_dir: Path, clock) -> None:
    hub = await make_hub(
        """
        automation:
          - alias: Hall motion
            use_blueprint:
              path: bastion/motion_light.yaml
              input:
                motion_entity: binary_sensor.hall_motion
                light_target: {entity_id: light.hall}
                no_motion_wait: 30
        """
    )
    assert (config_dir / "blueprints/automation/bastion/motion_light.yaml").exists()
    assert not api.get_engine(hub).errors
    on = record_service(hub, "light", "turn_on")
    off = record_service(hub, "light", "turn_off")
    hub.states.set("binary_sensor.hall_motion", "off")
    hub.states.set("binary_sensor.hall_motion", "on")
    await clock.advance(1)
    assert len(on) == 1 and on[0].entity_ids == frozenset({"light.hall"})
    hub.states.set("binary_sensor.hall_motion", "off")
    await clock.advance(29)
    assert off == []
    await clock.advance(2)
    assert len(off) == 1


async def test_door_blueprint_and_confirmable_script(make_hub, clock: FakeClock) -> None:
    hub = await make_hub(
        """
        automation:
          - alias: Door left open
            use_blueprint:
              path: bastion/notify_door_open.yaml
              input:
                door_entity: binary_sensor.back_door
                open_for: 60
                notify_action: test.record
        script:
          ask:
            use_blueprint:
              path: bastion/confirmable_notification.yaml
              input:
                notify_action: test.record
                message: Lock the door?
                confirm_action:
                  - event: confirmed
        """
    )
    assert not api.get_engine(hub).errors and not api.get_engine(hub, "script").errors
    calls = record_service(hub)
    hub.states.set("binary_sensor.back_door", "off")
    hub.states.set("binary_sensor.back_door", "on", {"friendly_name": "Back door"})
    await clock.advance(61)
    assert calls[0].data["message"] == "Back door has been open for a while"
    confirmed = []
    hub.bus.listen("confirmed", confirmed.append)
    await hub.services.call("script", "turn_on", {"entity_id": "script.ask"})
    await clock.advance(1)
    action = calls[1].data["data"]["actions"][0]["action"]
    hub.bus.fire("mobile_app_notification_action", {"action": action})
    await clock.advance(1)
    assert len(confirmed) == 1


async def test_blueprint_missing_input_is_reported(make_hub) -> None:
    hub = await make_hub(
        """
        automation:
          - alias: Broken
            use_blueprint:
              path: bastion/motion_light.yaml
              input: {motion_entity: binary_sensor.x}
        """
    )
    errors = api.get_engine(hub).errors
    assert len(errors) == 1 and "light_target" in str(errors[0])
    assert errors[0].file == "configuration.yaml"


async def test_save_and_delete_config(make_hub, config_dir: Path, clock) -> None:
    hub = await make_hub("automation: !include automations.yaml\n")
    (config_dir / "automations.yaml").write_text("[]\n")
    await api.save_config(
        hub,
        "automation",
        "new1",
        {
            "alias": "New",
            "triggers": [{"trigger": "event", "event_type": "x"}],
            "actions": [{"event": "y"}],
        },
    )
    assert hub.states.get("automation.new") is not None
    assert api.get_config(hub, "automation", "new1")["alias"] == "New"  # type: ignore[index]
    assert await api.delete_config(hub, "automation", "new1")
    assert hub.states.get("automation.new") is None
    await api.save_config(hub, "script", "s1", {"sequence": [{"event": "z"}]})
    assert hub.states.get("script.s1") is not None
