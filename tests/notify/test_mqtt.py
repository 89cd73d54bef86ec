"""notify MQTT channel against the real Mosquitto on 127.0.0.1:1883."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiomqtt

from hub.context import ulid
from tests.conftest import service_missing

BROKER = ("127.0.0.1", 1883)
WAIT = 10.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def subscriber(topic: str) -> AsyncIterator[aiomqtt.Client]:
    """A subscribed client on the local broker (skips, or fails when required, if absent)."""
    try:
        async with asyncio.timeout(WAIT):
            client = aiomqtt.Client(*BROKER, timeout=WAIT)
            await client.__aenter__()
            await client.subscribe(topic, qos=1)
    except (aiomqtt.MqttError, OSError, TimeoutError) as err:
        service_missing("Mosquitto", f"{BROKER[0]}:{BROKER[1]} ({err})")
    try:
        yield client
    finally:
        await client.__aexit__(None, None, None)


async def next_message(client: aiomqtt.Client) -> aiomqtt.Message:
    async with asyncio.timeout(WAIT):
        async for message in client.messages:
            return message
    raise AssertionError("subscription ended")


async def test_mqtt_channel_publishes_json(make_hub) -> None:
    topic = f"bastion/test/{ulid()}/alerts"
    async with subscriber(topic) as sub:
        hub = await make_hub(
            f"""
            notify:
              - name: site_bus
                platform: mqtt
                host: 127.0.0.1
                port: 1883
                topic: {topic}
            """
        )
        await hub.services.call(
            "notify",
            "site_bus",
            {
                "message": "Freezer is warm",
                "title": "Kitchen",
                "data": {"alert": "freezer"},
                "actions": [{"action": "ack", "title": "Acknowledge"}],
            },
        )
        message = await next_message(sub)
    assert str(message.topic) == topic
    assert json.loads(bytes(message.payload)) == {
        "title": "Kitchen",
        "message": "Freezer is warm",
        "data": {"alert": "freezer"},
        "actions": [{"action": "ack", "title": "Acknowledge"}],
    }
    result = await hub.services.call("notify", "deliveries", return_response=True)
    assert [(d["channel"], d["status"]) for d in result["deliveries"]] == [
        ("site_bus", "delivered")
    ]


async def test_unreachable_broker_falls_back(make_hub) -> None:
    hub = await make_hub(
        f"""
        notify:
          - name: site_bus
            platform: mqtt
            host: 127.0.0.1
            port: {free_port()}
            topic: bastion/alerts
            timeout: 2
            fallback: app
          - name: app
            platform: websocket
        """
    )
    pushes = []
    hub.bus.listen("notify_push", pushes.append)
    await hub.services.call("notify", "site_bus", {"message": "Door left open"})
    result = await hub.services.call("notify", "deliveries", return_response=True)
    statuses = [(d["channel"], d["status"]) for d in result["deliveries"]]
    assert statuses == [("site_bus", "failed"), ("app", "delivered")]
    assert "MQTT publish via 127.0.0.1" in result["deliveries"][0]["error"]
    assert [p.data["message"] for p in pushes] == ["Door left open"]


def test_mqtt_config_rejects_wildcard_topics() -> None:
    import voluptuous as vol

    from integrations.notify import CONFIG_SCHEMA

    try:
        CONFIG_SCHEMA([{"name": "x", "platform": "mqtt", "topic": "a/#"}])
    except vol.Invalid as err:
        assert "wildcards" in str(err)
    else:
        raise AssertionError("wildcard topic accepted")
