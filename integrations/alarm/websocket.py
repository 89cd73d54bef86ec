"""Websocket commands for the security UI and apps: playbooks, incidents, acknowledgement.

Silent (duress) incidents never appear in a reply, cannot be acknowledged from here, and an
attempt to name one answers exactly like an unknown id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import voluptuous as vol

from hub.api import ActiveConnection, Permission
from hub.context import Context
from hub.errors import NotFound
from hub.integration import IntegrationContext

if TYPE_CHECKING:
    from .system import AlarmSystem

CODE = vol.All(vol.Coerce(str), vol.Length(max=64))


def register(ctx: IntegrationContext, system: AlarmSystem) -> None:
    """Add alarm/playbooks, alarm/incidents and alarm/acknowledge (removed on unload)."""

    def playbooks(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        book = system.playbooks
        conn.send_result(
            msg["id"],
            [
                {
                    "playbook": name,
                    "active": name in book.active,
                    "holding": sorted(e for e, h in book.holds.items() if h.playbook == name),
                    "priority": book.priority[name],
                    "triggers": list(book.triggers[name]),
                }
                for name in book.steps
            ],
        )

    def incidents(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        visible = [i.public() for i in system.escalator.incidents.values() if not i.silent]
        conn.send_result(msg["id"], {"incidents": visible})

    async def acknowledge(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        context = conn.context(msg)
        who = await _who(system, msg.get("code"), conn, context)
        done = acknowledge_visible(system, msg.get("incident_id"), who, context)
        conn.send_result(msg["id"], {"acknowledged": done, "context": context.as_dict()})

    ctx.register_command("alarm/playbooks", {}, playbooks, Permission.READ)
    ctx.register_command("alarm/incidents", {}, incidents, Permission.READ)
    ctx.register_command(
        "alarm/acknowledge",
        {vol.Optional("incident_id"): str, vol.Optional("code"): CODE},
        acknowledge,
        Permission.CONTROL,
    )


def acknowledge_visible(
    system: AlarmSystem,
    incident_id: str | None,
    who: str,
    context: Context,
    *,
    silent_by_id: bool = False,
    details: Mapping[str, Any] | None = None,
) -> list[str]:
    """Acknowledge one incident (or every active one) that is not silent, so a coerced user can
    neither see nor stop a duress alert. A silent incident's id is refused like an unknown id
    unless `silent_by_id` (the service, for responders who were sent the id privately).
    `details` (e.g. `via`) go into the audit record."""
    escalator = system.escalator
    if incident_id is not None:
        found = escalator.incidents.get(incident_id)
        if found is None or (found.silent and not silent_by_id):
            raise NotFound(f"No incident {incident_id}")
        chosen = [incident_id]
    else:
        chosen = [
            i.incident_id
            for i in escalator.incidents.values()
            if i.status == "active" and not i.silent
        ]
    return [
        i.incident_id
        for one in chosen
        for i in escalator.acknowledge(one, who, context, details=details)
    ]


async def _who(
    system: AlarmSystem, code: str | None, conn: ActiveConnection, context: Context
) -> str:
    """A code with the acknowledge right names the person; else the signed-in user does."""
    if code:
        match = await system.authorize(
            code, "acknowledge", [], None, context, "websocket:alarm/acknowledge"
        )
        return str(match.user.name)
    return f"user:{conn.user.id}"
