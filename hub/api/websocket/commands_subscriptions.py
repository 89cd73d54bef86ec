"""Streaming commands: subscribe_entities (compressed state diffs) and render_template."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from typing import Any

import voluptuous as vol

from ...events import EVENT_STATE_CHANGED, Event
from ...templates import Template
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
    """Result null, then `{"a": ...}` with every matching state, then a/c/r diffs.

    Rights are applied to what the client holds: an entity the user can no longer read (role
    change, closing time window) is sent as removed, one that became readable as added.
    """
    hub = conn.hub
    msg_id = msg["id"]
    wanted = set(msg["entity_ids"]) if msg.get("entity_ids") else None
    accept = _filter(msg.get("include"), msg.get("exclude"))
    cache = conn.api.state_changes
    shown: set[str] = set()  # what the client holds

    def allowed(entity_id: str) -> bool:
        return (
            (wanted is None or entity_id in wanted)
            and accept(entity_id)
            and (conn.is_admin or conn.can_read(entity_id))
        )

    def forward(event: Event) -> None:
        entity_id = event.data["entity_id"]
        new_state = event.data.get("new_state")
        if not allowed(entity_id):
            if entity_id in shown:
                shown.discard(entity_id)
                conn.send_event(msg_id, {"r": [entity_id]})
            return
        if new_state is None:
            shown.discard(entity_id)
        elif entity_id not in shown:
            shown.add(entity_id)
            conn.send_event_raw(msg_id, m.entities_add_json([new_state]))
            return
        conn.send_event_raw(msg_id, cache.payload(event))

    def resync() -> None:
        current = [s for s in hub.states.all() if allowed(s.entity_id)]
        gone = shown - {s.entity_id for s in current}
        added = [s for s in current if s.entity_id not in shown]
        if gone:
            shown.difference_update(gone)
            conn.send_event(msg_id, {"r": sorted(gone)})
        if added:
            shown.update(s.entity_id for s in added)
            conn.send_event_raw(msg_id, m.entities_add_json(added))

    if wanted is not None:
        unlisten = hub.bus.listen_entities(EVENT_STATE_CHANGED, wanted, forward)
    else:
        unlisten = hub.bus.listen(EVENT_STATE_CHANGED, forward)
    unwatch = conn.watch_rights(msg_id, resync)

    def unsubscribe() -> None:
        unlisten()
        unwatch()

    conn.subscriptions[msg_id] = unsubscribe
    conn.send_result(msg_id)
    initial = [s for s in hub.states.all() if allowed(s.entity_id)]
    shown.update(s.entity_id for s in initial)
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
    holds only what they may see; when the user's rights change the template is rendered
    again with the engine the new rights give (a demoted admin gets the filtered view)."""
    template = conn.template_engine().template(msg["template"])
    template.ensure_valid()  # TemplateError -> template_error result
    info = template.render_info(msg["variables"])
    if info.exception is not None:
        conn.send_error(msg["id"], m.ERR_TEMPLATE_ERROR, str(info.exception))
        return
    live = _LiveTemplate(conn, msg, template, info)
    conn.subscriptions[msg["id"]] = live.stop
    conn.send_result(msg["id"])
    conn.send_event(msg["id"], {"result": info.result, "listeners": _listeners(info)})


class _LiveTemplate:
    """One render_template subscription: re-renders on what it read, the clock and rights."""

    def __init__(
        self, conn: ActiveConnection, msg: dict[str, Any], template: Template, info: RenderInfo
    ) -> None:
        self._conn = conn
        self._msg_id: int = msg["id"]
        self._variables: dict[str, Any] = msg["variables"]
        self._report_errors: bool = msg["report_errors"]
        self._template = template
        self._info = info
        self._cancel_timer: Callable[[], None] | None = None
        self._unlisten = conn.hub.bus.listen(EVENT_STATE_CHANGED, self._on_change)
        self._unwatch = conn.watch_rights(self._msg_id, self.rerender)
        self._follow_clock(info.has_time)

    def rerender(self) -> None:
        """Render with the engine the user's current rights give; send the result if new."""
        engine = self._conn.template_engine()
        if self._template.engine is not engine:
            self._template = engine.template(self._template.source)
        fresh = self._template.render_info(self._variables)
        if fresh.exception is not None:
            if self._report_errors:
                self._conn.send_event(
                    self._msg_id, {"error": str(fresh.exception), "level": "ERROR"}
                )
            return
        previous, self._info = self._info, fresh
        self._follow_clock(fresh.has_time)
        if fresh.result != previous.result:
            self._conn.send_event(
                self._msg_id, {"result": fresh.result, "listeners": _listeners(fresh)}
            )

    def stop(self) -> None:
        self._unlisten()
        self._unwatch()
        self._follow_clock(False)

    def _on_change(self, event: Event) -> None:
        entity_id = event.data["entity_id"]
        conn = self._conn
        if self._info.depends_on(entity_id) and (conn.is_admin or conn.can_read(entity_id)):
            self.rerender()

    def _follow_clock(self, has_time: bool) -> None:
        if has_time and self._cancel_timer is None:
            self._cancel_timer = self._conn.hub.clock.call_later(TIME_RERENDER_INTERVAL, self._tick)
        elif not has_time and self._cancel_timer is not None:
            self._cancel_timer()
            self._cancel_timer = None

    def _tick(self) -> None:
        self._cancel_timer = None
        self.rerender()
        self._follow_clock(self._info.has_time)
