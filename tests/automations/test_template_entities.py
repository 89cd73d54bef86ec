"""Template sensors/binary sensors: state-based (tracked) and trigger-based."""

from __future__ import annotations

from automations import api
from hub.clock import FakeClock


async def test_template_sensor_and_binary_sensor(make_hub, clock: FakeClock) -> None:
    hub = await make_hub(
        """
        template:
          - sensor:
              - name: Average temperature
                unit_of_measurement: "°C"
                state: >-
                  {{ ((states('sensor.a') | float(0) + states('sensor.b') | float(0)) / 2)
                     | round(1) }}
                attributes:
                  sources: "{{ ['sensor.a', 'sensor.b'] | count }}"
            binary_sensor:
              - name: Too warm
                state: "{{ states('sensor.a') | float(0) > 25 }}"
                delay_on: 10
          - triggers:
              - trigger: event
                event_type: doorbell
            sensor:
              - name: Last ring
                state: "{{ trigger.event.data.who }}"
        """
    )
    hub.states.set("sensor.a", "20")
    hub.states.set("sensor.b", "22")
    await clock.advance(0)
    avg = hub.states.get("sensor.average_temperature")
    assert avg is not None and avg.state == "21.0" and avg.attributes["sources"] == 2
    assert avg.attributes["unit_of_measurement"] == "°C"
    assert hub.states.get("binary_sensor.too_warm").state == "off"  # type: ignore[union-attr]
    before = api.stats(hub).trigger_evaluations
    hub.states.set("sensor.unrelated", "1")
    assert api.stats(hub).trigger_evaluations == before
    hub.states.set("sensor.a", "30")
    await clock.advance(5)
    assert hub.states.get("binary_sensor.too_warm").state == "off"  # type: ignore[union-attr]
    await clock.advance(6)
    assert hub.states.get("binary_sensor.too_warm").state == "on"  # type: ignore[union-attr]
    hub.bus.fire("doorbell", {"who": "postman"})
    await clock.advance(0)
    assert hub.states.get("sensor.last_ring").state == "postman"  # type: ignore[union-attr]
