"""App actions: the Acknowledge button of a pushed notification, reported back by the app.

Apps that speak Home Assistant's companion-app protocol report a pressed button as the event
`mobile_app_notification_action` with `action` set to the button's id, here
`ALARM_ACKNOWLEDGE_<incident id>`. The event's context names the user; the API lets only
admins fire events (websocket `fire_event`, REST `POST /api/events/...`), and refuses and
audits everyone else. An event without a user is refused and audited here.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from hub.errors import NotFound
from hub.events import Event

from .escalation import ACK_ACTION_PREFIX
from .websocket import acknowledge_visible

if TYPE_CHECKING:
    from hub.integration import IntegrationContext

    from .system import AlarmSystem

_LOGGER = logging.getLogger(__name__)

EVENT_NOTIFICATION_ACTION = "mobile_app_notification_action"
MAX_ID_LENGTH = 64


def register(ctx: IntegrationContext, system: AlarmSystem) -> None:
    """Acknowledge incidents from app button presses (listener removed on unload)."""

    def pressed(event: Event) -> None:
        action = event.data.get("action")
        if not isinstance(action, str) or not action.startswith(ACK_ACTION_PREFIX):
            return  # another integration's button
        incident_id = action.removeprefix(ACK_ACTION_PREFIX)[:MAX_ID_LENGTH]
        user_id = event.context.user_id
        if not user_id:
            system.audit.record(
                "alarm.acknowledge",
                context=event.context,
                target="alarm",
                outcome="failure",
                details={"via": "app", "incident_id": incident_id, "reason": "no signed-in user"},
            )
            return
        try:
            done = acknowledge_visible(
                system, incident_id, f"user:{user_id}", event.context, details={"via": "app"}
            )
        except NotFound:
            # Unknown, or silent (duress): the same refusal, kept off the bus.
            system.audit.record(
                "alarm.acknowledge",
                context=event.context,
                target="alarm",
                outcome="failure",
                details={"via": "app", "incident_id": incident_id, "reason": "no such incident"},
                private=True,
            )
            return
        if not done:
            _LOGGER.debug("Incident %s was no longer active", incident_id)

    ctx.listen(EVENT_NOTIFICATION_ACTION, pressed)
