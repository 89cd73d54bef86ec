"""persistent_notification: create/dismiss services over the hub's notifications."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.integration import IntegrationContext
from hub.services import ServiceCall

DOMAIN = "persistent_notification"

CREATE_SCHEMA = vol.Schema(
    {
        vol.Required("message"): vol.All(vol.Coerce(str), cv.string),
        vol.Optional("title"): vol.Any(None, vol.All(vol.Coerce(str), cv.string)),
        vol.Optional("notification_id"): vol.All(vol.Coerce(str), cv.string),
    }
)
DISMISS_SCHEMA = vol.Schema({vol.Required("notification_id"): vol.All(vol.Coerce(str), cv.string)})


async def setup(ctx: IntegrationContext, config: Any) -> bool:
    """Register persistent_notification.create / dismiss / dismiss_all."""
    notifications = ctx.notifications

    def create(call: ServiceCall) -> None:
        notifications.create(
            call.data["message"], call.data.get("title"), call.data.get("notification_id")
        )

    def dismiss(call: ServiceCall) -> None:
        notifications.dismiss(call.data["notification_id"])

    def dismiss_all(call: ServiceCall) -> None:
        notifications.dismiss_all()

    ctx.register_service("create", create, CREATE_SCHEMA)
    ctx.register_service("dismiss", dismiss, DISMISS_SCHEMA)
    ctx.register_service("dismiss_all", dismiss_all, vol.Schema({}))
    return True
