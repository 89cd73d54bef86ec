"""Writing audit records as CSV or JSON Lines (blocking; for the CLI and backups)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

import orjson

from .chain import AuditRecord

CSV_FIELDS = (
    "seq",
    "time",
    "action",
    "outcome",
    "user_id",
    "actor",
    "context_id",
    "parent_id",
    "target",
    "details",
    "prev_hash",
    "hash",
)
FORMATS = ("csv", "jsonl")


def write_records(records: Iterable[AuditRecord], out: TextIO, fmt: str) -> int:
    """Write records to `out` in `fmt` (csv: details as JSON text); returns the count."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            row = record.as_dict()
            row["details"] = record.details
            writer.writerow(row)
            count += 1
        return count
    for record in records:
        out.write(orjson.dumps(record.as_dict()).decode())
        out.write("\n")
        count += 1
    return count
