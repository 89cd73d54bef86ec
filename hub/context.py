"""Context: the provenance (who, caused by what) carried by every event, state and call."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def ulid() -> str:
    """Return a new 26-character ULID (time-ordered, 80 random bits)."""
    value = (int(time.time() * 1000) << 80) | int.from_bytes(os.urandom(10), "big")
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "".join(reversed(chars))


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
