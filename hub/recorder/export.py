"""CSV export of one entity's recorded states."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine, select

from .models import state_attributes, states, states_meta

CSV_HEADER = ("entity_id", "state", "last_changed", "last_updated", "attributes")
FETCH_ROWS = 10_000


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat()


def write_csv(engine: Engine, entity_id: str, start: float, end: float, out: TextIO) -> int:
    """Write the states of `entity_id` in [start, end) as CSV rows; returns the row count."""
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    count = 0
    query = (
        select(
            states.c.state,
            states.c.last_changed_ts,
            states.c.last_updated_ts,
            state_attributes.c.shared_attrs,
        )
        .join(states_meta, states_meta.c.metadata_id == states.c.metadata_id)
        .outerjoin(state_attributes, state_attributes.c.attributes_id == states.c.attributes_id)
        .where(
            states_meta.c.entity_id == entity_id,
            states.c.last_updated_ts >= start,
            states.c.last_updated_ts < end,
        )
        .order_by(states.c.last_updated_ts)
    )
    with engine.connect() as conn:
        result = conn.execution_options(yield_per=FETCH_ROWS).execute(query)
        for state, changed, updated, attrs in result:
            writer.writerow(
                (entity_id, state, _iso(changed or updated), _iso(updated), attrs or "{}")
            )
            count += 1
    return count


def export_csv(engine: Engine, entity_id: str, start: float, end: float, dest: Path | None) -> str:
    """The CSV text, or (with `dest`) write it to that file and return the path."""
    if dest is None:
        buffer = io.StringIO()
        write_csv(engine, entity_id, start, end, buffer)
        return buffer.getvalue()
    tmp = Path(dest).with_name(Path(dest).name + ".partial")
    with tmp.open("w", newline="", encoding="utf-8") as handle:
        write_csv(engine, entity_id, start, end, handle)
    tmp.replace(dest)
    return str(dest)
