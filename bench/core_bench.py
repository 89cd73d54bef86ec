"""Core micro-benchmark: state writes/s and event dispatches/s (10,000 entities, 1,000 listeners).

Run: .venv/bin/python bench/core_bench.py [--entities N] [--listeners N] [--seconds S]
Not a test: it reports numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import time
from typing import Any

from hub.events import Event, EventBus
from hub.states import StateMachine


def bench_state_writes(entities: int, listeners: int, seconds: float) -> dict[str, Any]:
    bus = EventBus()
    states = StateMachine(bus)
    ids = [f"sensor.s{i}" for i in range(entities)]
    hits = [0]

    def on_change(event: Event) -> None:
        hits[0] += 1

    # 1,000 entity-indexed listeners (like 1,000 state-trigger automations) ...
    for eid in ids[:listeners]:
        bus.listen_entities("state_changed", [eid], on_change)
    # ... plus one match-all subscriber (like a websocket client or the recorder).
    bus.listen("state_changed", lambda e: None)
    for eid in ids:
        states.set(eid, "0")
    writes = 0
    value = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        value += 1
        text = str(value)
        for eid in ids[:1000]:
            states.set(eid, text, {"unit_of_measurement": "W"})
        writes += 1000
    elapsed = time.perf_counter() - start
    return {
        "state_writes_per_s": round(writes / elapsed),
        "listener_calls": hits[0],
        "entities": entities,
        "indexed_listeners": listeners,
    }


def bench_dispatch(listeners: int, seconds: float) -> dict[str, Any]:
    bus = EventBus()
    for i in range(listeners):
        bus.listen(f"type_{i}", lambda e: None)
    bus.listen("hot", lambda e: None)
    fired = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for _ in range(1000):
            bus.fire("hot", {"n": 1})
        fired += 1000
    elapsed = time.perf_counter() - start
    return {"event_dispatches_per_s": round(fired / elapsed), "other_event_types": listeners}


def bench_json(seconds: float) -> dict[str, Any]:
    bus = EventBus()
    states = StateMachine(bus)
    attrs = {"unit_of_measurement": "°C", "device_class": "temperature", "friendly_name": "T"}
    made = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for i in range(1000):
            states.set("sensor.t", str(made + i), attrs).json()
        made += 1000
    elapsed = time.perf_counter() - start
    return {"state_set_plus_json_per_s": round(made / elapsed)}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--listeners", type=int, default=1_000)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()
    result = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        **bench_state_writes(args.entities, args.listeners, args.seconds),
        **bench_dispatch(args.listeners, args.seconds),
        **bench_json(args.seconds),
    }
    if args.json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        print(f"{key:>28}: {value}")


if __name__ == "__main__":
    asyncio.run(main())
