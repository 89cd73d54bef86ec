"""notify: named notification channels, each a `notify.<name>` service, with fallback chains."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.integration import IntegrationContext
from hub.services import ServiceCall, SupportsResponse

from .channels import PLATFORMS, Message
from .dispatch import Delivery, DeliveryFailed, Notifier
from .mqtt import MqttChannel

__all__ = ["Delivery", "DeliveryFailed", "Message", "Notifier", "notifier_for"]

DOMAIN = "notify"
RESERVED = frozenset({"deliveries", "send"})
DEFAULT_CHANNEL = "persistent_notification"
ALL_PLATFORMS: dict[str, type[Any]] = {**PLATFORMS, "mqtt": MqttChannel}

ACTION_SCHEMA = vol.Schema(
    {
        vol.Required("action"): cv.string,
        vol.Optional("title"): cv.string,
        vol.Optional("uri"): cv.url,
    }
)
SERVICE_SCHEMA = {
    vol.Required("message"): vol.All(cv.string, vol.Length(max=10_000)),
    vol.Optional("title"): vol.All(cv.string, vol.Length(max=200)),
    vol.Optional("data", default={}): dict,
    vol.Optional("actions", default=[]): [ACTION_SCHEMA],
}

_BASE = {
    vol.Required("name"): vol.All(cv.slug, vol.NotIn(RESERVED, msg="reserved channel name")),
    vol.Optional("fallback"): cv.slug,
}
_SMTP = {
    **_BASE,
    vol.Required("platform"): "smtp",
    vol.Required("host"): cv.string,
    vol.Optional("port", default=25): cv.port,
    vol.Required("sender"): cv.string,
    vol.Required("recipients"): vol.All(cv.ensure_list, [cv.string], vol.Length(min=1)),
    vol.Optional("encryption", default="none"): vol.In(["none", "starttls", "tls"]),
    vol.Optional("username"): cv.string,
    vol.Optional("password"): cv.string,
    vol.Optional("timeout", default=15.0): vol.All(vol.Coerce(float), vol.Range(min=1, max=120)),
}
_WEBHOOK = {
    **_BASE,
    vol.Required("platform"): "webhook",
    vol.Required("url"): cv.url,
    vol.Optional("headers", default={}): {cv.string: cv.string},
    vol.Optional("timeout", default=10.0): vol.All(vol.Coerce(float), vol.Range(min=1, max=120)),
}
_MQTT = {
    **_BASE,
    vol.Required("platform"): "mqtt",
    vol.Optional("host", default="127.0.0.1"): cv.string,
    vol.Optional("port", default=1883): cv.port,
    vol.Required("topic"): vol.All(cv.string, vol.Match(r"^[^#+]+$", msg="no wildcards")),
    vol.Optional("qos", default=1): vol.In([0, 1, 2]),
    vol.Optional("retain", default=False): cv.boolean,
    vol.Optional("username"): cv.string,
    vol.Optional("password"): cv.string,
    vol.Optional("client_id"): cv.string,
    vol.Optional("tls", default=False): cv.boolean,
    vol.Optional("timeout", default=10.0): vol.All(vol.Coerce(float), vol.Range(min=1, max=120)),
}
_SIMPLE = {
    **_BASE,
    vol.Required("platform"): vol.In(["persistent_notification", "websocket"]),
    vol.Optional("target"): cv.string,
}


def _channel(value: Any) -> Any:
    platform = value.get("platform") if isinstance(value, Mapping) else None
    schema = {"smtp": _SMTP, "webhook": _WEBHOOK, "mqtt": _MQTT}.get(str(platform), _SIMPLE)
    return vol.Schema(schema)(value)


def _unique(channels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    names = [c["name"] for c in channels]
    for name in names:
        if names.count(name) > 1:
            raise vol.Invalid(f"channel name {name!r} is used twice")
    for channel in channels:
        if channel.get("fallback") and channel["fallback"] not in names:
            raise vol.Invalid(f"fallback {channel['fallback']!r} is not a configured channel")
    return channels


CONFIG_SCHEMA = vol.Schema(vol.All(vol.Any(None, [_channel]), lambda v: _unique(v or [])))


def notifier_for(ctx: IntegrationContext) -> Notifier | None:
    """The running notifier of this hub (None when notify is not set up). Integrations use it
    to send without a `call_service` event carrying the text (e.g. silent alarms)."""
    notifier = ctx.shared(DOMAIN).get("notifier")
    return notifier if isinstance(notifier, Notifier) else None


async def setup(ctx: IntegrationContext, config: list[dict[str, Any]] | None) -> bool:
    """Create the channels and register `notify.<name>` for each plus `notify.deliveries`."""
    notifier = Notifier(ctx)
    channels = list(config or [])
    if not any(c["name"] == DEFAULT_CHANNEL for c in channels):
        channels.insert(0, {"name": DEFAULT_CHANNEL, "platform": "persistent_notification"})
    for conf in channels:
        platform = ALL_PLATFORMS[conf["platform"]]
        notifier.add(platform(conf["name"], ctx, conf), conf.get("fallback"))
        ctx.register_service(conf["name"], _handler(notifier, conf["name"]), SERVICE_SCHEMA)

    async def deliveries(call: ServiceCall) -> dict[str, Any]:
        return {"deliveries": notifier.recent(call.data.get("ref"))}

    ctx.register_service(
        "deliveries",
        deliveries,
        {vol.Optional("ref"): cv.string},
        supports_response=SupportsResponse.ONLY,
    )
    shared = ctx.shared(DOMAIN)
    shared["notifier"] = notifier
    ctx.on_unload(lambda: shared.pop("notifier", None))
    return True


def _handler(notifier: Notifier, name: str) -> Any:
    async def handle(call: ServiceCall) -> None:
        msg = Message(
            call.data["message"],
            call.data.get("title"),
            MappingProxyType(dict(call.data.get("data", {}))),
            tuple(call.data.get("actions", ())),
        )
        await notifier.send(name, msg, ref=call.context.id)

    return handle
