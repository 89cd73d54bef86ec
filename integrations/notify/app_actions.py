"""App buttons: a button of a pushed notification, reported back by the app that showed it.

Apps that speak Home Assistant's companion-app protocol report a pressed button as the event
`mobile_app_notification_action` with `action` set to the button's id. Each integration
listens for its own id prefix (`ALARM_ACKNOWLEDGE_`, `ALERT_ACKNOWLEDGE_`). The event's context
names the user: the API lets only admins fire events (websocket `fire_event`, REST
`POST /api/events/...`) and refuses and audits everyone else; a press with no user behind it
(an automation's event) is refused here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from hub.context import Context
from hub.events import Event

if TYPE_CHECKING:
    from hub.integration import IntegrationContext, Unsubscribe

EVENT_NOTIFICATION_ACTION = "mobile_app_notification_action"
MAX_SUBJECT_LENGTH = 300  # an entity id (255) and a ULID fit; longer ids are cut for the audit
NO_USER = "no signed-in user"

# (subject, context of the press) -> None; the context has a user_id.
Pressed = Callable[[str, Context], None]
# (subject, context of the press, reason) -> None; audits the refusal.
Refused = Callable[[str, Context, str], None]


def listen_buttons(
    ctx: IntegrationContext, prefix: str, pressed: Pressed, refused: Refused
) -> Unsubscribe:
    """Call `pressed(subject, context)` when a signed-in user presses a button whose id is
    `prefix + subject`, `refused(subject, context, NO_USER)` when nobody is signed in behind
    the press. Other integrations' buttons are ignored. Removed on unload."""

    def on_event(event: Event) -> None:
        action = event.data.get("action")
        if not isinstance(action, str) or not action.startswith(prefix):
            return  # another integration's button
        subject = action.removeprefix(prefix)[:MAX_SUBJECT_LENGTH]
        if not event.context.user_id:
            refused(subject, event.context, NO_USER)
            return
        pressed(subject, event.context)

    return ctx.listen(EVENT_NOTIFICATION_ACTION, on_event)
