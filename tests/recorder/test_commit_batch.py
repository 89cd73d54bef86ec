"""A burst is committed once `commit_batch` items are queued, without waiting for the interval."""

from __future__ import annotations

import asyncio

from hub.recorder import RecorderConfig

from .conftest import Factory


def test_commit_batch_option() -> None:
    assert RecorderConfig.from_yaml({}).commit_batch == 1000
    assert RecorderConfig.from_yaml({"commit_batch": "50"}).commit_batch == 50


async def test_burst_commits_before_the_interval(make_recorder: Factory) -> None:
    h = await make_recorder(commit_interval=3600, commit_batch=10)
    for i in range(30):
        h.set("sensor.burst", i)
    # The writer thread runs on real time: poll the database (no flush), far short of the 1 h
    # interval, until at least one full batch is committed; a remainder below the batch size
    # may wait for the interval, so the flush below brings the rest.
    async with asyncio.timeout(20):
        while h.sql("SELECT count(*) FROM states")[0][0] < 10:  # noqa: ASYNC110 - a thread
            await asyncio.sleep(0.01)
    assert h.recorder.status()["commits"] >= 1
    await h.recorder.flush()
    assert h.sql("SELECT count(*) FROM states")[0][0] == 30


async def test_below_batch_waits_for_flush(make_recorder: Factory) -> None:
    h = await make_recorder(commit_interval=3600, commit_batch=1000)
    for i in range(5):
        h.set("sensor.quiet", i)
    assert h.recorder.status()["backlog"] == 5
    await h.recorder.flush()
    assert h.sql("SELECT count(*) FROM states")[0][0] == 5
