"""API benchmark: REST writes/s, websocket fan-out events/s, and call→state latency.

Runs a real hub with the HTTP server on 127.0.0.1 and drives it with aiohttp clients in the
same process (so figures are a lower bound: clients and hub share one core's event loop).

    .venv/bin/python bench/api_bench.py [--seconds 3] [--clients 50] [--events 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import argon2

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hub.api import HttpConfig, HttpServer
from hub.auth import AuthManager, UserRole
from hub.runtime import Hub

WRITERS = 16


async def _ws(
    session: aiohttp.ClientSession, url: str, token: str
) -> aiohttp.ClientWebSocketResponse:
    ws = await session.ws_connect(url + "api/websocket", max_msg_size=0)
    await ws.receive_json()
    await ws.send_json({"type": "auth", "access_token": token})
    assert (await ws.receive_json())["type"] == "auth_ok"
    return ws


async def rest_writes(
    session: aiohttp.ClientSession, url: str, token: str, seconds: float
) -> float:
    headers = {"Authorization": f"Bearer {token}"}
    deadline = time.perf_counter() + seconds
    count = 0

    async def writer(n: int) -> None:
        nonlocal count
        i = 0
        while time.perf_counter() < deadline:
            async with session.post(
                f"{url}api/states/sensor.bench_{n}", json={"state": i}, headers=headers
            ) as resp:
                assert resp.status in (200, 201)
            i += 1
            count += 1

    start = time.perf_counter()
    await asyncio.gather(*(writer(n) for n in range(WRITERS)))
    return count / (time.perf_counter() - start)


async def fan_out(hub: Hub, session: aiohttp.ClientSession, url: str, token: str,
                  clients: int, events: int) -> float:  # fmt: skip
    sockets = [await _ws(session, url, token) for _ in range(clients)]
    for ws in sockets:
        await ws.send_json({"id": 1, "type": "subscribe_entities", "entity_ids": ["sensor.fan"]})
    for ws in sockets:  # result + initial
        await ws.receive_json()
    hub.states.set("sensor.fan", "-1")

    async def drain(ws: aiohttp.ClientWebSocketResponse) -> None:
        seen = 0
        while seen < events:
            msg = await ws.receive_json(timeout=60)
            if msg.get("type") == "event" and "c" in msg["event"]:
                seen += 1

    for ws in sockets:
        await ws.receive_json()  # the "a" for the first set (entity was added)
    start = time.perf_counter()
    readers = [asyncio.create_task(drain(ws)) for ws in sockets]
    for i in range(events):
        hub.states.set("sensor.fan", str(i))
        if i % 50 == 0:
            await asyncio.sleep(0)
    await asyncio.gather(*readers)
    elapsed = time.perf_counter() - start
    for ws in sockets:
        await ws.close()
    return clients * events / elapsed


async def latency(hub: Hub, session: aiohttp.ClientSession, url: str, token: str,
                  rounds: int) -> list[float]:  # fmt: skip
    """call_service over websocket → handler sets a state → client sees the diff."""

    def turn_on(call):  # type: ignore[no-untyped-def]
        hub.states.set("light.bench", call.data.get("n", "0"), context=call.context)

    hub.services.register("bench", "set", turn_on)
    ws = await _ws(session, url, token)
    await ws.send_json({"id": 1, "type": "subscribe_entities", "entity_ids": ["light.bench"]})
    await ws.receive_json()
    samples = []
    for i in range(rounds):
        msg_id = i + 2
        start = time.perf_counter()
        await ws.send_json(
            {"id": msg_id, "type": "call_service", "domain": "bench", "service": "set",
             "service_data": {"n": str(i)}}
        )  # fmt: skip
        while True:
            msg = await ws.receive_json(timeout=10)
            if msg.get("type") == "event" and msg["id"] == 1:
                samples.append((time.perf_counter() - start) * 1000)
                break
    await ws.close()
    return samples


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        auth = AuthManager(
            tmp, password_hasher=argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
        )
        await auth.load()
        hub = Hub(tmp)
        server = HttpServer(HttpConfig(server_host=("127.0.0.1",), server_port=0), auth=auth)
        hub.parts["http"] = server
        await hub.start()
        user = await auth.add_user("bench", "Bench", "bench password 1", role=UserRole.OWNER)
        token = await auth.create_long_lived_token(user, "bench", 1)
        try:
            connector = aiohttp.TCPConnector(limit=0)  # 50 websockets hold connections
            async with aiohttp.ClientSession(connector=connector) as session:
                writes = await rest_writes(session, server.url, token, args.seconds)
                print(f"REST state writes ({WRITERS} connections): {writes:,.0f}/s")
                rate = await fan_out(hub, session, server.url, token, args.clients, args.events)
                print(
                    f"Fan-out to {args.clients} websocket clients: {rate:,.0f} events/s delivered"
                )
                samples = await latency(hub, session, server.url, token, args.rounds)
                samples.sort()
                p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
                print(
                    f"call_service → state diff seen by client: p50 "
                    f"{statistics.median(samples):.2f} ms, p99 {p99:.2f} ms ({len(samples)} rounds)"
                )
        finally:
            await hub.stop()
            await auth.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=300)
    asyncio.run(main(parser.parse_args()))
