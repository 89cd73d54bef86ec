"""One alert: watches an entity's state, notifies on a repeat schedule or through tiers, stops
on acknowledgement; states `idle` (not firing), `on` (firing), `off` (acknowledged).

Each firing has an id; its notifications carry an app button naming it and, per recipient of
email, webhook and MQTT channels, an acknowledge link for it (see links.py, actions.py)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial
from types import MappingProxyType
from typing import Any

from hub.auth.audit import record_audit
from hub.context import Context, ulid
from hub.entity import Entity
from hub.errors import HubError, ValidationError
from hub.events import Event
from hub.integration import IntegrationContext
from integrations.notify import Message, notifier_for
from integrations.notify.ack_links import AckLinkKeeper, link_personalizer

_LOGGER = logging.getLogger(__name__)

IDLE, ON, OFF = "idle", "on", "off"
# The app button of a notification is ACK_ACTION_PREFIX + "<entity id>_<firing id>" (an app
# reports the pressed button as a `mobile_app_notification_action` event; see actions.py).
ACK_ACTION_PREFIX = "ALERT_ACKNOWLEDGE_"
EVENT_AUDIT = "bastion_audit"


class Alert(Entity):
    """Home Assistant's alert (entity/state, repeat in minutes, skip_first, can_acknowledge,
    notifiers, templated title/message/done_message) plus optional escalation `tiers`."""

    domain = "alert"

    def __init__(
        self,
        ctx: IntegrationContext,
        alert_id: str,
        conf: Mapping[str, Any],
        links: AckLinkKeeper | None = None,
    ) -> None:
        super().__init__(conf.get("name") or alert_id, unique_id=f"alert_{alert_id}")
        self.suggested_object_id = alert_id
        self._ctx = ctx
        self._conf = conf
        self._watched: str = conf["entity_id"]
        self._delays = [minutes * 60.0 for minutes in conf.get("repeat") or []]
        self._tiers: list[Mapping[str, Any]] = list(conf.get("tiers") or [])
        self._links = links
        self.firing = False
        self.acked = False
        self.firing_id: str | None = None  # new on each firing; names its links and buttons
        self.fired_at: datetime | None = None
        self._step = 0  # notifications sent (no tiers) or the next tier (tiers)
        self._next_delay = 0  # index into the repeat delays
        self._notified: set[str] = set()  # channels to send the done message to
        self._timer: Callable[[], None] | None = None
        self._unlisten: Callable[[], None] | None = None

    # -- entity -------------------------------------------------------------------------
    @property
    def state(self) -> str:
        if not self.firing:
            return IDLE
        return OFF if self.acked else ON

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        if not self._tiers:
            return {}
        return {"tier": max(self._step - 1, 0) if self.firing else None}

    async def added(self) -> None:
        self._unlisten = self._ctx.listen_state([self._watched], self._watched_changed)
        current = self._ctx.states.get(self._watched)
        if current is not None and current.state == self._conf["state"]:
            self._begin()

    async def removed(self) -> None:
        self._cancel()
        if self._unlisten is not None:
            self._unlisten()

    @property
    def can_acknowledge(self) -> bool:
        return bool(self._conf["can_acknowledge"])

    @property
    def awaiting_ack(self) -> bool:
        """Firing, acknowledgeable and not yet acknowledged."""
        return self.firing and not self.acked and self.can_acknowledge

    # -- services -----------------------------------------------------------------------
    def acknowledge(self) -> None:
        """`alert.turn_off`: stop notifying until the condition clears (audited)."""
        if not self.can_acknowledge:
            raise ValidationError(f"{self.entity_id} cannot be acknowledged")
        if self.awaiting_ack:
            self._stop_for_ack(None, self._call_context or Context(), {})

    def acknowledge_from_notification(
        self, by: str, context: Context, details: Mapping[str, Any]
    ) -> bool:
        """Acknowledge like `turn_off`, for a link's recipient or an app's user (`by`), with
        `details` (via, channel) in the audit record; False when there was nothing to do."""
        if not self.awaiting_ack:
            return False
        # The state write carries who acknowledged (the host times call contexts on
        # time.monotonic, like entity services do).
        self.set_call_context(context, time.monotonic())
        self._stop_for_ack(by, context, details)
        self.write_state()
        return True

    def _stop_for_ack(self, by: str | None, context: Context, details: Mapping[str, Any]) -> None:
        self.acked = True
        self._cancel()
        if self._links is not None and self.firing_id is not None:
            self._links.revoke(self.firing_id)  # acknowledged: its links are spent for good
        self._audit(
            "alert.acknowledge", {"tier": self._tier_index(), **details}, context=context, by=by
        )

    def unacknowledge(self) -> None:
        """`alert.turn_on`: resume notifying (from the next step of the schedule)."""
        if not self.firing or not self.acked:
            return
        self.acked = False
        self._audit("alert.unacknowledge", {})
        self._schedule_next()

    def toggle(self) -> None:
        if self.acked:
            self.unacknowledge()
        else:
            self.acknowledge()

    # -- firing -------------------------------------------------------------------------
    def _watched_changed(self, event: Event) -> None:
        new = event.data.get("new_state")
        alerting = new is not None and new.state == self._conf["state"]
        if alerting and not self.firing:
            self._begin()
        elif not alerting and self.firing:
            self._end()

    def _begin(self) -> None:
        self.firing, self.acked, self._step, self._next_delay = True, False, 0, 0
        self.firing_id, self.fired_at = ulid(), self._ctx.now()
        self._audit("alert.fired", {"entity": self._watched}, context=Context())
        if self._tiers or not self._conf["skip_first"]:
            self._notify_step()
        else:
            self._schedule_next()
        self.write_state()

    def _end(self) -> None:
        if self._links is not None and self.firing_id is not None:
            self._links.revoke(self.firing_id)
        self.firing, self.acked = False, False
        self.firing_id, self.fired_at = None, None
        self._cancel()
        self._audit("alert.cleared", {"entity": self._watched}, context=Context())
        if self._notified and self._conf.get("done_message"):
            channels = sorted(self._notified)
            text = self._render("done_message")
            self._ctx.create_task(self._send(channels, text, done=True), f"done-{self.entity_id}")
        self._notified.clear()
        self.write_state()

    def _notify_step(self) -> None:
        """Send the current step (a repeat, or the next tier), then schedule the following."""
        self._timer = None
        if not self.firing or self.acked:
            return
        channels = self._channels_for_step()
        self._step += 1
        if channels:
            self._notified.update(channels)
            text = self._render("message") or self.name or self.entity_id
            self._ctx.create_task(
                self._send(channels, text, firing_id=self.firing_id), f"notify-{self.entity_id}"
            )
        self._schedule_next()
        self.write_state()

    def _channels_for_step(self) -> list[str]:
        if not self._tiers:
            return list(self._conf["notifiers"])
        index = min(self._step, len(self._tiers) - 1)
        return list(self._tiers[index]["channels"])

    def _schedule_next(self) -> None:
        self._cancel()
        if self._tiers and self._step < len(self._tiers):
            delay: float | None = self._tiers[self._step - 1]["wait"] if self._step else 0.0
        elif self._delays:
            # Home Assistant: the n-th wait is repeat[n]; the last value repeats forever.
            delay = self._delays[self._next_delay]
            self._next_delay = min(self._next_delay + 1, len(self._delays) - 1)
        else:
            delay = None  # tiers done and no repeat: stay `on` without more notifications
        if delay is not None:
            self._timer = self._ctx.clock.call_later(delay, self._notify_step)

    def _tier_index(self) -> int | None:
        return min(self._step, len(self._tiers)) - 1 if self._tiers else None

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer()
            self._timer = None

    # -- sending ------------------------------------------------------------------------
    def _render(self, key: str) -> str:
        source = self._conf.get(key)
        if not source:
            return ""
        try:
            return str(self._ctx.templates.template(source).render(parse_result=False))
        except HubError as err:
            _LOGGER.warning("Template %s of %s failed: %s", key, self.entity_id, err)
            return source

    async def _send(
        self, channels: list[str], text: str, *, done: bool = False, firing_id: str | None = None
    ) -> None:
        """Send on each channel; a firing's message (not the done message) carries the app
        button and, per outside recipient, an acknowledge link for `firing_id`."""
        title = self._render("title") or None
        data: dict[str, Any] = {
            **self._conf["data"],
            "alert": self.entity_id,
            "entity_id": self._watched,
            "notification_id": self.entity_id,
        }
        msg = self._message(text, title, data, None if done else firing_id)
        notifier = notifier_for(self._ctx)
        for channel in channels:
            try:
                if notifier is not None and notifier.has(channel):
                    await notifier.send(channel, msg, ref=self.entity_id)
                else:  # another integration's notify.<name> service
                    await self._ctx.call_service(
                        "notify", channel, {"message": text, "title": title, "data": data}
                    )
            except HubError as err:  # recorded by the notifier; the other channels still go
                _LOGGER.warning("Alert %s via %s failed: %s", self.entity_id, channel, err)

    def _message(
        self, text: str, title: str | None, data: Mapping[str, Any], firing_id: str | None
    ) -> Message:
        if not self.can_acknowledge or firing_id is None:
            return Message(text, title, MappingProxyType(dict(data)))
        button = f"{ACK_ACTION_PREFIX}{self.entity_id}_{firing_id}"
        links = self._links
        return Message(
            text,
            title,
            MappingProxyType(dict(data)),
            (MappingProxyType({"action": button, "title": "Acknowledge"}),),
            None if links is None else link_personalizer(partial(links.issue, firing_id)),
        )

    def _audit(
        self,
        action: str,
        details: Mapping[str, Any],
        *,
        context: Context | None = None,
        by: str | None = None,
    ) -> None:
        context = context or self._call_context or Context()
        if by is None:
            by = f"user:{context.user_id}" if context.user_id else "automation"
        audit(
            self._ctx,
            action,
            context,
            self.entity_id,
            {"alert": self.entity_id, "by": by, **details},
        )


def audit(
    ctx: IntegrationContext,
    action: str,
    context: Context,
    target: str,
    details: Mapping[str, Any],
    *,
    outcome: str = "success",
) -> None:
    """Record to the hub's audit sink, then fire the same record as `bastion_audit` (alerts
    carry nothing the bus may not see, so nothing is redacted)."""
    try:
        record_audit(
            ctx.audit, action, context=context, target=target, outcome=outcome, details=details
        )
    except Exception:  # the audit sink must not break the alert
        _LOGGER.exception("Audit sink failed for %s", action)
    ctx.fire(
        EVENT_AUDIT,
        {
            "action": action,
            "user_id": context.user_id,
            "target": target,
            "outcome": outcome,
            "details": dict(details),
        },
        context=context,
    )
