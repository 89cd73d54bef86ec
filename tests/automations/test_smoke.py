from __future__ import annotations

from hub.clock import FakeClock

from .helpers import record_service


async def test_state_trigger_calls_service(make_hub, clock: FakeClock) -> None:
    hub = await make_hub(
        """
        automation:
          - id: door
            alias: Door opened
            triggers:
              - trigger: state
                entity_id: binary_sensor.door
                to: "on"
            actions:
              - action: test.record
                data:
                  who: "{{ trigger.entity_id }}"
        """
    )
    calls = record_service(hub)
    hub.states.set("binary_sensor.door", "off")
    hub.states.set("binary_sensor.door", "on")
    await clock.advance(0)
    assert [c.data["who"] for c in calls] == ["binary_sensor.door"]
    state = hub.states.get("automation.door_opened")
    assert state is not None and state.state == "on"
