"""Back-pressure: a client that stops reading is cut off; the others keep receiving."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import pytest

from .conftest import command

EVENTS = 200
BLOB = "x" * 65536  # large events fill the socket buffers quickly


async def test_slow_client_disconnected_others_continue(
    make_api, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    api = await make_api(ws_max_pending=32)
    slow = await api.ws()
    fast = await api.ws()
    for ws in (slow, fast):
        assert (await command(ws, {"id": 1, "type": "subscribe_events", "event_type": "big"}))[
            "success"
        ]
    received = 0

    async def read_fast() -> None:
        nonlocal received
        while received < EVENTS:
            msg = await fast.receive_json(timeout=10)
            if msg.get("type") == "event":
                received += 1

    reader = asyncio.create_task(read_fast())
    with caplog.at_level(logging.WARNING, logger="hub.api.websocket.connection"):
        for i in range(EVENTS):
            api.hub.bus.fire("big", {"n": i, "blob": BLOB})
            await asyncio.sleep(0.001)
        await asyncio.wait_for(reader, 20)
    assert received == EVENTS
    assert "fell" in caplog.text and "behind" in caplog.text
    # The slow client finds its connection closed once it finally reads.
    closed = False
    try:
        for _ in range(EVENTS + 2):
            msg = await slow.receive(timeout=5)
            if msg.type in (
                aiohttp.WSMsgType.CLOSE,
                aiohttp.WSMsgType.CLOSED,
                aiohttp.WSMsgType.ERROR,
            ):
                closed = True
                break
    except (aiohttp.ClientError, ConnectionError):
        closed = True
    assert closed
    assert len(api.server.api.connections) == 1
