"""The hash chain: canonical record form, (HMAC-)SHA-256 digests and chain verification."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

# Fields covered by a record's hash, in the order they are stored.
HASHED_FIELDS = (
    "seq",
    "ts_us",
    "action",
    "outcome",
    "user_id",
    "actor",
    "context_id",
    "parent_id",
    "target",
    "details",
    "prev_hash",
)
ALG_HMAC = "hmac-sha256"
ALG_SHA256 = "sha256"
MAX_PROBLEMS = 50
MAX_WALK_BACK = 64  # rows followed backwards when working out a moved record's original seq
MAX_LOOKUPS = 200  # hash lookups one verification spends on diagnosing broken records


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One stored audit record; `details` is its canonical JSON text."""

    seq: int
    ts_us: int
    action: str
    outcome: str
    user_id: str | None
    actor: str | None
    context_id: str | None
    parent_id: str | None
    target: str | None
    details: str
    prev_hash: str
    hash: str

    @property
    def time(self) -> datetime:
        return datetime.fromtimestamp(self.ts_us / 1_000_000, UTC)

    def as_dict(self) -> dict[str, Any]:
        """The public form (time as ISO 8601, details parsed)."""
        return {
            "seq": self.seq,
            "time": self.time.isoformat(),
            "action": self.action,
            "outcome": self.outcome,
            "user_id": self.user_id,
            "actor": self.actor,
            "context_id": self.context_id,
            "parent_id": self.parent_id,
            "target": self.target,
            "details": orjson.loads(self.details),
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def canonical(fields: dict[str, Any]) -> bytes:
    """The bytes a record's hash covers: the hashed fields as sorted-key JSON."""
    return orjson.dumps({name: fields[name] for name in HASHED_FIELDS}, option=orjson.OPT_SORT_KEYS)


def record_fields(record: AuditRecord, seq: int | None = None) -> dict[str, Any]:
    values = {name: getattr(record, name) for name in HASHED_FIELDS}
    if seq is not None:
        values["seq"] = seq
    return values


class Hasher:
    """HMAC-SHA256 with the log's key, or plain SHA-256 when the log has no key."""

    def __init__(self, key: bytes | None) -> None:
        self._key = key

    @property
    def algorithm(self) -> str:
        return ALG_HMAC if self._key is not None else ALG_SHA256

    def digest(self, payload: bytes) -> str:
        if self._key is None:
            return hashlib.sha256(payload).hexdigest()
        return hmac.new(self._key, payload, hashlib.sha256).hexdigest()

    def record_hash(self, fields: dict[str, Any]) -> str:
        return self.digest(canonical(fields))

    def tag(self, kind: str, seq: int, value: str, genesis: str) -> str:
        """A digest binding a checkpoint or head marker to this log."""
        payload = orjson.dumps(
            {"kind": kind, "seq": seq, "hash": value, "genesis": genesis},
            option=orjson.OPT_SORT_KEYS,
        )
        return self.digest(payload)

    def valid(self, record: AuditRecord, seq: int | None = None) -> bool:
        expected = self.record_hash(record_fields(record, seq))
        return hmac.compare_digest(expected, record.hash)


@dataclass(frozen=True, slots=True)
class Problem:
    """One break in the chain: where (seq) and how (kind), with a readable explanation."""

    seq: int
    kind: str  # modified | deleted | reordered | chain mismatch | checkpoint | head
    message: str

    def __str__(self) -> str:
        return f"seq {self.seq}: {self.kind}: {self.message}"


@dataclass(slots=True)
class VerifyReport:
    """The outcome of verifying a log: record count, head and every problem found."""

    count: int = 0
    head_seq: int = 0
    head_hash: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class ChainStart:
    """Where verification starts: the genesis value, or the checkpoint left by pruning."""

    seq: int
    hash: str


def verify_chain(
    records: Iterable[AuditRecord],
    start: ChainStart,
    hasher: Hasher,
    find_by_hash: Callable[[str], AuditRecord | None],
    recorded_head: ChainStart | None = None,
) -> VerifyReport:
    """Check records (in seq order) against their hashes and links; report each break once."""
    report = VerifyReport(head_seq=start.seq, head_hash=start.hash)
    lookup = _BudgetedLookup(find_by_hash)
    expected_seq = start.seq + 1
    prev_hash = start.hash
    prev_flagged = False
    for record in records:
        report.count += 1
        flagged = False
        gap = record.seq > expected_seq
        if record.seq < expected_seq:
            report.problems.append(
                Problem(record.seq, "chain mismatch", f"record precedes the start at {start.seq}")
            )
            flagged = True
        elif gap:
            last = record.seq - 1
            span = f"seq {expected_seq}" if last == expected_seq else f"seq {expected_seq}..{last}"
            report.problems.append(
                Problem(expected_seq, "deleted", f"{span} missing (gap before seq {record.seq})")
            )
        if not hasher.valid(record):
            flagged = True
            original = _original_seq(record, start, hasher, lookup)
            if original is not None and original != record.seq:
                report.problems.append(
                    Problem(
                        record.seq,
                        "reordered",
                        f"record written as seq {original} is stored as seq {record.seq}",
                    )
                )
            else:
                report.problems.append(
                    Problem(record.seq, "modified", "content does not match its hash")
                )
        elif record.prev_hash != prev_hash and not gap and not prev_flagged:
            flagged = True
            report.problems.append(
                Problem(
                    record.seq,
                    "chain mismatch",
                    f"prev_hash does not match the hash of seq {expected_seq - 1}",
                )
            )
        prev_flagged = flagged
        prev_hash = record.hash
        expected_seq = record.seq + 1
        report.head_seq, report.head_hash = record.seq, record.hash
        if len(report.problems) >= MAX_PROBLEMS:
            return report
    if recorded_head is not None:
        if recorded_head.seq > report.head_seq:
            first, last = report.head_seq + 1, recorded_head.seq
            span = f"seq {first}" if first == last else f"seq {first}..{last}"
            report.problems.append(
                Problem(first, "deleted", f"{span} missing at the end (head was seq {last})")
            )
        elif recorded_head.seq == report.head_seq and recorded_head.hash != report.head_hash:
            if not prev_flagged:
                report.problems.append(
                    Problem(report.head_seq, "head", "the recorded head hash differs")
                )
    return report


class _BudgetedLookup:
    """find_by_hash with a cap on lookups and a memo of original seqs already worked out."""

    def __init__(self, find_by_hash: Callable[[str], AuditRecord | None]) -> None:
        self._find = find_by_hash
        self._left = MAX_LOOKUPS
        # record hash -> the seq it was written with (None: could not be worked out)
        self.original: dict[str, int | None] = {}

    def __call__(self, digest: str) -> AuditRecord | None:
        if self._left <= 0:
            return None
        self._left -= 1
        return self._find(digest)


def _original_seq(
    record: AuditRecord, start: ChainStart, hasher: Hasher, lookup: _BudgetedLookup
) -> int | None:
    """The seq a record was written with, found by following prev_hash links backwards."""
    chain: list[AuditRecord] = [record]
    base: int | None = None
    current = record
    for _ in range(MAX_WALK_BACK):
        if current.prev_hash == start.hash:
            base = start.seq
            break
        if current.prev_hash in lookup.original:
            base = lookup.original[current.prev_hash]
            break
        previous = lookup(current.prev_hash)
        if previous is None:
            break
        if hasher.valid(previous):
            base = previous.seq
            break
        chain.append(previous)
        current = previous
    seq = base
    for item in reversed(chain):
        if seq is not None:
            seq = seq + 1 if hasher.valid(item, seq + 1) else None
        lookup.original[item.hash] = seq
    return seq
