"""Logbook: readable entries for state changes and notable events, with their causes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import orjson
from sqlalchemy import Engine, or_, select

from .models import event_data, event_types, events, state_attributes, states, states_meta

UserName = Callable[[str], str | None]

LOGBOOK_EVENTS = (
    "automation_triggered",
    "script_started",
    "logbook_entry",
    "homeassistant_start",
    "homeassistant_stop",
)
CAUSE_EVENTS = ("automation_triggered", "script_started")
OPENING_CLASSES = frozenset({"door", "garage_door", "opening", "window", "lock"})
_DETECTED = {
    "motion": ("detected motion", "cleared (no motion detected)"),
    "occupancy": ("detected occupancy", "cleared (no occupancy detected)"),
    "presence": ("arrived", "left"),
    "smoke": ("detected smoke", "cleared (no smoke detected)"),
    "gas": ("detected gas", "cleared (no gas detected)"),
    "moisture": ("detected moisture", "cleared (no moisture detected)"),
    "tamper": ("detected tampering", "cleared tampering"),
}
_LOCK = {
    "locked": "locked",
    "unlocked": "unlocked",
    "jammed": "is jammed",
    "locking": "is locking",
    "unlocking": "is unlocking",
    "open": "opened",
    "opening": "is opening",
}


def describe_state(entity_id: str, state: str, attributes: dict[str, Any]) -> str:
    """A short phrase for a state change: "unlocked", "opened", "turned on"."""
    domain = entity_id.partition(".")[0]
    if state == "unavailable":
        return "became unavailable"
    if state == "unknown":
        return "became unknown"
    if domain == "lock" and state in _LOCK:
        return _LOCK[state]
    if domain == "binary_sensor" and state in ("on", "off"):
        device_class = attributes.get("device_class")
        if device_class in OPENING_CLASSES:
            return "opened" if state == "on" else "closed"
        if device_class in _DETECTED:
            return _DETECTED[device_class][0 if state == "on" else 1]
    if domain in ("device_tracker", "person"):
        if state == "home":
            return "arrived home"
        if state == "not_home":
            return "left home"
        return f"is at {state}"
    if domain == "sun":
        return "has risen" if state == "above_horizon" else "has set"
    if state in ("on", "off"):
        return f"turned {state}"
    return f"changed to {state}"


def _continuous(attributes: dict[str, Any]) -> bool:
    return "unit_of_measurement" in attributes or "state_class" in attributes


def _load(blob: str | None) -> dict[str, Any]:
    return orjson.loads(blob) if blob else {}


def logbook_events(
    engine: Engine,
    start: float,
    end: float,
    entity_ids: Iterable[str] | None = None,
    context_id: str | None = None,
    user_name: UserName | None = None,
) -> list[dict[str, Any]]:
    """Entries between `start` and `end` (POSIX s), oldest first."""
    wanted = set(entity_ids) if entity_ids is not None else None
    with engine.connect() as conn:
        squery = (
            select(
                states_meta.c.entity_id,
                states.c.state,
                states.c.last_updated_ts,
                states.c.context_id,
                states.c.context_user_id,
                states.c.context_parent_id,
                state_attributes.c.shared_attrs,
            )
            .join(states_meta, states_meta.c.metadata_id == states.c.metadata_id)
            .outerjoin(state_attributes, state_attributes.c.attributes_id == states.c.attributes_id)
            .where(
                states.c.last_updated_ts >= start,
                states.c.last_updated_ts < end,
                or_(
                    states.c.last_changed_ts.is_(None),
                    states.c.last_changed_ts == states.c.last_updated_ts,
                ),
            )
            .order_by(states.c.last_updated_ts)
        )
        if wanted is not None:
            squery = squery.where(states_meta.c.entity_id.in_(sorted(wanted)))
        if context_id is not None:
            squery = squery.where(states.c.context_id == context_id)
        state_rows = conn.execute(squery).all()
        equery = (
            select(
                event_types.c.event_type,
                event_data.c.shared_data,
                events.c.time_fired_ts,
                events.c.context_id,
                events.c.context_user_id,
            )
            .join(event_types, event_types.c.event_type_id == events.c.event_type_id)
            .outerjoin(event_data, event_data.c.data_id == events.c.data_id)
            .where(
                events.c.time_fired_ts >= start,
                events.c.time_fired_ts < end,
                event_types.c.event_type.in_(LOGBOOK_EVENTS),
            )
        )
        if context_id is not None:
            equery = equery.where(events.c.context_id == context_id)
        event_rows = conn.execute(equery).all()
        causes = _causes(conn, state_rows)
    entries: list[dict[str, Any]] = []
    for row in state_rows:
        attrs = _load(row.shared_attrs)
        if row.state is None or _continuous(attrs):
            continue
        name = str(attrs.get("friendly_name") or row.entity_id.partition(".")[2].replace("_", " "))
        message = describe_state(row.entity_id, row.state, attrs)
        entry: dict[str, Any] = {
            "when": row.last_updated_ts,
            "entity_id": row.entity_id,
            "state": row.state,
            "name": name,
            "message": message,
            "domain": row.entity_id.partition(".")[0],
            "context_id": row.context_id,
        }
        text = f"{name} {message}"
        cause = causes.get(row.context_parent_id) or causes.get(row.context_id)
        if cause is not None:
            entry.update(cause)
            text += f" triggered by {cause['context_domain']} {cause['context_name']}"
        if row.context_user_id:
            entry["context_user_id"] = row.context_user_id
            who = user_name(row.context_user_id) if user_name is not None else None
            if who:
                entry["context_user_name"] = who
                text += f" by {who}"
        entry["text"] = text
        entries.append(entry)
    for row in event_rows:
        data = _load(row.shared_data)
        entity_id = data.get("entity_id")
        if wanted is not None and entity_id not in wanted:
            continue
        entries.append(_event_entry(row, data))
    # at equal times the cause (an event) comes before the state change it caused
    entries.sort(key=lambda e: (e["when"], "state" in e))
    return entries


def _causes(conn: Any, state_rows: list[Any]) -> dict[str, dict[str, Any]]:
    """Automation/script events whose context caused the given states, by context id."""
    ids = {r.context_parent_id for r in state_rows if r.context_parent_id}
    ids |= {r.context_id for r in state_rows if r.context_id}
    found: dict[str, dict[str, Any]] = {}
    id_list = sorted(ids)
    for index in range(0, len(id_list), 500):
        chunk = id_list[index : index + 500]
        rows = conn.execute(
            select(event_types.c.event_type, event_data.c.shared_data, events.c.context_id)
            .join(event_types, event_types.c.event_type_id == events.c.event_type_id)
            .outerjoin(event_data, event_data.c.data_id == events.c.data_id)
            .where(events.c.context_id.in_(chunk), event_types.c.event_type.in_(CAUSE_EVENTS))
        )
        for event_type, shared, ctx in rows:
            data = _load(shared)
            entity_id = data.get("entity_id")
            found[ctx] = {
                "context_event_type": event_type,
                "context_domain": "automation"
                if event_type == "automation_triggered"
                else "script",
                "context_name": data.get("name") or entity_id,
                "context_entity_id": entity_id,
            }
    return found


def _event_entry(row: Any, data: dict[str, Any]) -> dict[str, Any]:
    etype = row.event_type
    if etype == "automation_triggered":
        name, domain = data.get("name", "automation"), "automation"
        source = data.get("source")
        message = f"triggered by {source}" if source else "triggered"
    elif etype == "script_started":
        name, domain, message = data.get("name", "script"), "script", "started"
    elif etype == "logbook_entry":
        name = data.get("name", "")
        domain = data.get("domain") or str(data.get("entity_id", "")).partition(".")[0]
        message = data.get("message", "")
    else:
        name, domain = "Bastion", "homeassistant"
        message = "started" if etype == "homeassistant_start" else "stopped"
    entry: dict[str, Any] = {
        "when": row.time_fired_ts,
        "name": name,
        "message": message,
        "domain": domain,
        "context_id": row.context_id,
        "text": f"{name} {message}",
    }
    if data.get("entity_id"):
        entry["entity_id"] = data["entity_id"]
    if row.context_user_id:
        entry["context_user_id"] = row.context_user_id
    return entry
