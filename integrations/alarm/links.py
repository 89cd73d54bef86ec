"""Acknowledge links of incidents: a personal, single-use, expiring URL in each notification that
stops an incident's escalation from any browser, without signing in.

The tokens, page, throttle and hashing are notify's shared `AckLinkKeeper`; this module says
what an incident link acknowledges. Only an incident that is still active is live; the
hashes are kept in the alarm's private runtime store (see snapshot.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hub.context import Context
from integrations.notify.ack_links import AckLinkKeeper, LinkGrant, LinkTexts

if TYPE_CHECKING:
    from hub.integration import IntegrationContext

    from .audit import Auditor
    from .escalation import Escalator

WEBHOOK_ID = "bastion_alarm_acknowledge"
TEXTS = LinkTexts(
    confirm_title="Acknowledge alarm",
    button="Acknowledge and stop escalation",
    done_title="Alarm acknowledged",
    invalid=(
        "This acknowledge link is invalid or has expired (links work once, for 24 hours, "
        "and only while the alarm is active). Open the app or call the alarm company."
    ),
)


class IncidentTarget:
    """Incidents as link subjects: live while active, acknowledged through the escalator."""

    def __init__(self, escalator: Escalator, auditor: Auditor) -> None:
        self._escalator = escalator
        self._audit = auditor

    def live(self, subject: str) -> bool:
        incident = self._escalator.incidents.get(subject)
        return incident is not None and incident.status == "active"

    def describe(self, subject: str) -> str:
        incident = self._escalator.incidents[subject]
        what = "An alarm" if incident.silent else f"An alarm ({incident.kind})"
        started = incident.started.isoformat(timespec="seconds")
        return f"{what} in {incident.area_name} since {started}."

    def acknowledge(self, grant: LinkGrant) -> str:
        incident = self._escalator.incidents[grant.subject]
        self._escalator.acknowledge(
            grant.subject,
            grant.recipient,
            Context(),
            details={"via": "link", "channel": grant.channel},
        )
        return f"Escalation of the alarm in {incident.area_name} has stopped. Thank you."

    def refused(self, remote: str, reason: str) -> None:
        self._audit.record(
            "alarm.acknowledge",
            context=None,
            target="alarm",
            outcome="failure",
            details={"via": "link", "reason": reason, "remote_ip": remote},
        )


class AckLinks(AckLinkKeeper):
    """The alarm's acknowledge links, on the `bastion_alarm_acknowledge` webhook; subjects are
    incident ids (`issue(incident_id, channel, recipient)` is the escalator's LinkIssuer)."""

    def __init__(self, ctx: IntegrationContext, escalator: Escalator, auditor: Auditor) -> None:
        super().__init__(ctx, WEBHOOK_ID, IncidentTarget(escalator, auditor), TEXTS)
