"""alarm: the security system (areas, panels, codes, escalation, life-safety playbooks)."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.errors import NotFound, Unauthorized
from hub.integration import IntegrationContext
from hub.services import ServiceCall, SupportsResponse

from . import actions, websocket
from .codes import CodeBook, Lockout, hash_users
from .inputs import AlarmInputs
from .panel import Panel
from .schema import ARMED_MODES, CONFIG_SCHEMA, KEYPAD_ACTIONS, PLAYBOOKS
from .snapshot import Snapshot
from .status import StatusFeed
from .system import AlarmSystem

__all__ = ["CONFIG_SCHEMA", "setup"]

DOMAIN = "alarm"
MASTER = "master"
CODE = vol.All(vol.Coerce(str), vol.Length(max=64))


async def setup(ctx: IntegrationContext, config: dict[str, Any] | None) -> bool:
    """Hash the codes, build the areas and panels, restore incidents, lockouts and playbook
    holds from before a restart, register the alarm.* services."""
    config = config if config is not None else CONFIG_SCHEMA({})
    entries = config["codes"]
    numeric = bool(entries) and all(str(c["code"]).isdigit() for c in entries)
    users = await ctx.run_blocking(hash_users, entries)
    # Keep only hashes: the validated config (with the plain codes) is not kept anywhere.
    config = {**config, "codes": []}
    lockout = config["lockout"]
    codes = CodeBook(users, Lockout(lockout["attempts"], lockout["window"], lockout["duration"]))
    system = AlarmSystem(ctx, config, codes, numeric_codes=numeric)
    system.links.start()  # before restore: restored incidents may notify at once
    snapshot = Snapshot(ctx, system)
    await snapshot.load()
    panels = [
        Panel(system, area_id, area.name, [area_id]) for area_id, area in system.areas.items()
    ]
    if len(system.areas) > 1:
        panels.append(Panel(system, MASTER, "Master", list(system.areas)))
    system.panels = panels
    await ctx.add_entities(panels)
    snapshot.restore()  # incidents first: a restored triggered area then keeps its incident
    system.start()
    feed = StatusFeed(ctx, system)
    feed.start()
    inputs = AlarmInputs(ctx, system, config)
    inputs.start()
    ctx.on_unload(system.escalator.shutdown)
    _register_services(ctx, system)
    _register_keypad_service(ctx, inputs)
    websocket.register(ctx, system, feed)
    actions.register(ctx, system)
    return True


def _register_keypad_service(ctx: IntegrationContext, inputs: AlarmInputs) -> None:
    async def keypad(call: ServiceCall) -> None:
        data = call.data
        await inputs.keypad_service(
            data["keypad"], data["action"], data.get("area"), data.get("code"), call.context
        )

    ctx.register_service(
        "keypad",
        keypad,
        {
            vol.Optional("keypad", default="keypad"): cv.slug,
            vol.Required("action"): vol.In(KEYPAD_ACTIONS),
            vol.Optional("area"): cv.slug,
            vol.Optional("code"): CODE,
        },
    )


def _panel(ctx: IntegrationContext, system: AlarmSystem, entity_id: str) -> Panel:
    for panel in system.panels:
        if panel.entity_id == entity_id:
            return panel
    raise NotFound(f"{entity_id} is not an alarm panel")


async def _who(system: AlarmSystem, call: ServiceCall, right: str, source: str) -> str:
    """The person behind a call: a code with `right`, else the authenticated hub user."""
    code = call.data.get("code")
    if code:
        match = await system.authorize(code, right, [], None, call.context, source)
        return match.user.name
    if call.context.user_id:
        return f"user:{call.context.user_id}"
    raise Unauthorized(f"A code with the {right} right is needed", permission=right)


def _register_services(ctx: IntegrationContext, system: AlarmSystem) -> None:
    async def arm(call: ServiceCall) -> None:
        panel = _panel(ctx, system, call.data["entity_id"])
        await system.arm(
            panel.area_ids,
            call.data["mode"],
            call.data.get("code"),
            call.context,
            panel.entity_id,
            force=call.data["force"],
        )

    async def acknowledge(call: ServiceCall) -> dict[str, Any]:
        who = await _who(system, call, "acknowledge", "service:alarm.acknowledge")
        done = websocket.acknowledge_visible(
            system, call.data.get("incident_id"), who, call.context, silent_by_id=True
        )
        return {"acknowledged": done}

    async def incidents(call: ServiceCall) -> dict[str, Any]:
        return {
            "incidents": [i.public() for i in system.escalator.incidents.values() if not i.silent]
        }

    async def panic(call: ServiceCall) -> None:
        panel = _panel(ctx, system, call.data["entity_id"])
        await system.panic(panel.area_ids, call.data.get("code"), call.context, panel.entity_id)

    async def run_playbook(call: ServiceCall) -> dict[str, Any]:
        name, dry_run = call.data["playbook"], call.data["dry_run"]
        if not dry_run:
            await _who(system, call, "playbooks", "service:alarm.run_playbook")
        return await system.playbooks.run(name, call.context, dry_run=dry_run, reason="manual")

    async def release_playbook(call: ServiceCall) -> dict[str, Any]:
        code = call.data.get("code")
        match = await system.authorize(
            code, "playbooks", [], None, call.context, "service:alarm.release_playbook"
        )
        released = system.playbooks.release(call.data["playbook"], match.user.name, call.context)
        return {"released": released}

    panel_id = vol.All(cv.entity_id, vol.Match(r"^alarm_control_panel\."))
    ctx.register_service(
        "arm",
        arm,
        {
            vol.Required("entity_id"): panel_id,
            vol.Required("mode"): vol.In(ARMED_MODES),
            vol.Optional("code"): CODE,
            vol.Optional("force", default=False): cv.boolean,
        },
    )
    ctx.register_service(
        "acknowledge",
        acknowledge,
        {vol.Optional("incident_id"): cv.string, vol.Optional("code"): CODE},
        supports_response=SupportsResponse.OPTIONAL,
    )
    ctx.register_service("incidents", incidents, {}, supports_response=SupportsResponse.ONLY)
    ctx.register_service(
        "panic", panic, {vol.Required("entity_id"): panel_id, vol.Optional("code"): CODE}
    )
    playbook_schema = {
        vol.Required("playbook"): vol.In(PLAYBOOKS),
        vol.Optional("code"): CODE,
    }
    ctx.register_service(
        "run_playbook",
        run_playbook,
        {**playbook_schema, vol.Optional("dry_run", default=False): cv.boolean},
        supports_response=SupportsResponse.OPTIONAL,
    )
    ctx.register_service(
        "release_playbook",
        release_playbook,
        playbook_schema,
        supports_response=SupportsResponse.OPTIONAL,
    )
