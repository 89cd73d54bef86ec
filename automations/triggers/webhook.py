"""Webhook trigger: a request to `/api/webhook/<webhook_id>`."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from hub.context import Context
from hub.errors import HubError

from .. import webhooks
from ..host import Host, Unsubscribe
from . import FireCallback, TriggerInfo

SCHEMA = {
    vol.Required("webhook_id"): str,
    vol.Optional("allowed_methods", default=list(webhooks.DEFAULT_METHODS)): vol.All(
        lambda v: v if isinstance(v, list) else [v], [vol.All(vol.Upper, vol.In(webhooks.METHODS))]
    ),
    vol.Optional("local_only", default=True): bool,
}


def attach(
    host: Host, config: dict[str, Any], fire: FireCallback, info: TriggerInfo
) -> Unsubscribe:
    def handler(webhook_id: str, request: webhooks.WebhookRequest) -> None:
        host.stats.trigger_evaluations += 1
        data = {
            "platform": "webhook",
            "webhook_id": webhook_id,
            **webhooks.decode(request),
            "description": f"webhook {webhook_id}",
        }
        fire(data, Context())

    if host.webhooks is None:
        raise HubError("webhook triggers need the automation engine's webhook registry")
    return host.webhooks.register(
        webhooks.Webhook(
            config["webhook_id"],
            handler,
            tuple(config["allowed_methods"]),
            config["local_only"],
        )
    )
