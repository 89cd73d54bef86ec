"""App actions: the Acknowledge button of a pushed alert notification, reported back by the app.

The button's id is `ALERT_ACKNOWLEDGE_<alert entity id>_<firing id>`; notify's
`listen_buttons` hands over presses by a signed-in user (only admins may fire events through
the API, everyone else is refused and audited there) and refuses presses with no user behind
them. A button of an earlier firing (the alert cleared since) is refused, so an old
notification never silences a new one.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from hub.context import Context
from integrations.notify.app_actions import listen_buttons

from .entity import ACK_ACTION_PREFIX, audit

if TYPE_CHECKING:
    from hub.integration import IntegrationContext

    from .links import AlertFirings

_LOGGER = logging.getLogger(__name__)


def register(ctx: IntegrationContext, firings: AlertFirings) -> None:
    """Acknowledge alerts from app button presses (listener removed on unload)."""

    def refused(subject: str, context: Context, reason: str) -> None:
        entity_id, _, firing_id = subject.rpartition("_")
        audit(
            ctx,
            "alert.acknowledge",
            context,
            entity_id or "alert",
            {"via": "app", "alert": entity_id, "firing_id": firing_id, "reason": reason},
            outcome="failure",
        )

    def pressed(subject: str, context: Context) -> None:
        entity_id, _, firing_id = subject.rpartition("_")
        alert = firings.find(firing_id)
        if alert is None or alert.entity_id != entity_id:
            refused(subject, context, "no such alert firing")
            return
        if not alert.acknowledge_from_notification(
            f"user:{context.user_id}", context, {"via": "app"}
        ):
            _LOGGER.debug("%s was already acknowledged", entity_id)  # or cannot be

    listen_buttons(ctx, ACK_ACTION_PREFIX, pressed, refused)
