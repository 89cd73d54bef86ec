"""Context ids: 26 Crockford base32 characters, time first, so they sort by creation time."""

from __future__ import annotations

import os
import random
import time

from hub.context import Context, encode_ulid, ulid

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def reference(milliseconds: int, randomness: bytes) -> str:
    """The ULID spec written plainly: 128 bits, most significant first, 5 bits per char."""
    value = (milliseconds << 80) | int.from_bytes(randomness)
    return "".join(CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))


def decode(text: str) -> int:
    value = 0
    for char in text:
        value = value * 32 + CROCKFORD.index(char)
    return value


def test_encoding_matches_the_spec() -> None:
    rng = random.Random(7)
    cases = [(0, bytes(10)), ((1 << 48) - 1, b"\xff" * 10), (1_700_000_000_000, bytes(range(10)))]
    cases += [(rng.getrandbits(48), rng.randbytes(10)) for _ in range(2000)]
    for milliseconds, randomness in cases:
        assert encode_ulid(milliseconds, randomness) == reference(milliseconds, randomness)


def test_format_and_embedded_time() -> None:
    before = int(time.time() * 1000)
    ids = [ulid() for _ in range(1000)]
    after = int(time.time() * 1000)
    assert len(set(ids)) == len(ids)
    for value in ids:
        assert len(value) == 26 and set(value) <= set(CROCKFORD)
        assert value[0] in "01234567"  # 128 bits in 130: the first char holds 3 bits
        assert before <= decode(value) >> 80 <= after


def test_later_milliseconds_sort_after() -> None:
    rng = random.Random(3)
    stamps = sorted({rng.getrandbits(48) for _ in range(500)} | {1023, 1024, 2**20, 2**40 - 1})
    ids = [encode_ulid(ms, os.urandom(10)) for ms in stamps]
    assert ids == sorted(ids)
    # Whatever the randomness, the next millisecond sorts after.
    assert encode_ulid(1024, b"\xff" * 10) < encode_ulid(1025, bytes(10))


def test_contexts_get_fresh_ids() -> None:
    first, second = Context(), Context()
    assert first.id != second.id and len(first.id) == 26
    child = first.child()
    assert child.parent_id == first.id and child.id not in (first.id, second.id)
