"""Streaming commands: subscribe_entities (compressed state diffs) and render_template."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from typing import Any

import voluptuous as vol

from ...events import EVENT_STATE_CHANGED, Event
from ...templates.tracking import RenderInfo
from ..permissions import Permission
from . import messages as m
from .connection import ActiveConnection
from .registry import command

TIME_RERENDER_INTERVAL = 60.0  # seconds between re-renders of templates that read the clock

_FILTER = vol.Schema(
    {
        vol.Optional("domains", default=[]): [str],
        vol.Optional("entities", default=[]): [str],
        vol.Optional("entity_globs", default=[]): [str],
    }
)


def _filter(
    include: dict[str, Any] | None, exclude: dict[str, Any] | None
) -> Callable[[str], bool]:
    def matches(spec: dict[str, Any], entity_id: str) -> bool:
        return (
            entity_id in spec["entities"]
            or entity_id.partition(".")[0] in spec["domains"]
            or any(fnmatch.fnmatchcase(entity_id, g) for g in spec["entity_globs"])
        )

    def accept(entity_id: str) -> bool:
        if include is not None and not matches(include, entity_id):
            return False
        if exclude is not None and matches(exclude, entity_id):
            return include is not None and entity_id in include["entities"]
        return True

    return accept


@command(
    "subscribe_entities",
    {
        vol.Optional("entity_ids"): vol.All([str], vol.Length(max=10_000)),
        vol.Optional("include"): _FILTER,
        vol.Optional("exclude"): _FILTER,
    },
    Permission.READ,
)
def subscribe_entities(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Result null, then `{"a": ...}` with every matching state, then a/c/r diffs."""
    hub = conn.hub
    msg_id = msg["id"]
    wanted = set(msg["entity_ids"]) if msg.get("entity_ids") else None
    accept = _filter(msg.get("include"), msg.get("exclude"))
    cache = conn.api.state_changes

    def allowed(entity_id: str) -> bool:
        # Rights are checked per change: roles, time windows and tokens can change meanwhile.
        return (
            (wanted is None or entity_id in wanted)
            and accept(entity_id)
            and (conn.is_admin or conn.can_read(entity_id))
        )

    def forward(event: Event) -> None:
        if allowed(event.data["entity_id"]):
            conn.send_event_raw(msg_id, cache.payload(event))

    if wanted is not None:
        unsubscribe = hub.bus.listen_entities(EVENT_STATE_CHANGED, wanted, forward)
    else:
        unsubscribe = hub.bus.listen(EVENT_STATE_CHANGED, forward)
    conn.subscriptions[msg_id] = unsubscribe
    conn.send_result(msg_id)
    initial = [s for s in hub.states.all() if allowed(s.entity_id)]
    conn.send_event_raw(msg_id, m.entities_add_json(initial))


def _listeners(info: RenderInfo) -> dict[str, Any]:
    return {
        "all": info.all_states,
        "entities": sorted(info.entities),
        "domains": sorted(info.domains),
        "time": info.has_time,
    }


@command(
    "render_template",
    {
        vol.Required("template"): vol.All(str, vol.Length(max=65_536)),
        vol.Optional("entity_ids"): vol.Any(str, [str]),
        vol.Optional("variables", default={}): dict,
        vol.Optional("timeout"): vol.Coerce(float),
        vol.Optional("strict", default=False): bool,
        vol.Optional("report_errors", default=False): bool,
    },
    Permission.READ,
)
def render_template(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Render now and again whenever an entity it read changes (or each minute if it reads
    the clock); events carry `{"result", "listeners"}`. Non-admins render against a view that
    holds only the entities they may read."""
    hub = conn.hub
    msg_id = msg["id"]
    template = conn.template_engine().template(msg["template"])
    template.ensure_valid()  # TemplateError -> template_error result
    variables = msg["variables"]
    info = template.render_info(variables)
    if info.exception is not None:
        conn.send_error(msg_id, m.ERR_TEMPLATE_ERROR, str(info.exception))
        return
    last: list[Any] = [info.result]
    cancel_timer: list[Any] = [None]

    def rerender() -> None:
        nonlocal info
        fresh = template.render_info(variables)
        if fresh.exception is not None:
            if msg["report_errors"]:
                conn.send_event(msg_id, {"error": str(fresh.exception), "level": "ERROR"})
            return
        info = fresh
        if fresh.result != last[0]:
            last[0] = fresh.result
            conn.send_event(msg_id, {"result": fresh.result, "listeners": _listeners(fresh)})

    def on_change(event: Event) -> None:
        entity_id = event.data["entity_id"]
        if info.depends_on(entity_id) and (conn.is_admin or conn.can_read(entity_id)):
            rerender()

    def tick() -> None:
        rerender()
        cancel_timer[0] = hub.clock.call_later(TIME_RERENDER_INTERVAL, tick)

    unlisten = hub.bus.listen(EVENT_STATE_CHANGED, on_change)
    if info.has_time:
        cancel_timer[0] = hub.clock.call_later(TIME_RERENDER_INTERVAL, tick)

    def unsubscribe() -> None:
        unlisten()
        if cancel_timer[0] is not None:
            cancel_timer[0]()

    conn.subscriptions[msg_id] = unsubscribe
    conn.send_result(msg_id)
    conn.send_event(msg_id, {"result": info.result, "listeners": _listeners(info)})
