"""Websocket commands of the automation engine, in Home Assistant's message shapes.

subscribe_trigger, execute_script, validate_config, trace/list, trace/get, trace/contexts and
automation/config; each declares its schema and permission and is removed on unload.
"""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from automations import api
from automations.persistence import to_json_safe
from hub.api import ActiveConnection, Permission
from hub.config.nodes import strip_positions
from hub.context import Context
from hub.errors import HubError, NotFound
from hub.integration import IntegrationContext

_DOMAIN = vol.In(api.DOMAINS)
_SECTIONS = ("triggers", "trigger", "conditions", "condition", "actions", "action")


def register(ctx: IntegrationContext) -> None:
    """Add the commands to the hub's websocket API (owned by `ctx`, so removed on unload)."""
    ctx.register_command(
        "subscribe_trigger",
        {vol.Required("trigger"): object, vol.Optional("variables"): dict},
        subscribe_trigger,
        Permission.ADMIN,
    )
    ctx.register_command(
        "execute_script",
        {vol.Required("sequence"): object, vol.Optional("variables"): dict},
        execute_script,
        Permission.ADMIN,
    )
    ctx.register_command(
        "validate_config",
        {vol.Optional(key): object for key in _SECTIONS},
        validate_config,
        Permission.READ,
    )
    ctx.register_command(
        "trace/list",
        {vol.Optional("domain"): _DOMAIN, vol.Optional("item_id"): str},
        trace_list,
        Permission.ADMIN,
    )
    ctx.register_command(
        "trace/get",
        {
            vol.Required("domain"): _DOMAIN,
            vol.Required("item_id"): str,
            vol.Required("run_id"): str,
        },
        trace_get,
        Permission.ADMIN,
    )
    ctx.register_command(
        "trace/contexts",
        {vol.Optional("domain"): _DOMAIN, vol.Optional("item_id"): str},
        trace_contexts,
        Permission.ADMIN,
    )
    ctx.register_command(
        "automation/config",
        {vol.Required("entity_id"): str},
        automation_config,
        Permission.ADMIN,
    )


async def subscribe_trigger(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Result first, then one `{"variables": {"trigger": ...}, "context": ...}` per firing."""
    msg_id = msg["id"]

    def fired(variables: dict[str, Any], context: Context | None) -> None:
        conn.send_event(
            msg_id,
            {
                "variables": to_json_safe(variables),
                "context": context.as_dict() if context is not None else None,
            },
        )

    unsubscribe = await api.subscribe_trigger(conn.hub, msg["trigger"], fired, msg.get("variables"))
    conn.subscriptions[msg_id] = unsubscribe
    conn.send_result(msg_id)


async def execute_script(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Run an ad-hoc sequence to completion as this user; `{"context", "response"}`."""
    context = conn.context(msg)
    result = await api.run_script(conn.hub, msg["sequence"], msg.get("variables"), context)
    if result.execution == "error":
        raise HubError(result.error or "The script failed")
    conn.send_result(
        msg["id"], {"context": context.as_dict(), "response": to_json_safe(result.response)}
    )


def validate_config(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """`{section: {"valid": bool, "error": str | None}}` for each section sent."""
    sections = {key: msg[key] for key in _SECTIONS if key in msg}
    conn.send_result(msg["id"], api.validate_config(conn.hub, sections))


def trace_list(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Summaries of the stored runs, oldest first (optionally of one domain / item)."""
    conn.send_result(msg["id"], api.list_traces(conn.hub, msg.get("domain"), msg.get("item_id")))


def trace_get(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """One run in full: trigger, conditions, steps with changed variables, result."""
    trace = api.get_trace(conn.hub, msg["domain"], msg["item_id"], msg["run_id"])
    if trace is None:
        raise NotFound("The trace could not be found")
    conn.send_result(msg["id"], trace)


def trace_contexts(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """`{context_id: {"run_id", "domain", "item_id"}}` so a logbook entry links to its run."""
    found = {
        summary["context"]["id"]: {
            "run_id": summary["run_id"],
            "domain": summary["domain"],
            "item_id": summary["item_id"],
        }
        for summary in api.list_traces(conn.hub, msg.get("domain"), msg.get("item_id"))
    }
    conn.send_result(msg["id"], found)


def automation_config(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """`{"config": ...}`: the stored configuration behind an automation entity."""
    automation = api.get_engine(conn.hub).automations.get(msg["entity_id"])
    if automation is None:
        raise NotFound("Entity not found")
    conn.send_result(msg["id"], {"config": strip_positions(automation.config.get("_raw"))})
