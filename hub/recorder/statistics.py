"""Long-term statistics: 5-minute and hourly rows compiled from recorded sensor states."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import orjson
from sqlalchemy import Connection, Engine, delete, insert, select

from .models import (
    state_attributes,
    states,
    states_meta,
    statistics,
    statistics_meta,
    statistics_short_term,
)

SHORT_TERM_SECONDS = 300
HOUR_SECONDS = 3600
MEASUREMENT = "measurement"
TOTAL = "total"
TOTAL_INCREASING = "total_increasing"
STATE_CLASSES = frozenset({MEASUREMENT, TOTAL, TOTAL_INCREASING})
SOURCE = "recorder"


@dataclass(frozen=True, slots=True)
class StatisticSource:
    """A sensor whose states feed statistics, read from its current state on the loop."""

    entity_id: str
    state_class: str
    unit: str | None
    name: str | None


def as_float(value: str | None) -> float | None:
    """The state as a finite float, or None for unknown/unavailable/non-numeric."""
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _last_reset(shared_attrs: str | None) -> str | None:
    if not shared_attrs or "last_reset" not in shared_attrs:
        return None
    value = orjson.loads(shared_attrs).get("last_reset")
    return str(value) if value is not None else None


def _ensure_meta(conn: Connection, source: StatisticSource) -> int:
    row = conn.execute(
        select(
            statistics_meta.c.id, statistics_meta.c.unit_of_measurement, statistics_meta.c.name
        ).where(statistics_meta.c.statistic_id == source.entity_id)
    ).first()
    has_mean = source.state_class == MEASUREMENT
    if row is None:
        return conn.execute(
            insert(statistics_meta).returning(statistics_meta.c.id),
            {
                "statistic_id": source.entity_id,
                "source": SOURCE,
                "unit_of_measurement": source.unit,
                "has_mean": has_mean,
                "has_sum": not has_mean,
                "name": source.name,
            },
        ).scalar_one()
    if (row.unit_of_measurement, row.name) != (source.unit, source.name):
        conn.execute(
            statistics_meta.update()
            .where(statistics_meta.c.id == row.id)
            .values(unit_of_measurement=source.unit, name=source.name)
        )
    return int(row.id)


def _states_in(
    conn: Connection, metadata_id: int, start: float, end: float, with_attrs: bool
) -> list[tuple[float, str | None, str | None]]:
    """(timestamp, state, shared_attrs) from the last row before `start` to `end`."""
    cols = [states.c.last_updated_ts, states.c.state]
    attrs = state_attributes.c.shared_attrs if with_attrs else None
    base = select(*cols, attrs) if attrs is not None else select(*cols, states.c.state_id)
    if attrs is not None:
        base = base.outerjoin(
            state_attributes, state_attributes.c.attributes_id == states.c.attributes_id
        )
    before = conn.execute(
        base.where(states.c.metadata_id == metadata_id, states.c.last_updated_ts < start)
        .order_by(states.c.last_updated_ts.desc())
        .limit(1)
    ).first()
    rows = conn.execute(
        base.where(
            states.c.metadata_id == metadata_id,
            states.c.last_updated_ts >= start,
            states.c.last_updated_ts < end,
        ).order_by(states.c.last_updated_ts)
    ).all()
    out = [(start, before[1], before[2] if with_attrs else None)] if before else []
    out.extend((r[0], r[1], r[2] if with_attrs else None) for r in rows)
    return out


def compile_short_term(engine: Engine, start: float, sources: Iterable[StatisticSource]) -> int:
    """Compile the 5-minute period starting at `start` (POSIX s); returns rows written."""
    end = start + SHORT_TERM_SECONDS
    written = 0
    with engine.begin() as conn:
        for source in sources:
            meta = conn.execute(
                select(states_meta.c.metadata_id).where(states_meta.c.entity_id == source.entity_id)
            ).scalar()
            if meta is None:
                continue
            is_total = source.state_class != MEASUREMENT
            rows = _states_in(conn, meta, start, end, with_attrs=source.state_class == TOTAL)
            values = [(ts, as_float(st), attrs) for ts, st, attrs in rows]
            numeric = [(ts, v, a) for ts, v, a in values if v is not None]
            if not numeric:
                continue
            stat_id = _ensure_meta(conn, source)
            row = {"metadata_id": stat_id, "start_ts": start, "created_ts": time.time()}
            if is_total:
                row.update(_total_row(conn, stat_id, start, source.state_class, numeric))
            else:
                row.update(_measurement_row(values, end))
            conn.execute(
                delete(statistics_short_term).where(
                    statistics_short_term.c.metadata_id == stat_id,
                    statistics_short_term.c.start_ts == start,
                )
            )
            conn.execute(insert(statistics_short_term), row)
            written += 1
    return written


def _measurement_row(
    values: list[tuple[float, float | None, str | None]], end: float
) -> dict[str, float]:
    weighted = 0.0
    duration = 0.0
    seen: list[float] = []
    for index, (ts, value, _) in enumerate(values):
        until = values[index + 1][0] if index + 1 < len(values) else end
        if value is None:
            continue
        seen.append(value)
        span = max(0.0, until - ts)
        weighted += value * span
        duration += span
    mean = weighted / duration if duration > 0 else sum(seen) / len(seen)
    return {"mean": mean, "min": min(seen), "max": max(seen)}


def _total_row(
    conn: Connection,
    stat_id: int,
    start: float,
    state_class: str,
    numeric: list[tuple[float, float, str | None]],
) -> dict[str, float | None]:
    previous = conn.execute(
        select(statistics_short_term.c.state, statistics_short_term.c.sum)
        .where(
            statistics_short_term.c.metadata_id == stat_id, statistics_short_term.c.start_ts < start
        )
        .order_by(statistics_short_term.c.start_ts.desc())
        .limit(1)
    ).first()
    if previous is not None and previous.state is not None:
        last, total = float(previous.state), float(previous.sum or 0.0)
    else:
        last, total = numeric[0][1], 0.0
    last_reset = numeric[0][2]
    for _, value, attrs in numeric:
        if state_class == TOTAL_INCREASING and value < last:
            total += value  # meter reset: the new cycle counts from zero
        elif state_class == TOTAL and _last_reset(attrs) != _last_reset(last_reset):
            total += value
        else:
            total += value - last
        last, last_reset = value, attrs
    return {"state": last, "sum": total}


def compile_hourly(engine: Engine, hour_start: float) -> int:
    """Aggregate the hour's 5-minute rows into `statistics`; returns rows written."""
    end = hour_start + HOUR_SECONDS
    st = statistics_short_term
    with engine.begin() as conn:
        rows = conn.execute(
            select(st.c.metadata_id, st.c.mean, st.c.min, st.c.max, st.c.state, st.c.sum)
            .where(st.c.start_ts >= hour_start, st.c.start_ts < end)
            .order_by(st.c.metadata_id, st.c.start_ts)
        ).all()
        grouped: dict[int, list[tuple[float | None, ...]]] = {}
        for row in rows:
            grouped.setdefault(row[0], []).append(tuple(row[1:]))
        for meta_id, items in grouped.items():
            means = [i[0] for i in items if i[0] is not None]
            mins = [i[1] for i in items if i[1] is not None]
            maxs = [i[2] for i in items if i[2] is not None]
            conn.execute(
                delete(statistics).where(
                    statistics.c.metadata_id == meta_id, statistics.c.start_ts == hour_start
                )
            )
            conn.execute(
                insert(statistics),
                {
                    "metadata_id": meta_id,
                    "start_ts": hour_start,
                    "created_ts": time.time(),
                    "mean": sum(means) / len(means) if means else None,
                    "min": min(mins) if mins else None,
                    "max": max(maxs) if maxs else None,
                    "state": items[-1][3],
                    "sum": items[-1][4],
                },
            )
    return len(grouped)


def period_start(moment: datetime | float) -> float:
    """The start (POSIX s) of the 5-minute period containing `moment`."""
    ts = moment.timestamp() if isinstance(moment, datetime) else float(moment)
    return ts - ts % SHORT_TERM_SECONDS
