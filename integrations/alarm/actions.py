"""App actions: the Acknowledge button of a pushed notification, reported back by the app.

The button's id is `ALARM_ACKNOWLEDGE_<incident id>`; notify's `listen_buttons` hands over
presses by a signed-in user (only admins may fire events through the API, everyone else is
refused and audited there) and refuses presses with no user behind them. The incident is
acknowledged in the context of the user who pressed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from hub.context import Context
from hub.errors import NotFound
from integrations.notify.app_actions import listen_buttons

from .escalation import ACK_ACTION_PREFIX
from .websocket import acknowledge_visible

if TYPE_CHECKING:
    from hub.integration import IntegrationContext

    from .system import AlarmSystem

_LOGGER = logging.getLogger(__name__)


def register(ctx: IntegrationContext, system: AlarmSystem) -> None:
    """Acknowledge incidents from app button presses (listener removed on unload)."""

    def refused(incident_id: str, context: Context, reason: str, *, private: bool = False) -> None:
        system.audit.record(
            "alarm.acknowledge",
            context=context,
            target="alarm",
            outcome="failure",
            details={"via": "app", "incident_id": incident_id, "reason": reason},
            private=private,
        )

    def pressed(incident_id: str, context: Context) -> None:
        try:
            done = acknowledge_visible(
                system, incident_id, f"user:{context.user_id}", context, details={"via": "app"}
            )
        except NotFound:
            # Unknown, or silent (duress): the same refusal, kept off the bus.
            refused(incident_id, context, "no such incident", private=True)
            return
        if not done:
            _LOGGER.debug("Incident %s was no longer active", incident_id)

    listen_buttons(ctx, ACK_ACTION_PREFIX, pressed, refused)
