"""Websocket commands for the keypad, security UI and apps: panel status (one-shot and live),
arm and disarm with structured errors, playbooks, incidents and acknowledgement.

Arm and disarm go through the same services as everyone else (`alarm.arm`,
`alarm_control_panel.alarm_disarm`), so checks, lockouts and the audit trail are the service
path's; codes are never echoed or logged. Silent (duress) incidents never appear in a reply or
a count, cannot be acknowledged from here, and an attempt to name one answers exactly like an
unknown id.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import voluptuous as vol

from hub.api import ActiveConnection, Permission
from hub.config import validation as cv
from hub.context import Context
from hub.errors import HubError, NotFound, Unauthorized, ValidationError
from hub.integration import IntegrationContext

from .area import NotReadyToArm
from .codes import LockedOut, WrongCode
from .schema import ARMED_MODES
from .status import PanelStatus, StatusFeed

if TYPE_CHECKING:
    from .panel import Panel
    from .system import AlarmSystem

CODE = vol.All(vol.Coerce(str), vol.Length(max=64))
PANEL_ID = vol.All(cv.entity_id, vol.Match(r"^alarm_control_panel\."))
TARGET = {
    vol.Exclusive("entity_id", "target"): PANEL_ID,
    vol.Exclusive("area", "target"): cv.slug,
}

# Stable error codes of alarm/arm and alarm/disarm (besides the hub's own, e.g. not_found).
ERR_INVALID_CODE = "invalid_code"  # data: retry_after when this wrong code locked the panel
ERR_LOCKED_OUT = "locked_out"  # data: retry_after (seconds)
ERR_NOT_READY = "not_ready"  # data: area, mode, bypassable, open_sensors [{entity_id, name}]
ERR_UNAUTHORIZED = "unauthorized"  # data: permission, when a code lacks a right
ERR_CODE_REQUIRED = "code_required"
ERR_INVALID_FORMAT = "invalid_format"
ERR_FAILED = "home_assistant_error"


def register(ctx: IntegrationContext, system: AlarmSystem, feed: StatusFeed) -> None:
    """Add the alarm/* commands (removed on unload)."""

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

    def status(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        now = feed.now()
        visible = [s.wire(now) for e, s in feed.statuses().items() if conn.can_read(e)]
        conn.send_result(msg["id"], {"panels": visible})

    def subscribe(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        msg_id = msg["id"]
        sent: dict[str, PanelStatus] = {}

        def push(first: bool = False) -> None:
            """Send what changed for this user since the last event (rights re-checked)."""
            current = {e: s for e, s in feed.statuses().items() if conn.can_read(e)}
            changed = [s for e, s in current.items() if sent.get(e) != s]
            removed = [e for e in sent if e not in current]
            if not first and not changed and not removed:
                return
            sent.clear()
            sent.update(current)
            now = feed.now()
            if first:
                payload: dict[str, Any] = {
                    "type": "snapshot",
                    "panels": [s.wire(now) for s in current.values()],
                }
            else:
                payload = {
                    "type": "changed",
                    "panels": [s.wire(now) for s in changed],
                    "removed": removed,
                }
            conn.send_event(msg_id, payload)

        unlisten = feed.listen(push)
        unwatch = conn.watch_rights(msg_id, push)

        def unsubscribe() -> None:
            unlisten()
            unwatch()

        conn.subscriptions[msg_id] = unsubscribe
        conn.send_result(msg_id)
        push(first=True)

    async def arm(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        panel = _panel_for(conn, feed, msg, "alarm/arm")
        if panel is None:
            return
        code = msg.get("code")
        if not code and panel.code_arm_required:
            conn.send_error(msg["id"], ERR_CODE_REQUIRED, f"{panel.entity_id} needs a code")
            return
        data: dict[str, Any] = {
            "entity_id": panel.entity_id,
            "mode": msg["mode"],
            "force": msg["force"],
        }
        await _run(ctx, conn, feed, msg, panel, "alarm", "arm", data, code)

    async def disarm(conn: ActiveConnection, msg: dict[str, Any]) -> None:
        panel = _panel_for(conn, feed, msg, "alarm/disarm")
        if panel is None:
            return
        code = msg.get("code")
        if not code:
            conn.send_error(msg["id"], ERR_CODE_REQUIRED, f"{panel.entity_id} needs a code")
            return
        data = {"entity_id": panel.entity_id}
        await _run(ctx, conn, feed, msg, panel, "alarm_control_panel", "alarm_disarm", data, code)

    ctx.register_command("alarm/playbooks", {}, playbooks, Permission.READ)
    ctx.register_command("alarm/incidents", {}, incidents, Permission.READ)
    ctx.register_command(
        "alarm/acknowledge",
        {vol.Optional("incident_id"): str, vol.Optional("code"): CODE},
        acknowledge,
        Permission.CONTROL,
    )
    ctx.register_command("alarm/status", {}, status, Permission.READ)
    ctx.register_command("alarm/subscribe", {}, subscribe, Permission.READ)
    ctx.register_command(
        "alarm/arm",
        {
            **TARGET,
            vol.Required("mode"): vol.In(ARMED_MODES),
            vol.Optional("code"): CODE,
            vol.Optional("force", default=False): bool,
        },
        arm,
        Permission.CONTROL,
    )
    ctx.register_command(
        "alarm/disarm", {**TARGET, vol.Optional("code"): CODE}, disarm, Permission.CONTROL
    )


def _panel_for(
    conn: ActiveConnection, feed: StatusFeed, msg: dict[str, Any], command: str
) -> Panel | None:
    """The panel named by entity_id or area, if this user may control it (else an error is
    sent: unknown panels and panels the user may not read answer alike)."""
    key = msg.get("entity_id") or msg.get("area")
    if key is None:
        raise vol.Invalid("entity_id or area is required")
    panel = feed.panel(key)
    if panel is None:
        raise NotFound(f"No alarm panel {key}")
    if not conn.can_read(panel.entity_id):  # audited, but answered like an unknown panel
        conn.deny("control", panel.entity_id, "panel not readable", command)
        raise NotFound(f"No alarm panel {key}")
    if not conn.can("control", panel.entity_id):
        reason = f"Not allowed to control {panel.entity_id}"
        conn.deny("control", panel.entity_id, reason, command)
        conn.send_error(msg["id"], ERR_UNAUTHORIZED, reason, {"permission": "control"})
        return None
    return panel


async def _run(
    ctx: IntegrationContext,
    conn: ActiveConnection,
    feed: StatusFeed,
    msg: dict[str, Any],
    panel: Panel,
    domain: str,
    service: str,
    data: dict[str, Any],
    code: str | None,
) -> None:
    """Call the arm/disarm service as this user; reply with the panel's new status or a
    structured error. The code goes to the service only (its call event masks it)."""
    context = conn.context(msg)
    if code:
        data = {**data, "code": code}
    try:
        await ctx.call_service(domain, service, data, context=context)
    except HubError as err:
        code_name, message, details = _error(err, feed)
        if isinstance(err, Unauthorized):  # audited like any refused websocket call
            conn.deny(err.permission or "unknown", panel.entity_id, message, msg["type"])
        conn.send_error(msg["id"], code_name, message, details)
        return
    status = feed.status(panel).wire(feed.now())
    conn.send_result(msg["id"], {"context": context.as_dict(), "panel": status})


def _error(err: HubError, feed: StatusFeed) -> tuple[str, str, dict[str, Any] | None]:
    """The stable code, message and data object for an alarm failure."""
    message = str(err)
    if isinstance(err, LockedOut):
        return ERR_LOCKED_OUT, message, {"retry_after": math.ceil(err.retry_after)}
    if isinstance(err, WrongCode):
        locked = {"retry_after": math.ceil(err.locked_for)} if err.locked_for > 0 else None
        return ERR_INVALID_CODE, message, locked
    if isinstance(err, NotReadyToArm):
        return (
            ERR_NOT_READY,
            message,
            {
                "area": err.area,
                "mode": err.mode,
                "bypassable": err.bypassable,
                "open_sensors": [feed.named(e).wire() for e in err.open_sensors],
            },
        )
    if isinstance(err, Unauthorized):
        return ERR_UNAUTHORIZED, message, {"permission": err.permission} if err.permission else None
    if isinstance(err, NotFound):
        return "not_found", message, None
    if isinstance(err, ValidationError):
        return ERR_INVALID_FORMAT, message, None
    return ERR_FAILED, message, None


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
