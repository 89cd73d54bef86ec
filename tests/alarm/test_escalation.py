"""Triggered → escalation tiers in order until acknowledged; duress; verification; email."""

from __future__ import annotations

import asyncio

import pytest

from hub.errors import Unauthorized
from tests.notify.servers import smtp_server, webhook_server

from .support import CODE, CODES_YAML, DURESS

PANEL = "alarm_control_panel.office"
SENSORS = {"binary_sensor.front_door": "off", "binary_sensor.hall_motion": "off"}


def config(hook_url: str, smtp_port: int, verification: str = "") -> str:
    return (
        f"""
notify:
  - name: owner
    platform: webhook
    url: {hook_url}
  - name: manager
    platform: smtp
    host: 127.0.0.1
    port: {smtp_port}
    sender: alarm@example.test
    recipients: [manager@example.test]
  - name: app
    platform: websocket
alarm:
  areas:
    office:
      name: Office
      entry_delay: {{armed_away: 20}}
      sirens: [siren.office_siren]
      escalation: {{default: intrusion, duress: duress, unconfirmed: unconfirmed}}
{verification}
      sensors:
        - {{entity_id: binary_sensor.front_door, role: door}}
        - {{entity_id: binary_sensor.hall_motion, role: motion}}
  escalation:
    intrusion:
      tiers:
        - {{channels: [owner], wait: 60}}
        - {{channels: [manager], wait: 120}}
        - {{channels: [app], siren: true}}
    unconfirmed:
      tiers:
        - {{channels: [app], wait: 600}}
    duress:
      tiers:
        - {{channels: [owner, manager], siren: true, wait: 30}}
"""
        + CODES_YAML
    )


async def trip_and_expire(site) -> None:
    await site.call("alarm_control_panel", "alarm_arm_away", {"entity_id": PANEL, "code": CODE})
    site.sensor("binary_sensor.front_door", "on")
    await site.clock.advance(0)
    assert site.state(PANEL) == "pending"
    await site.clock.advance(20)
    assert site.state(PANEL) == "triggered"


async def test_tiers_fire_in_order_and_stop_on_acknowledge(make_site) -> None:
    async with webhook_server() as hook, smtp_server() as mailbox:
        site = await make_site(config(hook.url, mailbox.port), SENSORS)
        tiers: list[int] = []
        site.hub.bus.listen("alarm_escalation", lambda e: tiers.append(e.data["tier"]))
        await trip_and_expire(site)
        await asyncio.sleep(0.2)  # the webhook POST is real network I/O
        assert tiers == [0]
        assert hook.received[0]["data"]["kind"] == "intrusion"
        assert "Intrusion alarm in Office by Front_Door" in hook.received[0]["message"]
        app_action, link = hook.received[0]["actions"]
        assert app_action == {
            "action": f"ALARM_ACKNOWLEDGE_{hook.received[0]['data']['incident_id']}",
            "title": "Acknowledge",
        }
        assert link["action"] == "URI"
        assert link["uri"] == hook.received[0]["data"]["acknowledge_url"]
        await site.clock.advance(59)
        assert tiers == [0] and not mailbox.messages
        await site.clock.advance(1)
        await asyncio.wait_for(mailbox.arrived.wait(), 10)
        assert tiers == [0, 1]
        assert mailbox.messages[0]["Subject"] == "Intrusion alarm: Office"
        incident = (await site.call("alarm", "incidents", {}, return_response=True))["incidents"][0]
        with pytest.raises(Unauthorized, match="code with the acknowledge right"):
            await site.call("alarm", "acknowledge", {})
        result = await site.call("alarm", "acknowledge", {"code": CODE}, return_response=True)
        assert result == {"acknowledged": [incident["incident_id"]]}
        await site.clock.advance(600)
        assert tiers == [0, 1]  # the siren tier never came
        assert site.devices["siren.office_siren"].turned_on == 0
        incident = (await site.call("alarm", "incidents", {}, return_response=True))["incidents"][0]
        assert incident["status"] == "acknowledged" and incident["acknowledged_by"] == "Alice"
        assert [(d["tier"], d["channel"], d["status"]) for d in incident["deliveries"]] == [
            (0, "owner", "delivered"),
            (1, "manager", "delivered"),
        ]
        ack = site.audit.find("alarm.acknowledge")[0]
        assert ack.details["tier"] == 1


async def test_unacknowledged_escalation_reaches_the_siren(make_site) -> None:
    async with webhook_server() as hook, smtp_server() as mailbox:
        site = await make_site(config(hook.url, mailbox.port), SENSORS)
        pushes = []
        site.hub.bus.listen("notify_push", lambda e: pushes.append(e.data))
        await trip_and_expire(site)
        await site.clock.advance(180)
        await asyncio.sleep(0.2)
        await site.clock.advance(0)
        assert site.state("siren.office_siren") == "on"
        assert pushes[0]["actions"][0]["action"].startswith("ALARM_ACKNOWLEDGE_")
        assert "acknowledge_url" not in pushes[0]["data"]  # no bearer link on the bus
        await site.call("alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": CODE})
        assert site.state("siren.office_siren") == "off"
        assert site.audit.find("alarm.resolved")


async def test_duress_disarms_visibly_and_alerts_silently(make_site) -> None:
    async with webhook_server() as hook, smtp_server() as mailbox:
        site = await make_site(config(hook.url, mailbox.port), SENSORS)
        bus_events = []
        site.hub.bus.listen("*", lambda e: bus_events.append(e))
        await trip_and_expire(site)
        await site.call("alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": DURESS})
        await asyncio.wait_for(mailbox.arrived.wait(), 10)
        await asyncio.sleep(0.1)
        # Looks exactly like an ordinary disarm by Alice.
        state = site.hub.states.get(PANEL)
        assert state.state == "disarmed"
        assert state.attributes["changed_by"] == "Alice"
        assert "duress" not in repr(state.as_dict()).lower()
        # Contacts are told; the siren stays quiet.
        assert "duress" in mailbox.messages[0]["Subject"].lower()
        assert any("duress" in r["message"] for r in hook.received)
        assert site.devices["siren.office_siren"].turned_on == 0
        # Only the audit log knows.
        disarm = site.audit.find("alarm.disarm")[-1]
        assert disarm.details["duress"] is True and disarm.details["by"] == "Alice"
        silent = site.audit.find("alarm.incident")[-1]
        assert silent.details["kind"] == "duress"
        for event in bus_events:
            assert "duress" not in repr(event.data).lower(), event.event_type
        incidents = await site.call("alarm", "incidents", {}, return_response=True)
        assert all(i["kind"] != "duress" for i in incidents["incidents"])


async def test_unconfirmed_until_second_sensor(make_site) -> None:
    async with webhook_server() as hook, smtp_server() as mailbox:
        site = await make_site(config(hook.url, mailbox.port, "      verification: 60"), SENSORS)
        await trip_and_expire(site)
        incident = (await site.call("alarm", "incidents", {}, return_response=True))["incidents"][0]
        assert incident["confirmed"] is False and incident["policy"] == "unconfirmed"
        site.sensor("binary_sensor.hall_motion", "on")
        await site.clock.advance(0)
        incident = (await site.call("alarm", "incidents", {}, return_response=True))["incidents"][0]
        assert incident["confirmed"] is True and incident["policy"] == "intrusion"
        assert site.audit.find("alarm.confirmed")
        await asyncio.sleep(0.2)
        assert hook.received  # the confirmed policy's first tier ran
