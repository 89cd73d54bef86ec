"""A person seen by a camera in the area confirms an unconfirmed intrusion (bastion_detection)."""

from __future__ import annotations

from typing import Any

from .support import CODE, CODES_YAML

PANEL = "alarm_control_panel.office"
SENSORS = {"binary_sensor.back_window": "off", "binary_sensor.hall_motion": "off"}
CONFIG = (
    """
notify:
  - name: app
    platform: websocket
alarm:
  camera_verification: {labels: [person], min_confidence: 0.7}
  areas:
    office:
      verification: 60
      cameras: [camera.entrance]
      escalation: {default: intrusion, unconfirmed: unconfirmed}
      sensors:
        - {entity_id: binary_sensor.back_window, role: window}
    yard:
      verification: 60
      escalation: {default: intrusion, unconfirmed: unconfirmed}
      sensors:
        - {entity_id: binary_sensor.hall_motion, role: motion}
  escalation:
    intrusion:
      tiers: [{channels: [app], wait: 60}]
    unconfirmed:
      tiers: [{channels: [app], wait: 600}]
"""
    + CODES_YAML
)


async def trigger(site: Any) -> None:
    await site.call("alarm", "arm", {"entity_id": PANEL, "mode": "armed_away", "code": CODE})
    site.sensor("binary_sensor.back_window", "on")
    await site.clock.advance(0)
    assert site.state(PANEL) == "triggered"


async def incident(site: Any) -> dict[str, Any]:
    result = await site.call("alarm", "incidents", {}, return_response=True)
    (only,) = result["incidents"]
    return only


def detect(site: Any, **data: Any) -> None:
    site.hub.bus.fire("bastion_detection", {"entity_id": "camera.entrance", **data})


async def test_person_detection_confirms(make_site) -> None:
    site = await make_site(CONFIG, SENSORS)
    await trigger(site)
    assert (await incident(site))["confirmed"] is False
    detect(site, label="vehicle", confidence=0.99)  # not a person
    detect(site, label="person", confidence=0.5)  # not sure enough
    detect(site, entity_id="camera.yard", label="person", confidence=0.9, area="yard")
    await site.clock.advance(0)
    assert (await incident(site))["confirmed"] is False
    await site.clock.advance(30)
    detect(site, label="person", confidence=0.9)  # the office's own camera
    await site.clock.advance(0)
    found = await incident(site)
    assert (found["confirmed"], found["policy"]) == (True, "intrusion")
    confirmed = site.audit.find("alarm.confirmed")
    assert [r.details["camera"] for r in confirmed] == ["camera.entrance"]
    assert confirmed[0].details["confidence"] == 0.9


async def test_detection_outside_the_window_does_not_confirm(make_site) -> None:
    site = await make_site(CONFIG, SENSORS)
    await trigger(site)
    await site.clock.advance(61)
    detect(site, label="Person", confidence=0.95, area="office")
    await site.clock.advance(0)
    assert (await incident(site))["confirmed"] is False


async def test_person_seen_just_before_confirms_at_once(make_site) -> None:
    site = await make_site(CONFIG, SENSORS)
    detect(site, entity_id="camera.anywhere", label="person", confidence=0.8, area="office")
    await site.clock.advance(40)
    await trigger(site)
    found = await incident(site)
    assert (found["confirmed"], found["policy"]) == (True, "intrusion")
    assert site.audit.find("alarm.confirmed")[0].details["camera"] == "camera.anywhere"


async def test_malformed_detection_is_ignored(make_site) -> None:
    site = await make_site(CONFIG, SENSORS)
    await trigger(site)
    detect(site, label="person", confidence="very")
    site.hub.bus.fire("bastion_detection", {"label": "person", "area": "office"})
    await site.clock.advance(0)
    assert (await incident(site))["confirmed"] is False
