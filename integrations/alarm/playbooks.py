"""Life-safety playbooks: prioritised responses that hold devices against conflicting calls."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from hub.context import Context
from hub.errors import HubError, Unauthorized
from hub.events import Event
from hub.integration import IntegrationContext
from hub.services import ServiceCall
from integrations.notify import Message, notifier_for

from .audit import Auditor

_LOGGER = logging.getLogger(__name__)

EVENT_PLAYBOOK = "alarm_playbook"
DEFAULT_PRIORITY = {"fire": 100, "co_gas": 90, "lockdown": 50, "water_leak": 30}
DEFAULT_TRIGGERS = {
    "fire": ["smoke"],
    "co_gas": ["co", "gas"],
    "water_leak": ["water_leak"],
    "lockdown": ["panic"],
}
ABSENT = ("unavailable", "unknown")
TITLES = {
    "fire": "Fire response",
    "co_gas": "CO/gas response",
    "water_leak": "Water leak response",
    "lockdown": "Lockdown",
}
# Shorthand keys -> (service per entity domain).
SHORTHANDS: dict[str, dict[str, str]] = {
    "unlock": {"lock": "lock.unlock"},
    "lock": {"lock": "lock.lock"},
    "lights_on": {"light": "light.turn_on", "switch": "switch.turn_on"},
    "hvac_off": {"climate": "climate.turn_off", "fan": "fan.turn_off", "switch": "switch.turn_off"},
    "close_valves": {"valve": "valve.close_valve", "switch": "switch.turn_off"},
    "sirens": {"siren": "siren.turn_on", "switch": "switch.turn_on"},
}


@dataclass(frozen=True, slots=True)
class Step:
    service: str  # domain.service
    entity_id: str
    data: Mapping[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"service": self.service, "entity_id": self.entity_id, "data": dict(self.data)}


@dataclass(frozen=True, slots=True)
class Hold:
    playbook: str
    priority: int
    service: str


def build_steps(conf: Mapping[str, Any]) -> list[Step]:
    """The ordered actions of a playbook configuration (shorthands first, then `actions`)."""
    steps: list[Step] = []
    for key, services in SHORTHANDS.items():
        for entity_id in conf.get(key, []):
            domain = entity_id.partition(".")[0]
            service = services.get(domain, f"{domain}.turn_on")
            steps.append(Step(service, entity_id, {}))
    for action in conf.get("actions", []):
        for entity_id in action["entity_id"]:
            steps.append(Step(action["action"], entity_id, dict(action["data"])))
    return steps


class Playbooks:
    """Runs playbooks, keeps their holds and refuses service calls that conflict with them."""

    def __init__(
        self, ctx: IntegrationContext, config: Mapping[str, Mapping[str, Any]], auditor: Auditor
    ) -> None:
        self._ctx = ctx
        self._audit = auditor
        self.steps = {name: build_steps(conf) for name, conf in config.items()}
        self.priority = {
            name: conf.get("priority", DEFAULT_PRIORITY[name]) for name, conf in config.items()
        }
        self.notify = {name: list(conf.get("notify", [])) for name, conf in config.items()}
        self.triggers = {
            name: conf.get("triggers", DEFAULT_TRIGGERS[name]) for name, conf in config.items()
        }
        self.holds: dict[str, Hold] = {}
        self.active: set[str] = set()
        self._reassert_context = Context()  # re-asserting a hold is the playbook's own call
        self._own_contexts: set[str] = {self._reassert_context.id}
        self.on_change: Callable[[], None] = lambda: None  # persistence hook
        ctx.add_service_guard(self._guard)

    def snapshot(self) -> dict[str, Any]:
        """The holds and running playbooks to keep across a restart."""
        return {
            "active": sorted(self.active),
            "holds": {
                entity_id: {"playbook": h.playbook, "priority": h.priority, "service": h.service}
                for entity_id, h in self.holds.items()
            },
        }

    def restore(self, data: Mapping[str, Any]) -> dict[str, list[str]]:
        """Take back holds from before a restart and re-assert them: now for devices that are
        present, and when each held device (re)appears. Returns entity ids per playbook."""
        for entity_id, hold in (data.get("holds") or {}).items():
            try:
                self.holds[str(entity_id)] = Hold(
                    str(hold["playbook"]), int(hold["priority"]), str(hold["service"])
                )
            except (KeyError, TypeError, ValueError):
                _LOGGER.warning("Ignoring a malformed stored playbook hold on %s", entity_id)
        self.active.update(str(name) for name in data.get("active") or [])
        self.active.update(h.playbook for h in self.holds.values())
        restored: dict[str, list[str]] = {}
        for entity_id, hold in self.holds.items():
            restored.setdefault(hold.playbook, []).append(entity_id)
        if not self.holds:
            return restored
        self._ctx.listen_state(list(self.holds), self._held_appeared)
        present = [
            e
            for e in self.holds
            if (state := self._ctx.states.get(e)) is not None and state.state not in ABSENT
        ]
        if present:
            self._ctx.create_task(self._reassert(present), "playbook-reassert")
        return restored

    def _held_appeared(self, event: Event) -> None:
        """A held device came (back) online: it may have forgotten what the playbook set."""
        old, new = event.data.get("old_state"), event.data.get("new_state")
        if new is None or new.state in ABSENT or (old is not None and old.state not in ABSENT):
            return
        entity_id = event.data["entity_id"]
        if entity_id in self.holds:
            self._ctx.create_task(self._reassert([entity_id]), f"playbook-reassert-{entity_id}")

    async def _reassert(self, entity_ids: list[str]) -> None:
        for entity_id in entity_ids:
            hold = self.holds.get(entity_id)
            if hold is None:  # released meanwhile
                continue
            step = next(
                (
                    s
                    for s in self.steps.get(hold.playbook, [])
                    if s.entity_id == entity_id and s.service == hold.service
                ),
                Step(hold.service, entity_id, {}),
            )
            await self._actuate(step, self._reassert_context)

    def for_role(self, role: str) -> list[str]:
        return [name for name, roles in self.triggers.items() if role in roles]

    async def run(
        self, name: str, context: Context, *, dry_run: bool = False, reason: str | None = None
    ) -> dict[str, Any]:
        """Actuate (or, dry, only plan) a playbook; returns what was/would be done per step."""
        if name not in self.steps:
            raise HubError(f"Playbook {name!r} is not configured")
        priority = self.priority[name]
        report: list[dict[str, Any]] = []
        own = Context(user_id=context.user_id, parent_id=context.id)
        if not dry_run:
            self._own_contexts.add(own.id)
            self.active.add(name)
        for step in self.steps[name]:
            entry = step.as_dict()
            held = self.holds.get(step.entity_id)
            if held is not None and held.playbook != name and held.priority > priority:
                entry["result"] = f"skipped: held by {held.playbook}"
            elif dry_run:
                entry["result"] = "would run"
            else:
                entry["result"] = await self._actuate(step, own)
                self.holds[step.entity_id] = Hold(name, priority, step.service)
            report.append(entry)
        if not dry_run:
            self.on_change()
        self._audit.record(
            "alarm.playbook_dry_run" if dry_run else "alarm.playbook_run",
            context=context,
            target=name,
            details={"reason": reason, "steps": report},
        )
        if not dry_run:
            self._ctx.fire(EVENT_PLAYBOOK, {"playbook": name, "status": "running"}, context)
            await self._notify(name, reason)
        return {"playbook": name, "dry_run": dry_run, "steps": report}

    async def _actuate(self, step: Step, context: Context) -> str:
        domain, _, service = step.service.partition(".")
        try:
            await self._ctx.call_service(
                domain,
                service,
                dict(step.data),
                target={"entity_id": step.entity_id},
                context=context,
            )
        except HubError as err:  # keep going: one broken device must not stop the response
            _LOGGER.warning("Playbook step %s on %s failed: %s", step.service, step.entity_id, err)
            return f"failed: {err}"
        return "done"

    async def _notify(self, name: str, reason: str | None) -> None:
        notifier = notifier_for(self._ctx)
        if notifier is None:
            return
        text = f"{TITLES[name]} started" + (f": {reason}" if reason else "")
        for channel in self.notify[name]:
            try:
                await notifier.send(channel, Message(text, TITLES[name]), ref=f"playbook_{name}")
            except HubError as err:
                _LOGGER.warning("Playbook %s notification failed: %s", name, err)

    def release(self, name: str, by: str, context: Context) -> list[str]:
        """End a playbook's holds; returns the entity ids released."""
        released = [eid for eid, hold in self.holds.items() if hold.playbook == name]
        for entity_id in released:
            del self.holds[entity_id]
        self.active.discard(name)
        self.on_change()
        self._audit.record(
            "alarm.playbook_release",
            context=context,
            target=name,
            details={"by": by, "entities": released},
        )
        self._ctx.fire(EVENT_PLAYBOOK, {"playbook": name, "status": "released"}, context)
        return released

    def _guard(self, call: ServiceCall) -> None:
        if not self.holds or call.context.id in self._own_contexts:
            return
        if call.context.parent_id in self._own_contexts:
            return
        if call.target.all_entities:
            targets = [e for e in self.holds if e.partition(".")[0] == call.domain]
        else:
            targets = [e for e in (call.entity_ids or ()) if e in self.holds]
        service = f"{call.domain}.{call.service}"
        for entity_id in targets:
            hold = self.holds[entity_id]
            if service == hold.service:
                continue
            self._audit.record(
                "alarm.playbook_refused_call",
                context=call.context,
                target=entity_id,
                outcome="failure",
                details={"service": service, "playbook": hold.playbook},
            )
            raise Unauthorized(
                f"{service} on {entity_id} refused: the {hold.playbook} playbook holds it "
                f"({hold.service}) until a user with the playbooks right releases it",
                permission="playbooks",
            )
