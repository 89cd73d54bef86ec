"""Streaming history and logbook: the recorded past, then live changes, with no gap or overlap.

Both commands subscribe to the bus *before* querying the recorder and hold live changes in a
buffer until the historical message is out; buffered items the query already returned (same
entity, timestamp not newer than its last historical row) are dropped, the rest follow it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import voluptuous as vol

from ...errors import ValidationError
from ...events import EVENT_STATE_CHANGED, Event
from ...states import State
from ..permissions import Permission
from .connection import ActiveConnection
from .registry import command

MAX_ENTITIES = 10_000
CAUSE_EVENTS = ("automation_triggered", "script_started")
LIVE_EVENTS = (*CAUSE_EVENTS, "logbook_entry")
CAUSE_MEMORY = 256  # recent automation/script contexts remembered to explain live changes
OPEN_END = timedelta(days=1)  # logbook query horizon when the stream has no end


class _Gate[T]:
    """Holds live items until `release`, then forwards each as it comes; `close` stops it."""

    def __init__(self, send: Callable[[list[T]], None]) -> None:
        self._send = send
        self._pending: list[T] | None = []
        self.closed = False

    def push(self, item: T) -> None:
        if self.closed:
            return
        if self._pending is not None:
            self._pending.append(item)
        else:
            self._send([item])

    def release(self, keep: Callable[[T], bool]) -> None:
        pending, self._pending = self._pending or [], None
        items = [item for item in pending if keep(item)]
        if items and not self.closed:
            self._send(items)

    def close(self) -> None:
        self.closed = True
        self._pending = None


def _subscribe(
    conn: ActiveConnection,
    msg_id: int,
    gate: _Gate[Any],
    unlisten: list[Callable[[], None]],
    end: datetime | None,
) -> None:
    """Register the stream so unsubscribe_events (or closing) ends it; stop listening at end."""

    def stop_listening() -> None:
        for remove in unlisten:
            remove()
        unlisten.clear()

    cancel_end = conn.hub.clock.call_at(end, stop_listening) if end is not None else None

    def unsubscribe() -> None:
        gate.close()
        stop_listening()
        if cancel_end is not None:
            cancel_end()

    conn.subscriptions[msg_id] = unsubscribe


def _bad_times(
    conn: ActiveConnection, msg_id: int, start: datetime, end: datetime | None, now: datetime
) -> bool:
    if start > now:
        conn.send_error(msg_id, "invalid_start_time", "start_time is in the future")
        return True
    if end is not None and end < start:
        conn.send_error(msg_id, "invalid_end_time", "end_time is before start_time")
        return True
    return False


def _times(msg: dict[str, Any]) -> tuple[datetime, datetime | None]:
    from .commands_recorder import _time

    start = _time(msg["start_time"], "start_time")
    if start is None:  # the schema requires it
        raise ValidationError("start_time is required")
    return start, _time(msg.get("end_time"), "end_time")


async def _guarded[T](conn: ActiveConnection, msg_id: int, query: Awaitable[T]) -> T:
    """Await a recorder query; if it fails, end the subscription before the error is sent."""
    try:
        return await query
    except Exception:
        unsubscribe = conn.subscriptions.pop(msg_id, None)
        if unsubscribe is not None:
            unsubscribe()
        raise


async def _flush(recorder: Any) -> None:
    """Commit what the recorder queued before the subscription, so the query sees it."""
    flush = getattr(recorder, "flush", None)
    if flush is not None:
        await flush()


# -- history/stream ---------------------------------------------------------------------------


@command(
    "history/stream",
    {
        vol.Required("start_time"): str,
        vol.Optional("end_time"): str,
        vol.Required("entity_ids"): vol.All([str], vol.Length(min=1, max=MAX_ENTITIES)),
        vol.Optional("include_start_time_state", default=True): bool,
        vol.Optional("significant_changes_only", default=True): bool,
        vol.Optional("minimal_response", default=False): bool,
        vol.Optional("no_attributes", default=False): bool,
    },
    Permission.READ,
)
async def history_stream(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Result, one event with the recorded states, then one event per live change."""
    from .commands_recorder import _readable, _recorder

    recorder = _recorder(conn, msg)
    if recorder is None:
        return
    from ...recorder.history import NEED_ATTRIBUTE_DOMAINS, SIGNIFICANT_DOMAINS

    hub, msg_id = conn.hub, msg["id"]
    start, end = _times(msg)
    now = hub.clock.now()
    if _bad_times(conn, msg_id, start, end, now):
        return
    entity_ids = list(dict.fromkeys(_readable(conn, msg["entity_ids"]) or []))
    options = {
        "include_start_time_state": msg["include_start_time_state"],
        "significant_changes_only": msg["significant_changes_only"],
        "minimal_response": msg["minimal_response"],
        "no_attributes": msg["no_attributes"],
    }
    minimal, no_attributes = msg["minimal_response"], msg["no_attributes"]
    sent: set[str] = set()  # entities the client already has a full entry for

    def entry(state: State) -> dict[str, Any]:
        domain = state.entity_id.partition(".")[0]
        changed = state.last_changed.timestamp()
        if minimal and state.entity_id in sent and domain not in NEED_ATTRIBUTE_DOMAINS:
            return {"s": state.state, "lu": changed}
        sent.add(state.entity_id)
        data: dict[str, Any] = {
            "s": state.state,
            "a": {} if no_attributes else dict(state.attributes),
            "lu": state.last_updated.timestamp(),
        }
        if changed != data["lu"]:
            data["lc"] = changed
        return data

    def send(states: list[State]) -> None:
        grouped: dict[str, list[dict[str, Any]]] = {}
        for state in states:
            grouped.setdefault(state.entity_id, []).append(entry(state))
        times = [s.last_updated.timestamp() for s in states]
        conn.send_event(
            msg_id, {"states": grouped, "start_time": min(times), "end_time": max(times)}
        )

    async def deliver(query_end: datetime | None, shown_end: datetime) -> dict[str, Any]:
        """Query the recorder and send the historical message (unless unsubscribed meanwhile)."""
        history: dict[str, list[dict[str, Any]]] = {}
        if entity_ids:
            history = await _guarded(
                conn,
                msg_id,
                recorder.history_during_period(start, query_end, entity_ids, **options),
            )
        if msg_id in conn.subscriptions:
            sent.update(history)
            conn.send_event(
                msg_id,
                {
                    "states": history,
                    "start_time": start.timestamp(),
                    "end_time": shown_end.timestamp(),
                },
            )
        return history

    if end is not None and end <= now:
        conn.subscriptions[msg_id] = lambda: None  # nothing live; unsubscribing still works
        conn.send_result(msg_id)
        await _guarded(conn, msg_id, _flush(recorder))
        await deliver(end, end)
        return

    gate: _Gate[State] = _Gate(send)
    significant_only = msg["significant_changes_only"]

    def on_change(event: Event) -> None:
        new = event.data.get("new_state")
        if new is None or not (conn.is_admin or conn.can_read(new.entity_id)):
            return
        attribute_only = new.last_changed != new.last_updated
        if attribute_only and significant_only:
            if new.entity_id.partition(".")[0] not in SIGNIFICANT_DOMAINS:
                return
        gate.push(new)

    unlisten = [hub.bus.listen_entities(EVENT_STATE_CHANGED, entity_ids, on_change)]
    _subscribe(conn, msg_id, gate, unlisten, end)
    conn.send_result(msg_id)
    await _guarded(conn, msg_id, _flush(recorder))
    history = await deliver(None, now)
    newest = {eid: max(row["lu"] for row in rows) for eid, rows in history.items() if rows}
    gate.release(lambda s: s.last_updated.timestamp() > newest.get(s.entity_id, float("-inf")))


