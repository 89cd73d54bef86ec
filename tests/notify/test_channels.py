"""notify.* services against real local SMTP and HTTP servers, with fallback and status."""

from __future__ import annotations

import asyncio
import socket

import pytest

from hub.errors import DeviceError, ValidationError

from .servers import smtp_server, webhook_server

ASYNC_WAIT = 10.0


def free_port() -> int:
    """A port nothing listens on (bound then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_email_is_received_by_local_smtp_server(make_hub) -> None:
    async with smtp_server() as mailbox:
        hub = await make_hub(
            f"""
            notify:
              - name: owner_email
                platform: smtp
                host: 127.0.0.1
                port: {mailbox.port}
                sender: bastion@example.test
                recipients: [owner@example.test]
            """
        )
        await hub.services.call(
            "notify", "owner_email", {"message": "Front door opened", "title": "Office alarm"}
        )
        await asyncio.wait_for(mailbox.arrived.wait(), ASYNC_WAIT)
        mail = mailbox.messages[0]
        assert mail["Subject"] == "Office alarm"
        assert mail["To"] == "owner@example.test"
        assert "Front door opened" in mail.get_payload()
        result = await hub.services.call("notify", "deliveries", return_response=True)
        assert [(d["channel"], d["status"]) for d in result["deliveries"]] == [
            ("owner_email", "delivered")
        ]


async def test_webhook_posts_json(make_hub) -> None:
    async with webhook_server() as hook:
        hub = await make_hub(
            f"""
            notify:
              - name: monitoring
                platform: webhook
                url: {hook.url}
            """
        )
        await hub.services.call(
            "notify",
            "monitoring",
            {"message": "Alarm", "title": "T", "data": {"incident": "abc"}},
        )
        assert hook.received == [
            {"title": "T", "message": "Alarm", "data": {"incident": "abc"}, "actions": []}
        ]


async def test_failing_channel_falls_back_and_records_status(make_hub) -> None:
    dead = free_port()
    async with webhook_server() as hook:
        hub = await make_hub(
            f"""
            notify:
              - name: primary
                platform: smtp
                host: 127.0.0.1
                port: {dead}
                sender: a@example.test
                recipients: [b@example.test]
                timeout: 2
                fallback: backup
              - name: backup
                platform: webhook
                url: {hook.url}
            """
        )
        seen = []
        hub.bus.listen("notify_delivery", lambda e: seen.append(e.data))
        await hub.services.call("notify", "primary", {"message": "Leak"})
        await hub.bus.drain()
        assert hook.received[0]["message"] == "Leak"
        assert [(d["channel"], d["status"]) for d in seen] == [
            ("primary", "failed"),
            ("backup", "delivered"),
        ]
        assert seen[0]["requested"] == seen[1]["requested"] == "primary"
        assert "email via 127.0.0.1 failed" in seen[0]["error"]
        assert "message" not in seen[0]  # delivery records never carry the text


async def test_all_channels_failing_raises_with_reasons(make_hub) -> None:
    async with webhook_server() as hook:
        hook.status = 503
        hub = await make_hub(
            f"""
            notify:
              - name: monitoring
                platform: webhook
                url: {hook.url}
                fallback: ui
              - name: ui
                platform: websocket
            """
        )
        pushes = []
        hub.bus.listen("notify_push", lambda e: pushes.append(e.data))
        await hub.services.call("notify", "monitoring", {"message": "x"})
        await hub.bus.drain()
        assert pushes and pushes[0]["message"] == "x"
        hub2_deliveries = await hub.services.call("notify", "deliveries", return_response=True)
        assert hub2_deliveries["deliveries"][0]["error"] == "DeviceError: webhook answered HTTP 503"


async def test_no_fallback_failure_is_an_error(make_hub) -> None:
    hub = await make_hub(
        f"""
        notify:
          - name: monitoring
            platform: webhook
            url: http://127.0.0.1:{free_port()}/hook
            timeout: 2
        """
    )
    with pytest.raises(DeviceError, match="not delivered"):
        await hub.services.call("notify", "monitoring", {"message": "x"})


async def test_persistent_default_channel_and_schema(make_hub) -> None:
    hub = await make_hub("notify:\n")
    await hub.services.call("notify", "persistent_notification", {"message": "Hi", "title": "T"})
    assert [(n.title, n.message) for n in hub.notifications.all().values() if n.title == "T"] == [
        ("T", "Hi")
    ]
    with pytest.raises(ValidationError, match="message"):
        await hub.services.call("notify", "persistent_notification", {"title": "no message"})


async def test_invalid_config_is_reported_with_line(make_hub) -> None:
    hub = await make_hub(
        """
        notify:
          - name: a
            platform: webhook
            url: not a url
        """
    )
    reason = hub.loader.report.failed["notify"]
    assert "configuration.yaml" in reason and "url" in reason
