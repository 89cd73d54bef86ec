"""Acknowledging an alert from a notification: the personal link in email, webhook and MQTT
notifications (GET shows a page, POST acknowledges once) and the app's Acknowledge button, end
to end over HTTP against local SMTP, webhook and MQTT receivers."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hub.auth import UserRole
from hub.clock import FakeClock
from hub.context import ulid
from tests.api.conftest import command
from tests.notify.ack_bench import AckBench, ack_benches, mail_links
from tests.notify.servers import Hook, Mailbox, smtp_server, webhook_server
from tests.notify.test_mqtt import next_message, subscriber

ALERT = "alert.freezer"
SENSOR = "binary_sensor.freezer_warm"
EXTERNAL = "https://alerts.example.test"
LINK_PATH = "/api/webhook/bastion_alert_acknowledge?token="
INVALID = "invalid or has expired"
BUTTON = re.compile(r"^ALERT_ACKNOWLEDGE_alert\.freezer_[0-9A-Z]{26}$")


def config(hook: Hook, mailbox: Mailbox, *, external_url: bool = True, extra: str = "") -> str:
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
    sender: alerts@example.test
    recipients: [manager@example.test, deputy@example.test]
  - name: app
    platform: websocket
{extra}
alert:
  freezer:
    name: Freezer is warm
    entity_id: {SENSOR}
    message: The freezer is warm
    done_message: Freezer back to normal
    repeat: 30
    tiers:
      - {{channels: [owner, app], wait: 60}}
      - {{channels: [manager], wait: 120}}
      - {{channels: [app]}}
"""
    )


@dataclass
class Bench(AckBench):
    """An alert hub: warms the freezer sensor, reads the alert and its acknowledgements."""

    async def warm(self, on: bool = True) -> None:
        self.hub.states.set(SENSOR, "on" if on else "off")
        await self.clock.advance(0)

    def state(self) -> str:
        current = self.hub.states.get(ALERT)
        assert current is not None
        return current.state

    def acks(self, outcome: str = "success") -> list[Any]:
        return [r for r in self.audit.find("alert.acknowledge") if r.outcome == outcome]


@pytest.fixture
async def start(config_dir: Path, clock: FakeClock) -> AsyncIterator[Any]:
    async with ack_benches(config_dir, clock, Bench) as make:

        async def factory(yaml_text: str, *, warm: bool = False) -> Bench:
            return await make(
                yaml_text, lambda hub: hub.states.set(SENSOR, "on" if warm else "off")
            )

        yield factory