# -- logbook/event_stream -------------------------------------------------------------------


def _friendly(entity_id: str, attributes: Any) -> str:
    name = attributes.get("friendly_name") if attributes else None
    return str(name or entity_id.partition(".")[2].replace("_", " "))


@command(
    "logbook/event_stream",
    {
        vol.Required("start_time"): str,
        vol.Optional("end_time"): str,
        vol.Optional("entity_ids"): vol.All([str], vol.Length(max=MAX_ENTITIES)),
        vol.Optional("device_ids"): vol.All([str], vol.Length(max=MAX_ENTITIES)),
    },
    Permission.READ,
)
async def logbook_event_stream(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Result, one event with the recorded entries, then live entries as things happen."""
    from .commands_recorder import _readable, _recorder

    recorder = _recorder(conn, msg)
    if recorder is None:
        return
    from ...recorder.logbook import describe_state

    hub, msg_id = conn.hub, msg["id"]
    start, end = _times(msg)
    now = hub.clock.now()
    if _bad_times(conn, msg_id, start, end, now):
        return
    wanted: set[str] | None = None
    if "entity_ids" in msg or "device_ids" in msg:
        requested = list(msg.get("entity_ids", []))
        for device_id in msg.get("device_ids", []):
            requested.extend(hub.registries.device_entities(device_id))
        wanted = set(requested)
    readable = _readable(conn, sorted(wanted) if wanted is not None else None)
    auth = conn.api.auth

    def user_name(user_id: str) -> str | None:
        user = auth.get_user(user_id)
        return user.name if user else None

    def history_message(entries: list[dict[str, Any]], shown_end: datetime) -> dict[str, Any]:
        return {
            "events": entries,
            "start_time": start.timestamp(),
            "end_time": shown_end.timestamp(),
            "partial": False,
        }

    async def query(query_end: datetime) -> list[dict[str, Any]]:
        if readable is not None and not readable:
            return []
        result: list[dict[str, Any]] = await _guarded(
            conn, msg_id, recorder.logbook_events(start, query_end, readable, user_name=user_name)
        )
        return result

    if end is not None and end <= now:
        conn.subscriptions[msg_id] = lambda: None
        conn.send_result(msg_id)
        await _guarded(conn, msg_id, _flush(recorder))
        entries = await query(end)
        if msg_id in conn.subscriptions:
            conn.send_event(msg_id, history_message(entries, end))
        return

    def in_scope(entity_id: str | None) -> bool:
        if wanted is not None and entity_id not in wanted:
            return False
        return conn.is_admin or (entity_id is not None and conn.can_read(entity_id))

    causes: OrderedDict[str, dict[str, Any]] = OrderedDict()
    gate: _Gate[dict[str, Any]] = _Gate(lambda items: conn.send_event(msg_id, {"events": items}))

    def on_state(event: Event) -> None:
        new, old = event.data.get("new_state"), event.data.get("old_state")
        if new is None or not in_scope(new.entity_id):
            return
        if old is not None and new.last_changed == old.last_changed:
            return  # attribute-only update
        attrs = new.attributes
        if "unit_of_measurement" in attrs or "state_class" in attrs:
            return  # continuous sensors make no logbook lines
        name = _friendly(new.entity_id, attrs)
        message = describe_state(new.entity_id, new.state, dict(attrs))
        context = new.context
        entry: dict[str, Any] = {
            "when": new.last_updated.timestamp(),
            "entity_id": new.entity_id,
            "state": new.state,
            "name": name,
            "message": message,
            "domain": new.domain,
            "context_id": context.id,
            "context_user_id": context.user_id,
        }
        text = f"{name} {message}"
        cause = causes.get(context.parent_id or "") or causes.get(context.id)
        if cause is not None:
            entry.update(cause)
            text += f" triggered by {cause['context_domain']} {cause['context_name']}"
        who = user_name(context.user_id) if context.user_id else None
        if who:
            entry["context_user_name"] = who
            text += f" by {who}"
        entry["text"] = text
        gate.push(entry)

    def on_event(event: Event) -> None:
        data = event.data
        entity_id = data.get("entity_id")
        if event.event_type in CAUSE_EVENTS:
            causes[event.context.id] = {
                "context_event_type": event.event_type,
                "context_domain": "automation"
                if event.event_type == "automation_triggered"
                else "script",
                "context_name": data.get("name") or entity_id,
                "context_entity_id": entity_id,
            }
            while len(causes) > CAUSE_MEMORY:
                causes.popitem(last=False)
        if not in_scope(entity_id if isinstance(entity_id, str) else None):
            return
        gate.push(_event_entry(event))

    bus = hub.bus
    if wanted is not None:
        unlisten = [bus.listen_entities(EVENT_STATE_CHANGED, wanted, on_state)]
    else:
        unlisten = [bus.listen(EVENT_STATE_CHANGED, on_state)]
    unlisten += [bus.listen(event_type, on_event) for event_type in LIVE_EVENTS]
    _subscribe(conn, msg_id, gate, unlisten, end)
    conn.send_result(msg_id)
    await _guarded(conn, msg_id, _flush(recorder))
    entries = await query(end or now + OPEN_END)
    if msg_id not in conn.subscriptions:
        return
    conn.send_event(msg_id, history_message(entries, now))
    newest: dict[str | None, float] = {}
    for item in entries:
        key = item.get("entity_id")
        newest[key] = max(newest.get(key, float("-inf")), item["when"])
    gate.release(lambda e: e["when"] > newest.get(e.get("entity_id"), float("-inf")))


def _event_entry(event: Event) -> dict[str, Any]:
    """A live entry for an automation run, a script start or a custom logbook line."""
    data, etype = event.data, event.event_type
    if etype == "automation_triggered":
        name, domain = data.get("name", "automation"), "automation"
        source = data.get("source")
        message = f"triggered by {source}" if source else "triggered"
    elif etype == "script_started":
        name, domain, message = data.get("name", "script"), "script", "started"
    else:
        name = data.get("name", "")
        domain = data.get("domain") or str(data.get("entity_id", "")).partition(".")[0]
        message = data.get("message", "")
    entry: dict[str, Any] = {
        "when": event.time_fired.timestamp(),
        "name": name,
        "message": message,
        "domain": domain,
        "context_id": event.context.id,
        "context_user_id": event.context.user_id,
        "text": f"{name} {message}",
    }
    if data.get("entity_id"):
        entry["entity_id"] = data["entity_id"]
    return entry
