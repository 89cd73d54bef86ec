"""Context: the provenance (who, caused by what) carried by every event, state and call."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_PAIRS = tuple(a + b for a in _CROCKFORD for b in _CROCKFORD)  # every 10-bit value, 2 chars


def ulid() -> str:
    """Return a new 26-character ULID (time-ordered, 80 random bits)."""
    return encode_ulid(int(time.time() * 1000), os.urandom(10))


def encode_ulid(milliseconds: int, randomness: bytes) -> str:
    """The ULID of a 48-bit millisecond timestamp and 10 random bytes (Crockford base32).

    Two characters (10 bits) per table lookup: 5 for the time (50 bits, the first 2 zero),
    4 for each 40-bit half of the randomness, which stay small ints (no 128-bit arithmetic).
    """
    t = milliseconds
    hi = int.from_bytes(randomness[:5])
    lo = int.from_bytes(randomness[5:10])
    p = _PAIRS
    return "".join(
        (
            p[(t >> 40) & 1023],
            p[(t >> 30) & 1023],
            p[(t >> 20) & 1023],
            p[(t >> 10) & 1023],
            p[t & 1023],
            p[hi >> 30],
            p[(hi >> 20) & 1023],
            p[(hi >> 10) & 1023],
            p[hi & 1023],
            p[lo >> 30],
            p[(lo >> 20) & 1023],
            p[(lo >> 10) & 1023],
            p[lo & 1023],
        )
    )


@dataclass(frozen=True, slots=True)
class Context:
    """Who caused something (user_id) and what caused it (parent_id)."""

    user_id: str | None = None
    parent_id: str | None = None
    id: str = field(default_factory=ulid)

    def child(self) -> Context:
        """A new context caused by this one, keeping the user."""
        return Context(user_id=self.user_id, parent_id=self.id)

    def as_dict(self) -> dict[str, str | None]:
        """The Home Assistant wire form."""
        return {"id": self.id, "parent_id": self.parent_id, "user_id": self.user_id}
