"""Records security-relevant bus traffic in the audit log: service calls on locks, alarms,
sirens, covers and valves, tag scans, integration loads and `bastion_audit` events."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any

from ..events import EVENT_CALL_SERVICE, EVENT_COMPONENT_LOADED, Event, EventBus, Unsubscribe
from ..services import ServiceRegistry, Target
from .log import AuditLog

_LOGGER = logging.getLogger(__name__)

EVENT_BASTION_AUDIT = "bastion_audit"
EVENT_TAG_SCANNED = "tag_scanned"
CAUSE_EVENTS = {"automation_triggered": "automation", "script_started": "script"}
SECURITY_DOMAINS = frozenset({"lock", "alarm_control_panel", "siren", "cover", "valve", "alarm"})
GENERIC_DOMAINS = frozenset({"homeassistant"})  # turn_on/turn_off/toggle on any entity
OUTCOMES = frozenset({"success", "failure", "denied"})
MAX_CAUSES = 2048  # contexts remembered to name the automation or script behind a call


class BusCapture:
    """Listens to the bus and appends one audit record per security-relevant event."""

    def __init__(
        self,
        bus: EventBus,
        services: ServiceRegistry,
        log: AuditLog,
        *,
        extra_services: Iterable[str] = (),
    ) -> None:
        self._bus = bus
        self._services = services
        self._log = log
        extra = set(extra_services)
        self._domains = SECURITY_DOMAINS | {e for e in extra if "." not in e}
        self._services_flagged = frozenset(e for e in extra if "." in e)
        self._causes: OrderedDict[str, str] = OrderedDict()
        self._unsubs: list[Unsubscribe] = []

    def start(self) -> None:
        listen = self._bus.listen
        self._unsubs = [
            listen(EVENT_CALL_SERVICE, self._on_call_service),
            listen(EVENT_TAG_SCANNED, self._on_tag_scanned),
            listen(EVENT_COMPONENT_LOADED, self._on_component_loaded),
            listen(EVENT_BASTION_AUDIT, self._on_bastion_audit),
            *(listen(event_type, self._on_cause) for event_type in CAUSE_EVENTS),
        ]

    def stop(self) -> None:
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()

    # -- actors --------------------------------------------------------------------------
    def _on_cause(self, event: Event) -> None:
        kind = CAUSE_EVENTS[event.event_type]
        name = event.data.get("entity_id") or event.data.get("name") or "unknown"
        self._causes[event.context.id] = f"{kind}:{name}"
        if len(self._causes) > MAX_CAUSES:
            self._causes.popitem(last=False)

    def _actor(self, event: Event) -> str | None:
        ctx = event.context
        found = self._causes.get(ctx.id)
        if found is None and ctx.parent_id is not None:
            found = self._causes.get(ctx.parent_id)
        if found is not None:
            return found
        return f"user:{ctx.user_id}" if ctx.user_id else None

    # -- listeners -----------------------------------------------------------------------
    def _on_call_service(self, event: Event) -> None:
        domain = str(event.data.get("domain", ""))
        service = str(event.data.get("service", ""))
        data = event.data.get("service_data") or {}
        if not isinstance(data, Mapping):
            data = {}
        entities = self._flagged_entities(domain, service, data)
        if entities is None:
            return
        details = {"service": f"{domain}.{service}", "data": _without_targets(data)}
        for key in ("device_id", "area_id", "floor_id", "label_id"):
            if data.get(key):
                details[key] = data[key]
        self._log.append(
            "service.call",
            user_id=event.context.user_id,
            actor=self._actor(event),
            context=event.context,
            target=",".join(sorted(entities)) or None,
            details=details,
        )

    def _flagged_entities(
        self, domain: str, service: str, data: Mapping[str, Any]
    ) -> set[str] | None:
        """The entities a call acts on when it is security-relevant, else None."""
        if domain in self._domains or f"{domain}.{service}" in self._services_flagged:
            return self._entities(data)
        if domain in GENERIC_DOMAINS:
            flagged = {e for e in self._entities(data) if e.split(".", 1)[0] in self._domains}
            return flagged or None
        return None

    def _entities(self, data: Mapping[str, Any]) -> set[str]:
        target = Target.from_data(data)
        if not target:
            return set()
        try:
            return set(self._services.resolve(target))
        except Exception:  # an unresolvable target must not lose the record
            _LOGGER.debug("Could not resolve audit target %s", target, exc_info=True)
            return set(target.entity_ids)

    def _on_tag_scanned(self, event: Event) -> None:
        data = event.data
        self._log.append(
            "tag.scan",
            user_id=event.context.user_id,
            actor=f"device:{data['device_id']}" if data.get("device_id") else None,
            context=event.context,
            target=str(data.get("tag_id", "")) or None,
            details={k: v for k, v in data.items() if k != "tag_id"},
        )

    def _on_component_loaded(self, event: Event) -> None:
        component = str(event.data.get("component", ""))
        self._log.append(
            "integration.load",
            actor=f"integration:{component}",
            context=event.context,
            target=component or None,
        )

    def _on_bastion_audit(self, event: Event) -> None:
        data = event.data
        action = data.get("action")
        if not isinstance(action, str) or not action:
            _LOGGER.warning("bastion_audit event without an action ignored")
            return
        outcome = str(data.get("outcome", "success"))
        details = data.get("details")
        self._log.append(
            action,
            user_id=data.get("user_id") or event.context.user_id,
            actor=data.get("actor") or self._actor(event),
            context=event.context,
            target=None if data.get("target") is None else str(data["target"]),
            outcome=outcome if outcome in OUTCOMES else "failure",
            details=details if isinstance(details, Mapping) else {},
        )


def _without_targets(data: Mapping[str, Any]) -> dict[str, Any]:
    skip = {"entity_id", "device_id", "area_id", "floor_id", "label_id"}
    return {k: v for k, v in data.items() if k not in skip}