async def test_link_page_then_one_acknowledgement_stops_notifications(start) -> None:
    async with webhook_server() as hook, smtp_server() as mailbox:
        bench = await start(config(hook, mailbox))
        await bench.warm()
        assert bench.state() == "on"
        await bench.until_delivered(2)  # tier 0: owner (webhook) and app (push)
        (sent,) = hook.received
        link = sent["data"]["acknowledge_url"]
        assert link.startswith(f"{EXTERNAL}{LINK_PATH}")
        assert sent["data"]["alert"] == ALERT
        assert {"action": "URI", "title": "Acknowledge", "uri": link} in sent["actions"]
        # The app gets a button naming the alert and this firing; no link travels on the bus.
        (push,) = bench.pushes
        (button,) = push["actions"]
        assert BUTTON.match(button["action"]) and button["title"] == "Acknowledge"
        assert push["data"]["actions"] == [button]
        assert "acknowledge_url" not in push["data"]
        token = link.partition("token=")[2]
        assert all(token not in repr(e.data) for e in bench.events)

        await bench.clock.advance(60)  # tier 1: one email per recipient, each its own link
        await bench.until_delivered(3)
        links = mail_links(mailbox)
        assert set(links) == {"manager@example.test", "deputy@example.test"}
        assert len({link, *links.values()}) == 3

        # Opening the link (a mail scanner does too) only shows a page with a button.
        status, page = await bench.get(links["deputy@example.test"])
        assert status == 200 and '<form method="post">' in page and "Freezer is warm" in page
        assert bench.state() == "on" and not bench.acks()

        bench.events.clear()
        status, page = await bench.post(links["deputy@example.test"])
        assert status == 200 and "Alert acknowledged" in page
        assert bench.state() == "off"
        (ack,) = bench.acks()
        assert ack.user_id is None and ack.target == ALERT
        assert ack.details == {
            "alert": ALERT,
            "by": "deputy@example.test",
            "tier": 1,
            "via": "link",
            "channel": "manager",
        }
        (changed,) = [e for e in bench.events if e.event_type == "state_changed"]
        assert changed.data["new_state"].state == "off"

        await bench.clock.advance(600)
        assert len(bench.pushes) == 1  # the last tier never came
        assert len(bench.deliveries) == 3

        # Re-armed (alert.turn_on): notifications resume, but the links sent before the
        # acknowledgement stay dead; unknown tokens look the same.
        await bench.hub.services.call("alert", "turn_on", {"entity_id": ALERT})
        await bench.clock.advance(0)
        assert bench.state() == "on"
        used = await bench.post(links["deputy@example.test"])
        other = await bench.post(links["manager@example.test"])
        bogus = await bench.post(link.replace(token, "nope.nope"))
        opened = await bench.get(link)
        assert used == other == bogus == opened
        assert used[0] == 404 and INVALID in used[1]
        failures = bench.acks("failure")
        assert [r.details["reason"] for r in failures] == ["invalid or expired link"] * 3
        assert all(r.details["via"] == "link" and r.target == "alert" for r in failures)
        assert all(token not in repr(r.details) for r in bench.audit.records)
        assert bench.state() == "on"


async def test_links_die_when_the_alert_clears_and_expire_after_a_day(start) -> None:
    async with webhook_server() as hook, smtp_server() as mailbox:
        bench = await start(config(hook, mailbox, external_url=False))
        await bench.warm()
        await bench.until_delivered(2)
        first = hook.received[0]["data"]["acknowledge_url"]
        assert first.startswith(LINK_PATH)  # no base URL configured: a bare path
        first_button = bench.pushes[0]["actions"][0]["action"]

        await bench.warm(False)  # cleared: the done message carries neither link nor button
        assert bench.state() == "idle"
        await hook.until(2)
        done = hook.received[1]
        assert done["message"] == "Freezer back to normal"
        assert done["actions"] == [] and "acknowledge_url" not in done["data"]
        status, page = await bench.post(first)
        assert status == 404 and INVALID in page

        await bench.warm()  # a new firing: new link, new button
        await hook.until(3)
        link = hook.received[2]["data"]["acknowledge_url"]
        assert link != first and bench.pushes[-1]["actions"][0]["action"] != first_button
        await bench.clock.advance(180)  # the other tiers ran; the link still works
        assert (await bench.get(link))[0] == 200
        await bench.clock.advance(24 * 3600 - 180)
        status, page = await bench.post(link)
        assert status == 404 and INVALID in page
        assert bench.state() == "on"

        for _ in range(9):  # ten failures in ten minutes: each answered 404 and audited
            assert (await bench.post(link))[0] == 404
        status, page = await bench.post(link)
        assert status == 429 and "Too many" in page
        assert (await bench.post(link))[0] == 429
        reasons = [r.details["reason"] for r in bench.acks("failure")]
        assert reasons == ["invalid or expired link"] * 11 + ["too many invalid links; throttled"]
        assert bench.state() == "on"


