"""History queries in Home Assistant's compressed websocket form (s, a, lu, lc)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson
from sqlalchemy import Engine, Select, or_, select

from .models import state_attributes, states, states_meta

# Domains whose attribute-only updates matter (HA's significant domains).
SIGNIFICANT_DOMAINS = frozenset(
    {"climate", "device_tracker", "humidifier", "thermostat", "water_heater"}
)
# Domains whose minimal responses keep attributes on every entry.
NEED_ATTRIBUTE_DOMAINS = frozenset(
    {"climate", "humidifier", "input_datetime", "thermostat", "water_heater"}
)


def _meta_ids(conn: Any, entity_ids: Iterable[str] | None) -> dict[int, str]:
    query = select(states_meta.c.metadata_id, states_meta.c.entity_id)
    if entity_ids is not None:
        query = query.where(states_meta.c.entity_id.in_(list(entity_ids)))
    return {meta_id: entity_id for meta_id, entity_id in conn.execute(query)}


def _columns(no_attributes: bool) -> Select[Any]:
    cols = [
        states.c.metadata_id,
        states.c.state,
        states.c.last_updated_ts,
        states.c.last_changed_ts,
    ]
    if no_attributes:
        return select(*cols)
    return select(*cols, state_attributes.c.shared_attrs).outerjoin(
        state_attributes, state_attributes.c.attributes_id == states.c.attributes_id
    )


def history_during_period(
    engine: Engine,
    start: float,
    end: float | None,
    entity_ids: Iterable[str] | None,
    *,
    include_start_time_state: bool = True,
    significant_changes_only: bool = True,
    minimal_response: bool = False,
    no_attributes: bool = False,
) -> dict[str, list[dict[str, Any]]]:
    """States per entity between `start` and `end` (POSIX s), oldest first.

    Each entry is `{"s": state, "a": attributes, "lu": last_updated}` plus `"lc"` when
    last_changed differs. The start-time state, when included, is stamped with `start`.
    With `minimal_response` every entry after the first is `{"s", "lu"}` (lu = last_changed).
    """
    result: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        metas = _meta_ids(conn, entity_ids)
        if not metas:
            return result
        ordered = sorted(metas, key=lambda m: metas[m])
        rows_by_meta: dict[int, list[Any]] = {m: [] for m in ordered}
        if include_start_time_state:
            for meta_id in ordered:
                row = conn.execute(
                    _columns(no_attributes)
                    .where(states.c.metadata_id == meta_id, states.c.last_updated_ts < start)
                    .order_by(states.c.last_updated_ts.desc())
                    .limit(1)
                ).first()
                if row is not None and row.state is not None:
                    rows_by_meta[meta_id].append((row, True))
        for chunk_start in range(0, len(ordered), 500):
            chunk = ordered[chunk_start : chunk_start + 500]
            query = _columns(no_attributes).where(
                states.c.metadata_id.in_(chunk), states.c.last_updated_ts >= start
            )
            if end is not None:
                query = query.where(states.c.last_updated_ts < end)
            if significant_changes_only:
                significant = [m for m in chunk if metas[m].split(".")[0] in SIGNIFICANT_DOMAINS]
                query = query.where(
                    or_(
                        states.c.last_changed_ts.is_(None),
                        states.c.last_changed_ts == states.c.last_updated_ts,
                        states.c.metadata_id.in_(significant),
                    )
                )
            query = query.order_by(states.c.metadata_id, states.c.last_updated_ts)
            for row in conn.execute(query):
                rows_by_meta[row.metadata_id].append((row, False))
    for meta_id in ordered:
        rows = rows_by_meta[meta_id]
        if not rows:
            continue
        entity_id = metas[meta_id]
        keep_attrs = entity_id.split(".")[0] in NEED_ATTRIBUTE_DOMAINS
        entries: list[dict[str, Any]] = []
        for row, at_start in rows:
            updated = start if at_start else row.last_updated_ts
            changed = start if at_start else (row.last_changed_ts or row.last_updated_ts)
            if minimal_response and entries and not keep_attrs:
                entries.append({"s": row.state, "lu": changed})
                continue
            entry: dict[str, Any] = {"s": row.state}
            entry["a"] = {} if no_attributes else _attrs(row.shared_attrs)
            entry["lu"] = updated
            if changed != updated:
                entry["lc"] = changed
            entries.append(entry)
        result[entity_id] = entries
    return result


def _attrs(shared: str | None) -> dict[str, Any]:
    return orjson.loads(shared) if shared else {}
