"""MQTT channel: publishes each notification as JSON to a topic on a broker (aiomqtt)."""

from __future__ import annotations

import asyncio
import json
import ssl
from collections.abc import Mapping
from typing import Any

import aiomqtt

from hub.errors import DeviceError
from hub.integration import IntegrationContext

from .channels import Message, short

MQTT_TIMEOUT = 10.0  # seconds for connect + publish (+ broker acknowledgement for QoS 1/2)


class MqttChannel:
    """Connects, publishes `{title, message, data, actions}` and disconnects; notifications are
    rare, so a connection per message keeps no idle socket and needs no reconnect logic."""

    def __init__(self, name: str, ctx: IntegrationContext, conf: Mapping[str, Any]) -> None:
        self.name = name
        self._conf = conf

    def payload(self, msg: Message) -> bytes:
        return json.dumps(
            {
                "title": msg.title,
                "message": msg.message,
                "data": dict(msg.data),
                "actions": [dict(a) for a in msg.actions],
            },
            default=str,
        ).encode()

    async def send(self, msg: Message) -> None:
        msg = msg.for_recipient(self.name, self.name)
        conf = self._conf
        timeout = conf.get("timeout", MQTT_TIMEOUT)
        tls = ssl.create_default_context() if conf.get("tls") else None
        try:
            async with asyncio.timeout(timeout):
                async with aiomqtt.Client(
                    conf["host"],
                    conf["port"],
                    username=conf.get("username"),
                    password=conf.get("password"),
                    identifier=conf.get("client_id"),
                    tls_context=tls,
                    timeout=timeout,
                ) as client:
                    await client.publish(
                        conf["topic"],
                        self.payload(msg),
                        qos=conf["qos"],
                        retain=conf["retain"],
                        timeout=timeout,
                    )
        except (aiomqtt.MqttError, OSError, TimeoutError) as err:
            where = f"{conf['host']}:{conf['port']}"
            raise DeviceError(f"MQTT publish via {where} failed: {short(err)}") from err