async def test_app_button_acknowledges_for_an_allowed_user_only(start) -> None:
    async with webhook_server() as hook, smtp_server() as mailbox:
        bench = await start(config(hook, mailbox))
        await bench.warm()
        await bench.until_delivered(2)
        action = bench.pushes[0]["actions"][0]["action"]
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
        # Fired on the hub without a user (an automation): refused by the alert, audited.
        bench.hub.bus.fire("mobile_app_notification_action", {"action": action})
        await bench.clock.advance(0)
        (refused,) = bench.acks("failure")
        assert refused.details["reason"] == "no signed-in user"
        assert refused.details["via"] == "app" and refused.details["alert"] == ALERT
        assert bench.state() == "on"

        owner_ws = await bench.ws("owner", UserRole.OWNER)
        owner = bench.auth.get_user_by_name("owner")
        bench.events.clear()
        reply = await command(owner_ws, {"id": 1, **pressed})
        assert reply["success"]
        assert bench.state() == "off"
        (ack,) = bench.acks()
        assert ack.user_id == owner.id
        assert ack.details == {"alert": ALERT, "by": f"user:{owner.id}", "tier": 0, "via": "app"}
        (changed,) = [e for e in bench.events if e.event_type == "state_changed"]
        assert changed.context.user_id == owner.id
        # The link sent with the same notification died with the acknowledgement.
        assert (await bench.post(hook.received[0]["data"]["acknowledge_url"]))[0] == 404
        await bench.clock.advance(600)
        assert len(bench.pushes) == 1

        # A button of an earlier firing never acknowledges a new one; other ids neither.
        await bench.warm(False)
        await bench.warm()
        assert bench.state() == "on"
        assert (await command(owner_ws, {"id": 2, **pressed}))["success"]
        renamed = {**pressed, "event_data": {"action": action.replace("freezer", "fridge")}}
        assert (await command(owner_ws, {"id": 3, **renamed}))["success"]
        other = {**pressed, "event_data": {"action": f"OTHER_{action}"}}
        assert (await command(owner_ws, {"id": 4, **other}))["success"]
        assert bench.state() == "on"
        reasons = [r.details["reason"] for r in bench.acks("failure")]
        assert reasons == [
            "no signed-in user",
            "invalid or expired link",
            "no such alert firing",
            "no such alert firing",
        ]
        assert len(bench.acks()) == 1


async def test_mqtt_notification_carries_a_working_link(start) -> None:
    topic = f"bastion/test/{ulid()}/alerts"
    async with webhook_server() as hook, smtp_server() as mailbox, subscriber(topic) as sub:
        extra = f"""  - name: site_bus
    platform: mqtt
    host: 127.0.0.1
    port: 1883
    topic: {topic}
"""
        yaml_text = config(hook, mailbox, extra=extra).replace(
            "[owner, app], wait: 60", "[site_bus], wait: 60"
        )
        bench = await start(yaml_text)
        await bench.warm()
        payload = json.loads(bytes((await next_message(sub)).payload))
        link = payload["data"]["acknowledge_url"]
        assert link.startswith(f"{EXTERNAL}{LINK_PATH}")
        assert {"action": "URI", "title": "Acknowledge", "uri": link} in payload["actions"]
        assert BUTTON.match(payload["actions"][0]["action"])
        assert (await bench.post(link))[0] == 200
        assert bench.state() == "off"
        (ack,) = bench.acks()
        assert ack.details["by"] == "site_bus" and ack.details["channel"] == "site_bus"


async def test_links_do_not_outlive_a_restart(start) -> None:
    """Alert firings are not kept across a restart, so neither are their links: the alert
    fires anew with new links while its condition still holds."""
    async with webhook_server() as hook, smtp_server() as mailbox:
        yaml_text = config(hook, mailbox)
        bench = await start(yaml_text, warm=True)  # fires while the hub starts
        await hook.until(1)
        before = hook.received[0]["data"]["acknowledge_url"]
        await bench.stop()

        again = await start(yaml_text, warm=True)
        await hook.until(2)
        after = hook.received[1]["data"]["acknowledge_url"]
        assert after != before
        assert (await again.post(before))[0] == 404
        assert (await again.post(after))[0] == 200
        assert again.state() == "off"
