"""Incidents and escalation: ordered tiers (channels, siren, wait) until acknowledged."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any

from hub.context import Context, ulid
from hub.errors import HubError, NotFound
from hub.integration import IntegrationContext
from integrations.notify import Message, notifier_for
from integrations.notify.ack_links import link_personalizer

from .audit import Auditor

_LOGGER = logging.getLogger(__name__)

EVENT_ESCALATION = "alarm_escalation"
# The app action of a notification is ACK_ACTION_PREFIX + incident id (an app reports the
# pressed button as a `mobile_app_notification_action` event; see actions.py).
ACK_ACTION_PREFIX = "ALARM_ACKNOWLEDGE_"

SirenSwitch = Callable[[str, Context], Awaitable[None]]
# (incident id, channel, recipient) -> a personal acknowledge URL, or None.
LinkIssuer = Callable[[str, str, str], str | None]
# How many open (active or acknowledged) incidents survive a restart, newest first.
KEEP_INCIDENTS = 200


@dataclass(slots=True)
class Incident:
    """One alarm or alert being escalated. Silent incidents never reach the bus or the UI."""

    incident_id: str
    area: str
    area_name: str
    kind: str
    sensor: str | None
    started: datetime
    confirmed: bool = True
    silent: bool = False
    policy: str | None = None
    tier: int = -1
    status: str = "active"  # active | acknowledged | resolved
    acknowledged_by: str | None = None
    deliveries: list[dict[str, Any]] = field(default_factory=list)
    tier_started: datetime | None = None  # when the current tier began (next one is due +wait)
    tier_done: bool = True  # False while the current tier's notifications are going out
    cancel: Callable[[], None] | None = None

    def public(self) -> dict[str, Any]:
        return {
            "incident_id": self.incident_id,
            "area": self.area,
            "kind": self.kind,
            "sensor": self.sensor,
            "confirmed": self.confirmed,
            "started": self.started.isoformat(),
            "policy": self.policy,
            "tier": self.tier,
            "status": self.status,
            "acknowledged_by": self.acknowledged_by,
            "deliveries": list(self.deliveries),
        }

    def stored(self) -> dict[str, Any]:
        """Everything needed to resume after a restart (kept in a private 0600 store)."""
        return {
            **self.public(),
            "area_name": self.area_name,
            "silent": self.silent,
            "tier_started": self.tier_started.isoformat() if self.tier_started else None,
            "tier_done": self.tier_done,
        }

    @classmethod
    def from_stored(cls, data: Mapping[str, Any]) -> Incident:
        """Rebuild a stored incident; raises KeyError/ValueError/TypeError when malformed."""
        tier_started = data.get("tier_started")
        return cls(
            incident_id=str(data["incident_id"]),
            area=str(data["area"]),
            area_name=str(data.get("area_name") or data["area"]),
            kind=str(data["kind"]),
            sensor=data.get("sensor"),
            started=datetime.fromisoformat(data["started"]),
            confirmed=bool(data.get("confirmed", True)),
            silent=bool(data.get("silent", False)),
            policy=data.get("policy"),
            tier=int(data.get("tier", -1)),
            status=str(data.get("status", "active")),
            acknowledged_by=data.get("acknowledged_by"),
            deliveries=[dict(d) for d in data.get("deliveries") or []],
            tier_started=datetime.fromisoformat(tier_started) if tier_started else None,
            tier_done=bool(data.get("tier_done", True)),
        )


class Escalator:
    """Runs escalation policies for incidents on the hub clock; stops on acknowledgement."""

    def __init__(
        self,
        ctx: IntegrationContext,
        policies: Mapping[str, Mapping[str, Any]],
        auditor: Auditor,
        sound_sirens: SirenSwitch,
    ) -> None:
        self._ctx = ctx
        self._policies = policies
        self._audit = auditor
        self._sound_sirens = sound_sirens
        self.incidents: dict[str, Incident] = {}
        self._context = Context()
        self.on_change: Callable[[], None] = lambda: None  # persistence hook
        self.issue_link: LinkIssuer = lambda incident_id, channel, recipient: None

    def snapshot(self) -> list[dict[str, Any]]:
        """The open (active or acknowledged) incidents to keep across a restart."""
        kept = [i for i in self.incidents.values() if i.status != "resolved"]
        kept.sort(key=lambda i: i.started, reverse=True)
        return [i.stored() for i in kept[:KEEP_INCIDENTS]]

    def restore(self, stored: list[Incident]) -> None:
        """Take back incidents from before a restart; active ones resume escalation where they
        were (a tier due while the hub was down runs now, the following ones on their waits)."""
        for incident in stored:
            self.incidents.setdefault(incident.incident_id, incident)
        for incident in stored:
            if incident.status == "active":
                self._resume(incident)

    def open(
        self,
        area: str,
        area_name: str,
        kind: str,
        sensor: str | None,
        policy: str | None,
        *,
        confirmed: bool = True,
        silent: bool = False,
        context: Context | None = None,
    ) -> Incident:
        """Start an incident and its policy's first tier (immediately, on the loop)."""
        incident = Incident(
            ulid(), area, area_name, kind, sensor, self._ctx.now(), confirmed, silent, policy
        )
        self.incidents[incident.incident_id] = incident
        self._audit.record(
            "alarm.incident",
            context=context,
            target=area,
            details={
                "incident_id": incident.incident_id,
                "kind": kind,
                "sensor": sensor,
                "confirmed": confirmed,
                "policy": policy,
                "silent_incident": silent,
            },
            private=silent,
        )
        self._next_tier(incident)
        self.on_change()
        return incident

    def switch_policy(self, incident: Incident, policy: str | None, *, confirmed: bool) -> None:
        """Restart escalation under another policy (e.g. once an alarm is confirmed)."""
        if incident.cancel is not None:
            incident.cancel()
        incident.policy, incident.confirmed, incident.tier = policy, confirmed, -1
        self._next_tier(incident)
        self.on_change()

    def acknowledge(
        self,
        incident_id: str | None,
        by: str,
        context: Context,
        *,
        details: Mapping[str, Any] | None = None,
    ) -> list[Incident]:
        """Stop escalating one incident (or every active one when id is None); `details` (how
        it was acknowledged: via, channel) go into the audit record."""
        if incident_id is not None and incident_id not in self.incidents:
            raise NotFound(f"No incident {incident_id}")
        chosen = [
            i
            for i in self.incidents.values()
            if i.status == "active" and (incident_id is None or i.incident_id == incident_id)
        ]
        for incident in chosen:
            self._stop(incident, "acknowledged", by)
            self._audit.record(
                "alarm.acknowledge",
                context=context,
                target=incident.area,
                details={
                    "incident_id": incident.incident_id,
                    "by": by,
                    "tier": incident.tier,
                    **(details or {}),
                },
                private=incident.silent,
            )
        if chosen:
            self.on_change()
        return chosen

    def resolve_area(self, area: str, context: Context | None, *, keep_kinds: set[str]) -> None:
        """Stop the area's active, audible incidents (on disarm), except kinds in keep_kinds."""
        for incident in list(self.incidents.values()):
            if (
                incident.area == area
                and incident.status == "active"
                and not incident.silent
                and incident.kind not in keep_kinds
            ):
                self._stop(incident, "resolved", None)
                self._audit.record(
                    "alarm.resolved",
                    context=context,
                    target=area,
                    details={"incident_id": incident.incident_id},
                )
                self.on_change()

    def active(self, area: str | None = None) -> list[Incident]:
        return [
            i
            for i in self.incidents.values()
            if i.status == "active" and (area is None or i.area == area)
        ]

    def shutdown(self) -> None:
        for incident in self.incidents.values():
            if incident.cancel is not None:
                incident.cancel()

    # -- internals ------------------------------------------------------------------------
    def _stop(self, incident: Incident, status: str, by: str | None) -> None:
        incident.status, incident.acknowledged_by = status, by
        if incident.cancel is not None:
            incident.cancel()
            incident.cancel = None

    def _resume(self, incident: Incident) -> None:
        policy = self._policies.get(incident.policy or "")
        if policy is None:
            return
        tiers = policy["tiers"]
        if incident.tier < 0 or incident.tier_started is None:
            self._next_tier(incident)
            return
        if incident.tier >= len(tiers):  # the policy got shorter while the hub was down
            return
        if not incident.tier_done:  # cut off mid-notification: send this tier again
            self._start_tier(incident, incident.tier, tiers[incident.tier])
        if incident.tier + 1 >= len(tiers):
            return
        due = incident.tier_started + timedelta(seconds=tiers[incident.tier]["wait"])
        if due <= self._ctx.now():
            self._next_tier(incident)
        else:
            incident.cancel = self._ctx.call_at(due, lambda: self._next_tier(incident))

    def _next_tier(self, incident: Incident) -> None:
        policy = self._policies.get(incident.policy or "")
        if policy is None or incident.status != "active":
            return
        tiers = policy["tiers"]
        if incident.tier + 1 >= len(tiers):
            return
        incident.tier += 1
        incident.tier_started = self._ctx.now()
        tier = tiers[incident.tier]
        self._start_tier(incident, incident.tier, tier)
        incident.cancel = self._ctx.call_later(tier["wait"], lambda: self._next_tier(incident))
        self.on_change()

    def _start_tier(self, incident: Incident, index: int, tier: Mapping[str, Any]) -> None:
        incident.tier_done = False
        self._ctx.create_task(
            self._run_tier(incident, index, tier), f"escalate-{incident.incident_id}"
        )

    async def _run_tier(self, incident: Incident, index: int, tier: Mapping[str, Any]) -> None:
        if not incident.silent:
            self._ctx.fire(
                EVENT_ESCALATION,
                {
                    "incident_id": incident.incident_id,
                    "area": incident.area,
                    "tier": index,
                    "channels": list(tier["channels"]),
                    "siren": bool(tier["siren"]),
                },
            )
        if tier["siren"] and not incident.silent:
            try:
                await self._sound_sirens(incident.area, self._context)
            except HubError as err:
                _LOGGER.warning("Siren for %s failed: %s", incident.area, err)
        notifier = notifier_for(self._ctx)
        msg = self._message(incident, self.issue_link)
        for channel in tier["channels"]:
            if notifier is None or not notifier.has(channel):
                record = {"tier": index, "channel": channel, "status": "failed"}
                record["error"] = "channel not configured"
                incident.deliveries.append(record)
                continue
            try:
                attempts = await notifier.send(
                    channel, msg, ref=incident.incident_id, sensitive=incident.silent
                )
            except HubError as err:
                attempts = getattr(err, "deliveries", [])
            for attempt in attempts:
                incident.deliveries.append(
                    {
                        "tier": index,
                        "channel": attempt.channel,
                        "status": attempt.status,
                        "error": attempt.error,
                    }
                )
        self._audit.record(
            "alarm.escalation_tier",
            context=self._context,
            target=incident.area,
            details={
                "incident_id": incident.incident_id,
                "tier": index,
                "deliveries": [d for d in incident.deliveries if d["tier"] == index],
                "silent_incident": incident.silent,
            },
            private=incident.silent,
        )
        if incident.tier == index:
            incident.tier_done = True
        self.on_change()

    @staticmethod
    def _message(incident: Incident, issue_link: LinkIssuer) -> Message:
        what = {
            "intrusion": "Intrusion alarm",
            "fire": "FIRE alarm",
            "co": "Carbon monoxide alarm",
            "gas": "Gas alarm",
            "water_leak": "Water leak",
            "panic": "Panic alarm",
            "tamper": "Tamper alarm",
            "unavailable": "Sensor lost (possible sabotage)",
            "duress": "SILENT ALARM: duress code used",
        }.get(incident.kind, incident.kind)
        status = "" if incident.confirmed else " (unconfirmed)"
        source = f" by {incident.sensor}" if incident.sensor else ""
        text = (
            f"{what}{status} in {incident.area_name}{source} at "
            f"{incident.started.isoformat(timespec='seconds')}. "
            f"Incident {incident.incident_id}; acknowledge to stop escalation."
        )

        action = f"{ACK_ACTION_PREFIX}{incident.incident_id}"
        return Message(
            text,
            f"{what}: {incident.area_name}",
            MappingProxyType(
                {
                    "incident_id": incident.incident_id,
                    "area": incident.area,
                    "kind": incident.kind,
                    "confirmed": incident.confirmed,
                    "notification_id": f"alarm_{incident.incident_id}",
                }
            ),
            (MappingProxyType({"action": action, "title": "Acknowledge"}),),
            # Each recipient's copy carries their own acknowledge link (URI action).
            link_personalizer(
                lambda channel, recipient: issue_link(incident.incident_id, channel, recipient)
            ),
        )
