"""One scenario on the demo office: readiness, force-arm, then a kitchen fire."""

from __future__ import annotations

import pytest

from hub.context import Context
from hub.errors import HubError, Unauthorized

PANEL = "alarm_control_panel.office"
CONFIG = """
demo:
  simulate: false
notify:
  - name: app
    platform: websocket
alarm:
  areas:
    office:
      exit_delay: 30
      entry_delay: {armed_away: 30}
      sirens: [siren.exterior_siren]
      escalation: everyone
      sensors:
        - {entity_id: binary_sensor.front_door, role: door}
        - {entity_id: binary_sensor.back_door, role: door}
        - {entity_id: binary_sensor.open_office_window, role: window}
        - {entity_id: binary_sensor.reception_motion, role: motion}
        - {entity_id: binary_sensor.reception_glass_break, role: glass_break}
        - {entity_id: binary_sensor.kitchen_smoke, role: smoke}
        - {entity_id: binary_sensor.kitchen_gas, role: gas}
        - {entity_id: binary_sensor.alarm_keypad_tamper, role: tamper}
  escalation:
    everyone:
      tiers: [{channels: [app], wait: 60}]
  playbooks:
    fire:
      unlock: [lock.front_door, lock.back_door]
      lights_on: [switch.exit_sign_lighting, light.open_office_lights, light.reception_lights]
      hvac_off: [climate.office_hvac]
      sirens: [siren.exterior_siren]
    co_gas:
      hvac_off: [climate.office_hvac]
      close_valves: [valve.gas_supply]
  codes:
    - {name: Owner, code: "2468", rights: [arm, disarm, force, acknowledge, playbooks]}
"""


async def test_demo_office_arm_and_fire(make_hub, clock) -> None:
    hub = await make_hub(CONFIG)

    async def call(domain: str, service: str, data: dict, **kw) -> None:
        await hub.services.call(domain, service, data, **kw)
        await clock.advance(0)

    await call(
        "demo", "set_sensor", {"entity_id": "binary_sensor.open_office_window", "state": "on"}
    )
    with pytest.raises(HubError, match="not ready"):
        await call("alarm_control_panel", "alarm_arm_away", {"entity_id": PANEL, "code": "2468"})
    await call(
        "alarm", "arm", {"entity_id": PANEL, "mode": "armed_away", "code": "2468", "force": True}
    )
    await clock.advance(30)
    assert hub.states.get(PANEL).state == "armed_away"
    await call("alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": "2468"})

    await call("demo", "set_sensor", {"entity_id": "binary_sensor.kitchen_smoke", "state": "on"})
    await clock.advance(10)  # locks and valves take a moment to move
    states = {
        e: hub.states.get(e).state
        for e in (
            "lock.front_door",
            "lock.back_door",
            "switch.exit_sign_lighting",
            "light.open_office_lights",
            "climate.office_hvac",
            "siren.exterior_siren",
            PANEL,
        )
    }
    assert states == {
        "lock.front_door": "unlocked",
        "lock.back_door": "unlocked",
        "switch.exit_sign_lighting": "on",
        "light.open_office_lights": "on",
        "climate.office_hvac": "off",
        "siren.exterior_siren": "on",
        PANEL: "triggered",
    }
    with pytest.raises(Unauthorized, match="fire playbook holds it"):
        await call(
            "lock",
            "lock",
            {"entity_id": "lock.front_door"},
            context=Context(parent_id=Context().id),
        )
