"""Turn a batch of State and Event objects into rows and insert them in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, func, select, update

from ..events import Event, dumps
from ..redaction import redact_secrets
from ..states import State
from .dedup import NameIds, SharedBlobs
from .models import event_data, event_types, events, state_attributes, states, states_meta

EMPTY_ATTRS = "{}"


@dataclass(frozen=True, slots=True)
class StateReport:
    """An unchanged state written again: moves `last_reported_ts` of its row, adds no row."""

    entity_id: str
    last_updated_ts: float  # identifies the row: the state's last write that changed something
    last_reported_ts: float

    @classmethod
    def of(cls, state: State) -> StateReport:
        return cls(state.entity_id, state.last_updated.timestamp(), state.last_reported.timestamp())


RecordItem = State | Event | StateReport
# The newest row of one entity with this last_updated_ts (several only if the clock stood still).
_REPORTED_ROW = (
    select(func.max(states.c.state_id))
    .where(
        states.c.metadata_id == bindparam("b_meta"),
        states.c.last_updated_ts == bindparam("b_updated"),
    )
    .scalar_subquery()
)
_SET_REPORTED = (
    update(states)
    .where(states.c.state_id == _REPORTED_ROW)
    .values(last_reported_ts=bindparam("b_reported"))
)


def _ts_or_none(value: float, reference: float) -> float | None:
    return None if value == reference else value


class BatchWriter:
    """Owns the id caches; `write` runs inside the caller's transaction (writer thread only)."""

    def __init__(self) -> None:
        self.entity_ids = NameIds(states_meta, "entity_id", "metadata_id")
        self.event_type_ids = NameIds(event_types, "event_type", "event_type_id")
        self.attributes = SharedBlobs(state_attributes, "attributes_id", "shared_attrs")
        self.event_data = SharedBlobs(event_data, "data_id", "shared_data")
        self._last_state_id: dict[int, int] = {}
        self._staged_last: dict[int, int] = {}
        self._device_class: dict[int, str | None] = {}
        self._staged_class: dict[int, str | None] = {}

    # -- transaction bookkeeping -----------------------------------------------------
    def commit(self) -> None:
        for cache in (self.entity_ids, self.event_type_ids, self.attributes, self.event_data):
            cache.cache.commit()
        self._last_state_id.update(self._staged_last)
        self._device_class.update(self._staged_class)
        self._staged_last.clear()
        self._staged_class.clear()

    def rollback(self) -> None:
        for cache in (self.entity_ids, self.event_type_ids, self.attributes, self.event_data):
            cache.cache.rollback()
        self._staged_last.clear()
        self._staged_class.clear()

    def forget_blobs(self) -> None:
        """Drop cached attribute/data ids (after a purge removed orphans)."""
        self.attributes.cache.clear()
        self.event_data.cache.clear()

    # -- writing ------------------------------------------------------------------------
    def write(self, conn: Connection, items: Sequence[RecordItem]) -> int:
        """Insert the rows for `items`, then apply their reports; returns the rows inserted."""
        state_items = [i for i in items if isinstance(i, State)]
        event_items = [i for i in items if isinstance(i, Event)]
        # One UPDATE per reported row, the newest report winning; it runs after the inserts,
        # so it also reaches a row inserted by this very batch.
        reported = {
            (i.entity_id, i.last_updated_ts): i.last_reported_ts
            for i in items
            if isinstance(i, StateReport)
        }
        written = 0
        if state_items:
            written += self._write_states(conn, state_items)
        if event_items:
            written += self._write_events(conn, event_items)
        if reported:
            self._write_reports(conn, reported)
        return written

    def _write_reports(self, conn: Connection, reported: dict[tuple[str, float], float]) -> None:
        meta_ids = self.entity_ids.lookup(conn, {entity_id for entity_id, _ in reported})
        params = [
            {"b_meta": meta_ids[entity_id], "b_updated": updated, "b_reported": last_reported}
            for (entity_id, updated), last_reported in reported.items()
            if entity_id in meta_ids
        ]
        if params:
            conn.execute(_SET_REPORTED, params)

    def _write_states(self, conn: Connection, items: list[State]) -> int:
        meta_ids = self.entity_ids.resolve(conn, {s.entity_id for s in items})
        blobs = [dumps(dict(s.attributes)).decode() if s.attributes else EMPTY_ATTRS for s in items]
        attr_ids = self.attributes.resolve(conn, set(blobs))
        self._sync_device_classes(conn, items, meta_ids)
        self._load_last_state_ids(conn, {meta_ids[s.entity_id] for s in items})
        # An entity may change several times in one batch; each insert round holds at most one
        # row per entity so old_state_id can point at the row inserted just before.
        pending: list[tuple[State, str]] = list(zip(items, blobs, strict=True))
        while pending:
            round_rows: list[dict[str, Any]] = []
            round_meta: list[int] = []
            later: list[tuple[State, str]] = []
            seen: set[int] = set()
            for state, blob in pending:
                meta_id = meta_ids[state.entity_id]
                if meta_id in seen:
                    later.append((state, blob))
                    continue
                seen.add(meta_id)
                updated = state.last_updated.timestamp()
                context = state.context
                round_meta.append(meta_id)
                round_rows.append(
                    {
                        "metadata_id": meta_id,
                        "state": state.state,
                        "attributes_id": attr_ids[blob],
                        "last_changed_ts": _ts_or_none(state.last_changed.timestamp(), updated),
                        "last_updated_ts": updated,
                        "last_reported_ts": _ts_or_none(state.last_reported.timestamp(), updated),
                        "context_id": context.id,
                        "context_user_id": context.user_id,
                        "context_parent_id": context.parent_id,
                        "old_state_id": self._last_id(meta_id),
                    }
                )
            new_ids = conn.execute(
                states.insert().returning(states.c.state_id, sort_by_parameter_order=True),
                round_rows,
            ).scalars()
            for meta_id, state_id in zip(round_meta, new_ids, strict=True):
                self._staged_last[meta_id] = state_id
            pending = later
        return len(items)

    def _last_id(self, meta_id: int) -> int | None:
        found = self._staged_last.get(meta_id)
        return found if found is not None else self._last_state_id.get(meta_id)

    def _load_last_state_ids(self, conn: Connection, meta_ids: set[int]) -> None:
        for meta_id in meta_ids:
            if meta_id in self._last_state_id or meta_id in self._staged_last:
                continue
            found = conn.execute(
                select(states.c.state_id)
                .where(states.c.metadata_id == meta_id)
                .order_by(states.c.last_updated_ts.desc())
                .limit(1)
            ).scalar()
            if found is not None:
                self._staged_last[meta_id] = found

    def _sync_device_classes(
        self, conn: Connection, items: list[State], meta_ids: dict[str, int]
    ) -> None:
        latest: dict[int, str | None] = {}
        for state in items:
            value = state.attributes.get("device_class")
            latest[meta_ids[state.entity_id]] = str(value)[:64] if value else None
        for meta_id, device_class in latest.items():
            known = self._staged_class.get(meta_id, self._device_class.get(meta_id, ...))
            if known is ...:
                known = conn.execute(
                    select(states_meta.c.device_class).where(states_meta.c.metadata_id == meta_id)
                ).scalar()
            if known != device_class:
                conn.execute(
                    update(states_meta)
                    .where(states_meta.c.metadata_id == meta_id)
                    .values(device_class=device_class)
                )
            self._staged_class[meta_id] = device_class

    def _write_events(self, conn: Connection, items: list[Event]) -> int:
        type_ids = self.event_type_ids.resolve(conn, {e.event_type for e in items})
        # Secret-bearing keys (a keypad code in an event, say) never reach the database.
        blobs = [dumps(redact_secrets(e.data)).decode() if e.data else None for e in items]
        data_ids = self.event_data.resolve(conn, {b for b in blobs if b is not None})
        rows = [
            {
                "event_type_id": type_ids[event.event_type],
                "data_id": data_ids[blob] if blob is not None else None,
                "origin_idx": 1 if event.origin == "REMOTE" else 0,
                "time_fired_ts": event.time_fired.timestamp(),
                "context_id": event.context.id,
                "context_user_id": event.context.user_id,
                "context_parent_id": event.context.parent_id,
            }
            for event, blob in zip(items, blobs, strict=True)
        ]
        conn.execute(events.insert(), rows)
        return len(rows)
