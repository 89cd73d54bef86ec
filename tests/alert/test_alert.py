"""alert: freezer warm (template binary sensor), door left open (demo), escalation tiers that
stop on acknowledgement, Home Assistant's repeat/skip_first/can_acknowledge semantics."""

from __future__ import annotations

from typing import Any

import pytest
import voluptuous as vol

from hub.context import Context
from hub.errors import ValidationError
from hub.runtime import Hub
from integrations.alert import CONFIG_SCHEMA

MINUTE = 60.0
CONFIG = """
demo:
  simulate: false
notify:
  - name: owner
    platform: websocket
  - name: manager
    platform: websocket
template:
  - binary_sensor:
      - name: Freezer warm
        state: "{{ states('sensor.freezer_temperature') | float(-20) > -15 }}"
alert:
  freezer:
    name: Freezer is warm
    entity_id: binary_sensor.freezer_warm
    repeat: [5, 10]
    title: Freezer
    message: "Freezer at {{ states('sensor.freezer_temperature') }} °C"
    done_message: Freezer back to normal
    notifiers: [owner]
  front_door:
    name: Front door left open
    entity_id: binary_sensor.front_door
    repeat: 10
    skip_first: true
    can_acknowledge: false
    message: The front door is open
    notifiers: [owner]
  back_door:
    name: Back door left open
    entity_id: binary_sensor.back_door
    message: "{{ state_attr('binary_sensor.back_door', 'friendly_name') }} is still open"
    repeat: 30
    tiers:
      - {wait: 300}                  # open for five minutes before anyone hears of it
      - {channels: [owner], wait: 60}
      - {channels: [manager]}
"""
USER = Context(user_id="owner-user")


class Site:
    def __init__(self, hub: Hub, clock: Any) -> None:
        self.hub, self.clock = hub, clock
        self.pushes: list[tuple[str, str, str | None]] = []
        self.audit: list[dict[str, Any]] = []
        hub.bus.listen(
            "notify_push",
            lambda e: self.pushes.append((e.data["channel"], e.data["message"], e.data["title"])),
        )
        hub.bus.listen("bastion_audit", lambda e: self.audit.append(dict(e.data)))

    def state(self, entity_id: str) -> str:
        current = self.hub.states.get(entity_id)
        assert current is not None, entity_id
        return current.state

    async def call(self, domain: str, service: str, data: dict[str, Any], **kw: Any) -> None:
        await self.hub.services.call(domain, service, data, **kw)
        await self.clock.advance(0)

    async def demo(self, entity_id: str, value: str) -> None:
        await self.call("demo", "set_sensor", {"entity_id": entity_id, "state": value})

    async def freezer(self, value: str) -> None:
        self.hub.states.set("sensor.freezer_temperature", value)
        await self.clock.advance(0)

    def audited(self, prefix: str = "alert.") -> list[tuple[str, str, str]]:
        return [
            (a["action"], a["target"], a["details"]["by"])
            for a in self.audit
            if a["action"].startswith(prefix)
        ]


@pytest.fixture
async def site(make_hub, clock) -> Site:
    hub = await make_hub(CONFIG)
    result = Site(hub, clock)
    await result.freezer("-20")
    return result


async def test_freezer_warm_repeats_until_acknowledged(site: Site) -> None:
    assert site.state("alert.freezer") == "idle"
    await site.freezer("-9.5")
    assert site.state("binary_sensor.freezer_warm") == "on"
    assert site.state("alert.freezer") == "on"
    assert site.pushes == [("owner", "Freezer at -9.5 °C", "Freezer")]
    await site.clock.advance(5 * MINUTE - 1)
    assert len(site.pushes) == 1
    await site.clock.advance(1)  # repeat[0]
    await site.clock.advance(10 * MINUTE)  # repeat[1]
    await site.clock.advance(10 * MINUTE)  # the last value repeats
    assert len(site.pushes) == 4
    await site.call("alert", "turn_off", {"entity_id": "alert.freezer"}, context=USER)
    assert site.state("alert.freezer") == "off"
    await site.clock.advance(60 * MINUTE)
    assert len(site.pushes) == 4
    await site.freezer("-21")
    assert site.state("alert.freezer") == "idle"
    assert site.pushes[-1] == ("owner", "Freezer back to normal", "Freezer")
    assert site.audited() == [
        ("alert.fired", "alert.freezer", "automation"),
        ("alert.acknowledge", "alert.freezer", "user:owner-user"),
        ("alert.cleared", "alert.freezer", "automation"),
    ]


