"""Acknowledging from a notification: the personal link in email/webhook notifications (GET
shows a page, POST acknowledges once) and the app's Acknowledge button, end to end over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from hub.auth import UserRole
from hub.clock import FakeClock
from tests.api.conftest import command
from tests.notify.ack_bench import AckBench, ack_benches, mail_links
from tests.notify.servers import Hook, Mailbox, smtp_server, webhook_server

from .support import CODE, CODES_YAML, DURESS

PANEL = "alarm_control_panel.office"
DOOR = "binary_sensor.front_door"
EXTERNAL = "https://alarm.example.test"
INVALID = "invalid or has expired"


def config(hook: Hook, mailbox: Mailbox, *, external_url: bool = True) -> str:
    core = f"homeassistant:\n  external_url: {EXTERNAL}/\n" if external_url else ""
    return (
        core
        + f"""
notify:
  - name: owner
    platform: webhook
    url: {hook.url}
  - name: manager
    platform: smtp
    host: 127.0.0.1
    port: {mailbox.port}
    sender: alarm@example.test
    recipients: [manager@example.test, deputy@example.test]
  - name: app
    platform: websocket
alarm:
  areas:
    office:
      name: Office
      exit_delay: {{armed_away: 0}}
      entry_delay: {{armed_away: 20}}
      escalation: {{default: intrusion, duress: duress}}
      sensors:
        - {{entity_id: {DOOR}, role: door}}
  escalation:
    intrusion:
      tiers:
        - {{channels: [owner, app], wait: 60}}
        - {{channels: [manager], wait: 120}}
        - {{channels: [app]}}
    duress:
      tiers:
        - {{channels: [owner]}}
"""
        + CODES_YAML
    )


@dataclass
class Bench(AckBench):
    """An alarm hub: also records escalation tiers; trips the office panel."""

    tiers: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.hub.bus.listen("alarm_escalation", lambda e: self.tiers.append(e.data["tier"]))

    async def trip(self) -> str:
        """Arm, open the door, let the entry delay run out; the incident's id."""
        await self.hub.services.call(
            "alarm_control_panel", "alarm_arm_away", {"entity_id": PANEL, "code": CODE}
        )
        await self.clock.advance(0)
        self.hub.states.set(DOOR, "on")
        await self.clock.advance(20)
        assert self.hub.states.get(PANEL).state == "triggered"
        return (await self.incidents())[0]["incident_id"]

    async def incidents(self) -> list[dict[str, Any]]:
        result = await self.hub.services.call("alarm", "incidents", {}, return_response=True)
        return list(result["incidents"])


@pytest.fixture
async def start(config_dir: Path, clock: FakeClock) -> AsyncIterator[Any]:
    async with ack_benches(config_dir, clock, Bench) as make:

        async def factory(yaml_text: str) -> Bench:
            return await make(yaml_text, lambda hub: hub.states.set(DOOR, "off"))

        yield factory


async def test_link_page_then_one_acknowledgement_stops_escalation(start) -> None:
    async with webhook_server() as hook, smtp_server() as mailbox:
        bench = await start(config(hook, mailbox))
        incident_id = await bench.trip()
        await bench.until_delivered(2)  # tier 0: owner (webhook) and app (push)
        (sent,) = hook.received
        link = sent["data"]["acknowledge_url"]
        assert link.startswith(f"{EXTERNAL}/api/webhook/bastion_alarm_acknowledge?token=")
        assert {"action": "URI", "title": "Acknowledge", "uri": link} in sent["actions"]
        # The app gets a button to press, and no bearer link travels on the bus.
        (push,) = bench.pushes
        button = {"action": f"ALARM_ACKNOWLEDGE_{incident_id}", "title": "Acknowledge"}
        assert push["data"]["actions"] == [button] and push["actions"] == [button]
        token = link.partition("token=")[2]
        assert all(token not in repr(e.data) for e in bench.events)

        await bench.clock.advance(60)  # tier 1: one email per recipient, each its own link
        await bench.until_delivered(3)
        links = mail_links(mailbox)
        assert set(links) == {"manager@example.test", "deputy@example.test"}
        assert len({link, *links.values()}) == 3

        # Opening the link (a mail scanner does too) only shows a page with a button.
        status, page = await bench.get(links["deputy@example.test"])
        assert status == 200 and '<form method="post">' in page and "Office" in page
        assert (await bench.incidents())[0]["status"] == "active"
        assert not bench.audit.find("alarm.acknowledge")

        status, page = await bench.post(links["deputy@example.test"])
        assert status == 200 and "acknowledged" in page
        (incident,) = await bench.incidents()
        assert incident["status"] == "acknowledged"
        assert incident["acknowledged_by"] == "deputy@example.test"
        (ack,) = bench.audit.find("alarm.acknowledge")
        assert ack.outcome == "success" and ack.user_id is None
        assert ack.details == {
            "incident_id": incident_id,
            "by": "deputy@example.test",
            "tier": 1,
            "via": "link",
            "channel": "manager",
        }

        await bench.clock.advance(600)
        assert bench.tiers == [0, 1]  # the last tier never came

        # Single use; the other links died with the incident; unknown tokens look the same.
        used = await bench.post(links["deputy@example.test"])
        other = await bench.post(links["manager@example.test"])
        bogus = await bench.post(link.replace(token, "nope.nope"))
        opened = await bench.get(link)
        assert used == other == bogus == opened
        assert used[0] == 404 and INVALID in used[1]
        failures = [r for r in bench.audit.find("alarm.acknowledge") if r.outcome == "failure"]
        assert [r.details["reason"] for r in failures] == ["invalid or expired link"] * 3
        assert all(r.details["via"] == "link" for r in failures)
        assert all(token not in repr(r.details) for r in bench.audit.records)


