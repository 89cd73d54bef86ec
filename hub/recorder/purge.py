"""Purging old rows in small transactions: per-class retention, rows the current filter
excludes, purge_entities, the size budget and orphaned attributes/event data. Each function
is a generator so the writer commits queued states between batches."""

from __future__ import annotations

import logging
import math
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, exists, func, select, text

from .batch import BatchWriter
from .config import compile_globs
from .database import database_size
from .filters import RecordFilter, RetentionPolicy
from .models import (
    event_data,
    event_types,
    events,
    state_attributes,
    states,
    states_meta,
    statistics_short_term,
)

_LOGGER = logging.getLogger(__name__)

PURGE_BATCH = 5_000
DAY = 86_400.0
# Events that explain why a state changed: kept as long as the longest retention rule so the
# logbook of a long-kept lock still says which automation or user acted.
CAUSE_EVENT_TYPES = ("automation_triggered", "script_started", "call_service")

PurgeSteps = Generator[None, None, dict[str, int]]


@dataclass(slots=True)
class PurgeCounts:
    states: int = 0
    events: int = 0
    attributes: int = 0
    event_data: int = 0
    short_term: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "states": self.states,
            "events": self.events,
            "state_attributes": self.attributes,
            "event_data": self.event_data,
            "statistics_short_term": self.short_term,
        }


def _delete_states(engine: Engine, where: list[Any], counts: PurgeCounts) -> Generator[None]:
    while True:
        with engine.begin() as conn:
            ids = conn.execute(select(states.c.state_id).where(*where).limit(PURGE_BATCH)).scalars()
            ids = list(ids)
            if ids:
                conn.execute(delete(states).where(states.c.state_id.in_(ids)))
        counts.states += len(ids)
        if len(ids) < PURGE_BATCH:
            return
        yield


def _delete_events(engine: Engine, where: list[Any], counts: PurgeCounts) -> Generator[None]:
    while True:
        with engine.begin() as conn:
            ids = list(
                conn.execute(select(events.c.event_id).where(*where).limit(PURGE_BATCH)).scalars()
            )
            if ids:
                conn.execute(delete(events).where(events.c.event_id.in_(ids)))
        counts.events += len(ids)
        if len(ids) < PURGE_BATCH:
            return
        yield


def _delete_orphans(engine: Engine, writer: BatchWriter, counts: PurgeCounts) -> Generator[None]:
    for table, id_col, ref_table, ref_col, attr in (
        (state_attributes, "attributes_id", states, "attributes_id", "attributes"),
        (event_data, "data_id", events, "data_id", "event_data"),
    ):
        unused = ~exists().where(ref_table.c[ref_col] == table.c[id_col])
        while True:
            with engine.begin() as conn:
                ids = list(
                    conn.execute(select(table.c[id_col]).where(unused).limit(PURGE_BATCH)).scalars()
                )
                if ids:
                    conn.execute(delete(table).where(table.c[id_col].in_(ids)))
            setattr(counts, attr, getattr(counts, attr) + len(ids))
            if ids:
                writer.forget_blobs()  # cached ids may point at rows just removed
            if len(ids) < PURGE_BATCH:
                break
            yield


def _delete_filtered(
    engine: Engine, record_filter: RecordFilter, counts: PurgeCounts
) -> Generator[None]:
    """Remove all rows of entities and event types the current include/exclude filter leaves
    out (recorded before the filter changed), whatever their age."""
    with engine.connect() as conn:
        metas = conn.execute(select(states_meta.c.metadata_id, states_meta.c.entity_id)).all()
        types = conn.execute(select(event_types.c.event_type_id, event_types.c.event_type)).all()
    meta_ids = [meta_id for meta_id, entity_id in metas if not record_filter.entity(entity_id)]
    type_ids = [type_id for type_id, name in types if not record_filter.event_type(name)]
    for start in range(0, len(meta_ids), 500):
        chunk = meta_ids[start : start + 500]
        yield from _delete_states(engine, [states.c.metadata_id.in_(chunk)], counts)
        yield
    for start in range(0, len(type_ids), 500):
        chunk = type_ids[start : start + 500]
        yield from _delete_events(engine, [events.c.event_type_id.in_(chunk)], counts)
        yield
    if meta_ids or type_ids:
        _LOGGER.info(
            "Recorder purge with filter: %d excluded entities, %d excluded event types",
            len(meta_ids),
            len(type_ids),
        )