async def test_door_left_open_skips_first_and_cannot_be_acknowledged(site: Site) -> None:
    await site.demo("binary_sensor.front_door", "on")
    assert site.state("alert.front_door") == "on"
    assert site.pushes == []  # skip_first: the door may just be in use
    await site.clock.advance(10 * MINUTE)
    assert site.pushes == [("owner", "The front door is open", None)]
    with pytest.raises(ValidationError, match="cannot be acknowledged"):
        await site.call("alert", "turn_off", {"entity_id": "alert.front_door"})
    await site.clock.advance(10 * MINUTE)
    assert len(site.pushes) == 2
    await site.demo("binary_sensor.front_door", "off")
    assert site.state("alert.front_door") == "idle"
    await site.clock.advance(30 * MINUTE)
    assert len(site.pushes) == 2  # no done_message configured


async def test_tiers_escalate_and_stop_on_acknowledgement(site: Site) -> None:
    alert = "alert.back_door"
    await site.demo("binary_sensor.back_door", "on")
    assert site.state(alert) == "on"
    await site.clock.advance(5 * MINUTE)
    assert site.pushes == [("owner", "Back Door is still open", None)]
    assert site.hub.states.get(alert).attributes["tier"] == 1
    await site.clock.advance(MINUTE)
    assert [p[0] for p in site.pushes] == ["owner", "manager"]
    await site.clock.advance(30 * MINUTE)  # after the last tier: repeat on its channels
    assert [p[0] for p in site.pushes] == ["owner", "manager", "manager"]
    await site.call("alert", "toggle", {"entity_id": alert}, context=USER)
    assert site.state(alert) == "off"
    await site.clock.advance(120 * MINUTE)
    assert len(site.pushes) == 3
    await site.call("alert", "turn_on", {"entity_id": alert}, context=USER)
    assert site.state(alert) == "on"
    await site.clock.advance(30 * MINUTE)
    assert len(site.pushes) == 4
    await site.demo("binary_sensor.back_door", "off")
    assert site.state(alert) == "idle"
    ack = next(a for a in site.audit if a["action"] == "alert.acknowledge")
    assert ack["details"] == {"alert": alert, "by": "user:owner-user", "tier": 2}
    assert ack["user_id"] == "owner-user"
    assert ("alert.unacknowledge", alert, "user:owner-user") in site.audited()


async def test_acknowledged_before_first_tier_sends_nothing(site: Site) -> None:
    alert = "alert.back_door"
    await site.demo("binary_sensor.back_door", "on")
    await site.call("alert", "turn_off", {"entity_id": alert}, context=USER)
    await site.clock.advance(60 * MINUTE)
    assert site.pushes == []
    deliveries = await site.hub.services.call(
        "notify", "deliveries", {"ref": alert}, return_response=True
    )
    assert deliveries["deliveries"] == []


def test_config_rules() -> None:
    base = {"entity_id": "binary_sensor.x"}
    with pytest.raises(vol.Invalid, match="repeat is required"):
        CONFIG_SCHEMA({"a": base})
    with pytest.raises(vol.Invalid, match="either notifiers"):
        CONFIG_SCHEMA({"a": {**base, "notifiers": ["owner"], "tiers": [{"channels": ["x"]}]}})
    conf = CONFIG_SCHEMA({"a": {**base, "repeat": 5}})["a"]
    assert (conf["state"], conf["repeat"], conf["can_acknowledge"]) == ("on", [5.0], True)
