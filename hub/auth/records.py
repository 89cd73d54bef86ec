"""Versioned record sets: every record carries a revision and deletions leave tombstones.

Two processes (the running hub and the `bastion` CLI) edit the same auth file. Each keeps
its own copy and merges the file's copy into it before writing and whenever the file changes:
per record the higher revision wins, and a deletion beats any record not newer than it (for
ids that are never reused, such as token and user ids, a deletion beats everything).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from hub.clock import Clock

# A deletion is remembered this long, so a copy that still holds the record cannot bring it
# back; every process re-reads the file within seconds, so this is a very wide margin.
TOMBSTONE_TTL = timedelta(days=30)


class Revisions:
    """A hybrid logical clock: revisions follow wall time (ms) and never go backwards."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._last = 0

    def next(self) -> int:
        """A revision newer than every one issued or observed so far."""
        self._last = max(self._last + 1, int(self.clock.timestamp() * 1000))
        return self._last

    def observe(self, revision: int) -> None:
        """Note a revision written elsewhere, so our next edit is ordered after it."""
        self._last = max(self._last, revision)


@dataclass(frozen=True, slots=True)
class Tombstone:
    """A deletion: its revision and when it happened (POSIX seconds, for pruning)."""

    rev: int
    at: float


class RecordSet[T](MutableMapping[str, T]):
    """A dict whose every assignment takes a new revision and every deletion a tombstone.

    `final_deletes=True` is for ids that are never reused: once deleted, always deleted.
    """

    def __init__(self, revisions: Revisions, *, final_deletes: bool) -> None:
        self._revisions = revisions
        self._final = final_deletes
        self._values: dict[str, T] = {}
        self._revs: dict[str, int] = {}
        self.tombstones: dict[str, Tombstone] = {}

    def __getitem__(self, key: str) -> T:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def __setitem__(self, key: str, value: T) -> None:
        self._values[key] = value
        self._revs[key] = self._revisions.next()
        self.tombstones.pop(key, None)

    def __delitem__(self, key: str) -> None:
        del self._values[key]
        del self._revs[key]
        self.tombstones[key] = Tombstone(self._revisions.next(), self._revisions.clock.timestamp())

    def revision(self, key: str) -> int | None:
        """The revision of a live record, or None."""
        return self._revs.get(key)

    def touch(self, key: str, value: T) -> None:
        """Replace a live record keeping its revision: upkeep that loses to any real edit."""
        if key not in self._values:
            raise KeyError(key)
        self._values[key] = value

    def put(self, key: str, value: T, rev: int) -> None:
        """Place a record with a known revision (decoding); does not issue a revision."""
        self._values[key] = value
        self._revs[key] = rev
        self._revisions.observe(rev)

    def bury(self, key: str, stone: Tombstone) -> None:
        """Place a known tombstone (decoding)."""
        self.tombstones[key] = stone
        self._revisions.observe(stone.rev)

    def merge(self, other: RecordSet[T]) -> bool:
        """Take from `other` each record or deletion newer than ours; True if ours changed."""
        changed = False
        for key, stone in other.tombstones.items():
            self._revisions.observe(stone.rev)
            local_rev = self._revs.get(key)
            if local_rev is not None:
                if not self._final and local_rev > stone.rev:
                    continue  # re-created here after that deletion
                del self._values[key]
                del self._revs[key]
                changed = True
            mine = self.tombstones.get(key)
            if mine is None or stone.rev > mine.rev:
                self.tombstones[key] = stone
        for key, value in other._values.items():
            rev = other._revs[key]
            self._revisions.observe(rev)
            stone = self.tombstones.get(key)
            if stone is not None and (self._final or stone.rev >= rev):
                continue  # deleted here (or elsewhere) after that version
            local_rev = self._revs.get(key)
            if local_rev is None or rev > local_rev:
                self._values[key] = value
                self._revs[key] = rev
                self.tombstones.pop(key, None)
                changed = True
        return changed

    def prune(self, now: float) -> None:
        """Forget deletions older than TOMBSTONE_TTL."""
        horizon = now - TOMBSTONE_TTL.total_seconds()
        for key in [key for key, stone in self.tombstones.items() if stone.at < horizon]:
            del self.tombstones[key]

    def encode(self, encode_value: Callable[[T], Any]) -> dict[str, Any]:
        """The stored form: `{records: {id: {rev, value}}, tombstones: {id: {rev, at}}}`."""
        return {
            "records": {
                key: {"rev": self._revs[key], "value": encode_value(value)}
                for key, value in self._values.items()
            },
            "tombstones": {
                key: {"rev": stone.rev, "at": stone.at} for key, stone in self.tombstones.items()
            },
        }

    def decode(self, data: dict[str, Any], decode_value: Callable[[Any], T]) -> None:
        """Fill from the stored form (this set should be empty)."""
        for key, item in data.get("records", {}).items():
            self.put(key, decode_value(item["value"]), int(item["rev"]))
        for key, item in data.get("tombstones", {}).items():
            self.bury(key, Tombstone(int(item["rev"]), float(item["at"])))