def purge(
    engine: Engine,
    writer: BatchWriter,
    now: float,
    policy: RetentionPolicy,
    keep_days: int | None = None,
    repack: bool = False,
    record_filter: RecordFilter | None = None,
) -> PurgeSteps:
    """Delete states older than each entity's retention (or `keep_days` for all), events and
    5-minute statistics older than the default; hourly statistics are kept. With
    `record_filter`, also every state and event that filter would not record now."""
    counts = PurgeCounts()
    if record_filter is not None:
        yield from _delete_filtered(engine, record_filter, counts)
    with engine.connect() as conn:
        metas = conn.execute(
            select(states_meta.c.metadata_id, states_meta.c.entity_id, states_meta.c.device_class)
        ).all()
    by_days: dict[int, list[int]] = {}
    for meta_id, entity_id, device_class in metas:
        days = keep_days if keep_days is not None else policy.keep_days(entity_id, device_class)
        by_days.setdefault(days, []).append(meta_id)
    for days, meta_ids in sorted(by_days.items()):
        cutoff = now - days * DAY
        for start in range(0, len(meta_ids), 500):
            chunk = meta_ids[start : start + 500]
            yield from _delete_states(
                engine, [states.c.metadata_id.in_(chunk), states.c.last_updated_ts < cutoff], counts
            )
    default_days = keep_days if keep_days is not None else policy.default
    cause_days = keep_days if keep_days is not None else policy.longest
    with engine.connect() as conn:
        cause_ids = list(
            conn.execute(
                select(event_types.c.event_type_id).where(
                    event_types.c.event_type.in_(CAUSE_EVENT_TYPES)
                )
            ).scalars()
        )
    yield from _delete_events(
        engine,
        [
            events.c.time_fired_ts < now - default_days * DAY,
            events.c.event_type_id.not_in(cause_ids),
        ],
        counts,
    )
    yield from _delete_events(engine, [events.c.time_fired_ts < now - cause_days * DAY], counts)
    with engine.begin() as conn:
        counts.short_term = conn.execute(
            delete(statistics_short_term).where(
                statistics_short_term.c.start_ts < now - default_days * DAY
            )
        ).rowcount
    yield from _delete_orphans(engine, writer, counts)
    if repack:
        _repack(engine)
    _LOGGER.info("Recorder purge removed %s", counts.as_dict())
    return counts.as_dict()


def purge_entities(
    engine: Engine,
    writer: BatchWriter,
    now: float,
    entity_ids: Iterable[str],
    domains: Iterable[str],
    entity_globs: Iterable[str],
    keep_days: int,
) -> PurgeSteps:
    """Delete the matching entities' states older than `keep_days` (0 = all of them)."""
    counts = PurgeCounts()
    wanted, wanted_domains = set(entity_ids), set(domains)
    pattern = compile_globs(tuple(entity_globs))
    with engine.connect() as conn:
        metas = conn.execute(select(states_meta.c.metadata_id, states_meta.c.entity_id)).all()
    meta_ids = [
        meta_id
        for meta_id, entity_id in metas
        if entity_id in wanted
        or entity_id.partition(".")[0] in wanted_domains
        or (pattern is not None and pattern.match(entity_id))
    ]
    cutoff = now - keep_days * DAY
    for start in range(0, len(meta_ids), 500):
        chunk = meta_ids[start : start + 500]
        yield from _delete_states(
            engine, [states.c.metadata_id.in_(chunk), states.c.last_updated_ts < cutoff], counts
        )
    yield from _delete_orphans(engine, writer, counts)
    return counts.as_dict()


def enforce_budget(
    engine: Engine, writer: BatchWriter, policy: RetentionPolicy, max_bytes: int
) -> PurgeSteps:
    """Delete the oldest rows of unprotected entities (and the oldest events) until the
    database fits `max_bytes`, estimating bytes per row from the current size."""
    counts = PurgeCounts()
    size = database_size(engine)
    if size <= max_bytes:
        return counts.as_dict()
    with engine.connect() as conn:
        n_states = conn.execute(select(func.count()).select_from(states)).scalar_one()
        n_events = conn.execute(select(func.count()).select_from(events)).scalar_one()
        metas = conn.execute(
            select(states_meta.c.metadata_id, states_meta.c.entity_id, states_meta.c.device_class)
        ).all()
    rows = max(1, n_states + n_events)
    to_delete = math.ceil((size - max_bytes) / (size / rows))
    open_ids = [m for m, eid, dc in metas if not policy.protected(eid, dc)]
    state_share = math.ceil(to_delete * n_states / rows)
    event_share = to_delete - state_share
    while state_share > 0 and open_ids:
        with engine.begin() as conn:
            ids = list(
                conn.execute(
                    select(states.c.state_id)
                    .where(states.c.metadata_id.in_(open_ids))
                    .order_by(states.c.last_updated_ts)
                    .limit(min(PURGE_BATCH, state_share))
                ).scalars()
            )
            if ids:
                conn.execute(delete(states).where(states.c.state_id.in_(ids)))
        counts.states += len(ids)
        state_share -= len(ids)
        if not ids:
            break
        yield
    while event_share > 0:
        with engine.begin() as conn:
            ids = list(
                conn.execute(
                    select(events.c.event_id)
                    .order_by(events.c.time_fired_ts)
                    .limit(min(PURGE_BATCH, event_share))
                ).scalars()
            )
            if ids:
                conn.execute(delete(events).where(events.c.event_id.in_(ids)))
        counts.events += len(ids)
        event_share -= len(ids)
        if not ids:
            break
        yield
    yield from _delete_orphans(engine, writer, counts)
    if state_share > 0:
        _LOGGER.warning(
            "Recorder database is over its %d MB budget; only protected rows are left",
            max_bytes // 1_000_000,
        )
    return counts.as_dict()


def _repack(engine: Engine) -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM"))
