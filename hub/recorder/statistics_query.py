"""Reading statistics: periods of 5 minutes to a month, and the list of statistic ids."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from ..errors import ValidationError
from .models import statistics, statistics_meta, statistics_short_term

PERIODS = ("5minute", "hour", "day", "week", "month")
TYPES = frozenset({"mean", "min", "max", "sum", "state", "change", "last_reset"})


def _bucket(ts: float, period: str, tz: ZoneInfo) -> float:
    local = datetime.fromtimestamp(ts, tz)
    if period == "day":
        start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    elif period == "week":
        start = (local - timedelta(days=local.weekday())).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
    else:
        start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return start.timestamp()


def _bucket_end(start: float, period: str, tz: ZoneInfo) -> float:
    local = datetime.fromtimestamp(start, tz)
    if period == "day":
        nxt = (local + timedelta(days=1, hours=2)).replace(hour=0)
    elif period == "week":
        nxt = (local + timedelta(days=7, hours=2)).replace(hour=0)
    else:
        nxt = (local.replace(day=28) + timedelta(days=4)).replace(day=1)
    return nxt.timestamp()


def statistics_during_period(
    engine: Engine,
    start: float,
    end: float | None,
    statistic_ids: Iterable[str] | None,
    period: str,
    types: Iterable[str],
    time_zone: str,
) -> dict[str, list[dict[str, Any]]]:
    """Rows per statistic id; `start`/`end` in the result are milliseconds like Home Assistant."""
    if period not in PERIODS:
        raise ValidationError(f"Unknown statistics period {period!r}; use one of {PERIODS}")
    wanted = set(types)
    if unknown := wanted - TYPES:
        raise ValidationError(f"Unknown statistic types: {sorted(unknown)}")
    table = statistics_short_term if period == "5minute" else statistics
    step = 300.0 if period == "5minute" else 3600.0
    tz = ZoneInfo(time_zone)
    query = (
        select(
            statistics_meta.c.statistic_id,
            table.c.start_ts,
            table.c.mean,
            table.c.min,
            table.c.max,
            table.c.state,
            table.c.sum,
            table.c.last_reset_ts,
        )
        .join(statistics_meta, statistics_meta.c.id == table.c.metadata_id)
        .where(table.c.start_ts >= start)
        .order_by(statistics_meta.c.statistic_id, table.c.start_ts)
    )
    if end is not None:
        query = query.where(table.c.start_ts < end)
    ids = list(statistic_ids) if statistic_ids is not None else None
    if ids is not None:
        query = query.where(statistics_meta.c.statistic_id.in_(ids))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        first_sums = _sums_before(conn, table, start, {r[0] for r in rows})
    per_id: dict[str, list[dict[str, Any]]] = {}
    for sid, start_ts, mean, mn, mx, state, total, last_reset in rows:
        per_id.setdefault(sid, []).append(
            {
                "start": start_ts,
                "end": start_ts + step,
                "mean": mean,
                "min": mn,
                "max": mx,
                "state": state,
                "sum": total,
                "last_reset": last_reset,
            }
        )
    result: dict[str, list[dict[str, Any]]] = {}
    for sid, items in per_id.items():
        if period in ("day", "week", "month"):
            items = _reduce(items, period, tz)
        previous = first_sums.get(sid, 0.0)  # sums start at 0 when statistics begin
        out = []
        for item in items:
            if item["sum"] is not None:
                item["change"] = item["sum"] - previous
                previous = item["sum"]
            else:
                item["change"] = None
            entry = {"start": int(item["start"] * 1000), "end": int(item["end"] * 1000)}
            entry.update({k: item[k] for k in sorted(wanted) if k in item})
            out.append(entry)
        result[sid] = out
    return result


def _sums_before(conn: Any, table: Any, start: float, ids: set[str]) -> dict[str, float]:
    found: dict[str, float] = {}
    for sid in ids:
        value = conn.execute(
            select(table.c.sum)
            .join(statistics_meta, statistics_meta.c.id == table.c.metadata_id)
            .where(statistics_meta.c.statistic_id == sid, table.c.start_ts < start)
            .order_by(table.c.start_ts.desc())
            .limit(1)
        ).scalar()
        if value is not None:
            found[sid] = float(value)
    return found


def _reduce(items: list[dict[str, Any]], period: str, tz: ZoneInfo) -> list[dict[str, Any]]:
    buckets: dict[float, list[dict[str, Any]]] = {}
    for item in items:
        buckets.setdefault(_bucket(item["start"], period, tz), []).append(item)
    out = []
    for bstart, group in buckets.items():
        means = [g["mean"] for g in group if g["mean"] is not None]
        mins = [g["min"] for g in group if g["min"] is not None]
        maxs = [g["max"] for g in group if g["max"] is not None]
        out.append(
            {
                "start": bstart,
                "end": _bucket_end(bstart, period, tz),
                "mean": sum(means) / len(means) if means else None,
                "min": min(mins) if mins else None,
                "max": max(maxs) if maxs else None,
                "state": group[-1]["state"],
                "sum": group[-1]["sum"],
                "last_reset": group[-1]["last_reset"],
            }
        )
    return out


def list_statistic_ids(engine: Engine, statistic_type: str | None) -> list[dict[str, Any]]:
    """Every statistic with its unit and kind; `statistic_type` "mean" or "sum" narrows it."""
    query = select(statistics_meta).order_by(statistics_meta.c.statistic_id)
    if statistic_type == "mean":
        query = query.where(statistics_meta.c.has_mean.is_(True))
    elif statistic_type == "sum":
        query = query.where(statistics_meta.c.has_sum.is_(True))
    elif statistic_type is not None:
        raise ValidationError("statistic_type must be 'mean', 'sum' or None")
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        {
            "statistic_id": r.statistic_id,
            "source": r.source,
            "name": r.name,
            "has_mean": bool(r.has_mean),
            "has_sum": bool(r.has_sum),
            "statistics_unit_of_measurement": r.unit_of_measurement,
            "display_unit_of_measurement": r.unit_of_measurement,
        }
        for r in rows
    ]
