"""Acknowledge links of alerts: a personal, single-use, expiring URL in each email, webhook and
MQTT notification of a firing alert that acknowledges it from any browser, without signing in.

The tokens, page, throttle and hashing are notify's shared `AckLinkKeeper`; this module says
what an alert link acknowledges. A link names one firing of one alert and is live while that
firing is not acknowledged. Links are kept in memory only: an alert's firing does not survive
a restart either (it fires anew, with new links, when its condition still holds).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hub.context import Context
from hub.integration import IntegrationContext
from integrations.notify.ack_links import AckLinkKeeper, LinkGrant, LinkTexts

from .entity import audit

if TYPE_CHECKING:
    from .entity import Alert

WEBHOOK_ID = "bastion_alert_acknowledge"
TEXTS = LinkTexts(
    confirm_title="Acknowledge alert",
    button="Acknowledge and stop notifications",
    done_title="Alert acknowledged",
    invalid=(
        "This acknowledge link is invalid or has expired (links work once, for 24 hours, "
        "and only until the alert is acknowledged or clears). Open the app to see the alert."
    ),
)


class AlertFirings:
    """The configured alerts' current firings as link subjects (subject = firing id)."""

    def __init__(self, ctx: IntegrationContext) -> None:
        self._ctx = ctx
        self.alerts: list[Alert] = []

    def find(self, firing_id: str) -> Alert | None:
        """The alert whose current firing is `firing_id`, if any."""
        return next((a for a in self.alerts if a.firing and a.firing_id == firing_id), None)

    def live(self, subject: str) -> bool:
        alert = self.find(subject)
        return alert is not None and alert.awaiting_ack

    def describe(self, subject: str) -> str:
        alert = self.find(subject)
        assert alert is not None and alert.fired_at is not None  # live() was checked
        since = alert.fired_at.isoformat(timespec="seconds")
        return f"{alert.name or alert.entity_id} ({alert.entity_id}) since {since}."

    def acknowledge(self, grant: LinkGrant) -> str:
        alert = self.find(grant.subject)
        assert alert is not None  # live() was checked
        alert.acknowledge_from_notification(
            grant.recipient, Context(), {"via": "link", "channel": grant.channel}
        )
        return (
            f"Notifications for {alert.name or alert.entity_id} have stopped until it clears. "
            "Thank you."
        )

    def refused(self, remote: str, reason: str) -> None:
        audit(
            self._ctx,
            "alert.acknowledge",
            Context(),
            "alert",
            {"via": "link", "reason": reason, "remote_ip": remote},
            outcome="failure",
        )


def start_links(ctx: IntegrationContext, firings: AlertFirings) -> AckLinkKeeper:
    """Serve alert links on the `bastion_alert_acknowledge` webhook (off when it is taken)."""
    links = AckLinkKeeper(ctx, WEBHOOK_ID, firings, TEXTS)
    links.start()
    return links
