"""`bastion audit verify | export | head`: check and read the audit log without the hub."""

from __future__ import annotations

import argparse
import re
import sys
from contextlib import nullcontext
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

from .cli import _EXTENSIONS, command
from .errors import HubError

_RELATIVE = re.compile(r"^(\d+)([smhdw])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def _extend(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    audit = sub.add_parser("audit", help="verify and export the audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser("verify", help="check the hash chain; exit 1 if broken")
    export = audit_sub.add_parser("export", help="write records as CSV or JSON Lines")
    export.add_argument("--format", "-f", choices=["csv", "jsonl"], default="jsonl")
    export.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    export.add_argument(
        "--since", help="only records from this time: ISO date/time (UTC if naive) or 7d, 12h"
    )
    head = audit_sub.add_parser("head", help="print the newest seq and hash (anchor it off-box)")
    for parser in (verify, export, head):
        parser.add_argument("--config", "-c", default="config", type=Path, help="configuration dir")


_EXTENSIONS.append(_extend)


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """An ISO 8601 date or time (naive means UTC), or a span back from now like `7d`."""
    match = _RELATIVE.match(text.strip())
    if match:
        amount, unit = int(match.group(1)), _UNITS[match.group(2)]
        return (now or datetime.now(UTC)) - timedelta(**{unit: amount})
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError as err:
        raise HubError(f"--since {text!r}: expected an ISO date/time or a span like 7d") from err
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _open_store(config_dir: Path):  # type: ignore[no-untyped-def]
    from .audit.store import AuditStore

    if not config_dir.is_dir():
        raise HubError(f"Configuration directory {config_dir} does not exist")
    return AuditStore(config_dir, create=False)


def _verify(config_dir: Path) -> int:
    store = _open_store(config_dir)
    try:
        report = store.verify()
    finally:
        store.close()
    if report.ok:
        print(f"OK: {report.count} records, head {report.head_hash} (seq {report.head_seq})")
        return 0
    print(f"BROKEN: {len(report.problems)} problem(s) in {report.count} records")
    for problem in report.problems:
        print(str(problem))
    return 1


def _export(config_dir: Path, fmt: str, output: Path | None, since: str | None) -> int:
    from .audit.export import write_records

    since_us = None if since is None else round(parse_since(since).timestamp() * 1_000_000)
    store = _open_store(config_dir)
    try:
        target: TextIO
        with (
            open(output, "w", encoding="utf-8", newline="")
            if output is not None
            else nullcontext(sys.stdout)
        ) as target:
            count = write_records(store.records(since_us=since_us), target, fmt)
    finally:
        store.close()
    print(f"Exported {count} records", file=sys.stderr)
    return 0


def _head(config_dir: Path) -> int:
    store = _open_store(config_dir)
    try:
        head = store.head()
    finally:
        store.close()
    print(f"{head.seq} {head.hash}")
    return 0


@command("audit")
def cmd_audit(args: argparse.Namespace) -> int:
    try:
        if args.audit_command == "verify":
            return _verify(args.config)
        if args.audit_command == "export":
            return _export(args.config, args.format, args.output, args.since)
        return _head(args.config)
    except HubError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