async def test_links_expire_after_a_day_and_invalid_tries_are_throttled(start) -> None:
    async with webhook_server() as hook, smtp_server() as mailbox:
        bench = await start(config(hook, mailbox, external_url=False))
        await bench.trip()
        await bench.until_delivered(2)
        link = hook.received[0]["data"]["acknowledge_url"]
        assert link.startswith("/api/webhook/bastion_alarm_acknowledge?token=")  # no base URL
        # The webhook's link still works after the other tiers ran (the incident is active).
        await bench.clock.advance(180)
        await bench.until_delivered(4)
        assert (await bench.get(link))[0] == 200
        await bench.clock.advance(24 * 3600 - 180)
        status, page = await bench.post(link)
        assert status == 404 and INVALID in page
        assert (await bench.incidents())[0]["status"] == "active"

        for _ in range(9):  # ten failures so far: each answered 404 and audited
            assert (await bench.post(link))[0] == 404
        status, page = await bench.post(link)
        assert status == 429 and "Too many" in page
        assert (await bench.post(link))[0] == 429
        reasons = [r.details["reason"] for r in bench.audit.find("alarm.acknowledge")]
        assert reasons == ["invalid or expired link"] * 10 + ["too many invalid links; throttled"]
        assert (await bench.incidents())[0]["status"] == "active"


async def test_app_button_acknowledges_for_an_allowed_user_only(start) -> None:
    async with webhook_server() as hook, smtp_server() as mailbox:
        bench = await start(config(hook, mailbox))
        incident_id = await bench.trip()
        await bench.until_delivered(2)
        action = bench.pushes[0]["data"]["actions"][0]["action"]
        pressed = {
            "type": "fire_event",
            "event_type": "mobile_app_notification_action",
            "event_data": {"action": action},
        }
        # A plain user and a read-only token may not fire events: refused and audited.
        guest = await bench.ws("guest", UserRole.USER)
        wall = await bench.ws("owner", UserRole.OWNER, read_only=True)
        for ws in (guest, wall):
            reply = await command(ws, {"id": 1, **pressed})
            assert reply["error"]["code"] == "unauthorized"
        denials = bench.audit.find("access.denied")
        assert [d.details["entry"] for d in denials] == ["websocket:fire_event"] * 2
        # Fired on the hub without a user (an automation): refused by the alarm, audited.
        bench.hub.bus.fire("mobile_app_notification_action", {"action": action})
        (refused,) = bench.audit.find("alarm.acknowledge")
        assert refused.outcome == "failure" and refused.details["reason"] == "no signed-in user"
        assert (await bench.incidents())[0]["status"] == "active"

        owner_ws = await bench.ws("owner", UserRole.OWNER)
        owner = bench.auth.get_user_by_name("owner")
        reply = await command(owner_ws, {"id": 1, **pressed})
        assert reply["success"]
        (incident,) = await bench.incidents()
        assert incident["status"] == "acknowledged"
        assert incident["acknowledged_by"] == f"user:{owner.id}"
        ack = bench.audit.find("alarm.acknowledge")[-1]
        assert ack.outcome == "success" and ack.user_id == owner.id
        assert ack.details["via"] == "app" and ack.details["incident_id"] == incident_id
        await bench.clock.advance(600)
        assert bench.tiers == [0]

        unknown = {**pressed, "event_data": {"action": "ALARM_ACKNOWLEDGE_nope"}}
        assert (await command(owner_ws, {"id": 2, **unknown}))["success"]
        last = bench.audit.find("alarm.acknowledge")[-1]
        assert last.outcome == "failure" and last.details["reason"] == "no such incident"


async def test_links_survive_a_restart_and_only_hashes_are_stored(start, config_dir: Path) -> None:
    async with webhook_server() as hook, smtp_server() as mailbox:
        yaml_text = config(hook, mailbox)
        bench = await start(yaml_text)
        incident_id = await bench.trip()
        await bench.until_delivered(2)
        link = hook.received[0]["data"]["acknowledge_url"]
        await bench.stop()
        stored = (config_dir / ".storage" / "alarm.runtime").read_text()
        selector, _, verifier = link.partition("token=")[2].partition(".")
        assert selector in stored and verifier not in stored

        again = await start(yaml_text)
        assert (await again.incidents())[0]["incident_id"] == incident_id
        status, _ = await again.post(link)
        assert status == 200
        assert (await again.incidents())[0]["status"] == "acknowledged"


async def test_duress_link_acknowledges_silently(start) -> None:
    async with webhook_server() as hook, smtp_server() as mailbox:
        bench = await start(config(hook, mailbox))
        await bench.trip()
        await bench.until_delivered(2)
        await bench.hub.services.call(
            "alarm_control_panel", "alarm_disarm", {"entity_id": PANEL, "code": DURESS}
        )
        await bench.clock.advance(0)
        await hook.until(2)  # silent: no delivery event on the bus
        duress = hook.received[-1]
        assert "duress" in duress["message"]
        status, page = await bench.get(duress["data"]["acknowledge_url"])
        assert status == 200 and "duress" not in page
        bench.events.clear()
        assert (await bench.post(duress["data"]["acknowledge_url"]))[0] == 200
        ack = bench.audit.find("alarm.acknowledge")[-1]
        assert ack.details["via"] == "link" and ack.details["by"] == "owner"
        assert not [e for e in bench.events if e.event_type == "bastion_audit"]
