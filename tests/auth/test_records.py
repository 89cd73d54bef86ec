"""Versioned record sets: newer revision wins, deletions win ties, tombstones expire."""

from __future__ import annotations

from hub.auth.records import TOMBSTONE_TTL, RecordSet, Revisions
from hub.clock import FakeClock


def _pair(clock: FakeClock, *, final: bool) -> tuple[RecordSet[str], RecordSet[str]]:
    return (
        RecordSet(Revisions(clock), final_deletes=final),
        RecordSet(Revisions(clock), final_deletes=final),
    )


def _copy(source: RecordSet[str], clock: FakeClock, *, final: bool) -> RecordSet[str]:
    copy: RecordSet[str] = RecordSet(Revisions(clock), final_deletes=final)
    copy.decode(source.encode(str), str)
    return copy


async def test_newer_edit_wins_both_ways(clock: FakeClock) -> None:
    hub, _ = _pair(clock, final=False)
    hub["role"] = "old"
    cli = _copy(hub, clock, final=False)
    await clock.advance(1)
    cli["role"] = "new"
    assert hub.merge(_copy(cli, clock, final=False))
    assert hub["role"] == "new"
    assert not cli.merge(_copy(hub, clock, final=False))  # nothing newer there
    assert cli["role"] == "new"


async def test_deletion_wins_a_tie_and_final_deletion_wins_always(clock: FakeClock) -> None:
    for final in (False, True):
        hub, _ = _pair(clock, final=final)
        hub["x"] = "v"
        cli = _copy(hub, clock, final=final)
        del cli["x"]
        hub["x"] = "edited"  # same revision as the deletion (the clock did not move)
        assert hub.revision("x") == cli.tombstones["x"].rev
        hub.merge(_copy(cli, clock, final=final))
        assert "x" not in hub
        if final:
            assert "x" not in hub
            hub["x"] = "again"  # even a new assignment loses to the next merge
            hub.merge(_copy(cli, clock, final=final))
            assert "x" not in hub


async def test_recreated_after_deletion_is_kept(clock: FakeClock) -> None:
    hub, _ = _pair(clock, final=False)
    hub["guest"] = "v1"
    cli = _copy(hub, clock, final=False)
    del cli["guest"]
    hub.merge(_copy(cli, clock, final=False))
    assert "guest" not in hub
    await clock.advance(1)
    hub["guest"] = "v2"
    cli.merge(_copy(hub, clock, final=False))
    assert cli["guest"] == "v2"


async def test_tombstones_are_pruned_after_ttl(clock: FakeClock) -> None:
    records, _ = _pair(clock, final=True)
    records["t"] = "token"
    del records["t"]
    records.prune(clock.timestamp())
    assert "t" in records.tombstones
    await clock.advance(TOMBSTONE_TTL.total_seconds() + 1)
    records.prune(clock.timestamp())
    assert records.tombstones == {}
