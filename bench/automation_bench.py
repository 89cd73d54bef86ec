"""Automation engine benchmark: 1,000 automations on 1,000 entities, in-process, real clock.

Reports trigger→action latency (state write → service handler entered), p50/p99, and the
sustained rate of automation runs per second. Run: .venv/bin/python bench/automation_bench.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from automations import api
from hub.runtime import Hub
from hub.services import ServiceCall

AUTOMATIONS = 1000
LATENCY_SAMPLES = 2000
SUSTAINED_RUNS = 20000


def config(n: int) -> str:
    lines = ["automation:"]
    for i in range(n):
        lines += [
            f"  - id: bench_{i}",
            f"    alias: Bench {i}",
            "    mode: parallel",
            "    max: 1000",
            "    triggers:",
            "      - trigger: state",
            f"        entity_id: sensor.bench_{i}",
            "    conditions:",
            "      - condition: template",
            '        value_template: "{{ trigger.to_state.state | int(0) >= 0 }}"',
            "    actions:",
            "      - action: bench.hit",
            "        data:",
            '          value: "{{ trigger.to_state.state }}"',
        ]
    return "\n".join(lines) + "\n"


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        config_dir = Path(tmp)
        (config_dir / "configuration.yaml").write_text(config(AUTOMATIONS))
        hub = Hub(config_dir)
        started = time.perf_counter()
        await hub.start()
        load_s = time.perf_counter() - started
        hits: list[float] = []
        done = asyncio.Event()
        target = {"n": 0}

        async def hit(call: ServiceCall) -> None:
            hits.append(time.perf_counter())
            if len(hits) >= target["n"]:
                done.set()

        hub.services.register("bench", "hit", hit)

        # latency: one change at a time, wait for its action
        latencies = []
        for i in range(LATENCY_SAMPLES):
            target["n"] = len(hits) + 1
            done.clear()
            t0 = time.perf_counter()
            hub.states.set(f"sensor.bench_{i % AUTOMATIONS}", str(i))
            await done.wait()
            latencies.append((hits[-1] - t0) * 1000)
        latencies.sort()
        p50 = statistics.median(latencies)
        p99 = latencies[int(len(latencies) * 0.99) - 1]

        # sustained: write changes as fast as possible, count completed runs
        hits.clear()
        target["n"] = SUSTAINED_RUNS
        done.clear()
        t0 = time.perf_counter()
        for i in range(SUSTAINED_RUNS):
            hub.states.set(f"sensor.bench_{i % AUTOMATIONS}", str(i + LATENCY_SAMPLES))
            if i % 200 == 199:
                await asyncio.sleep(0)
        await done.wait()
        elapsed = time.perf_counter() - t0
        evaluations = api.stats(hub).trigger_evaluations
        await hub.stop()
    print(f"automations loaded: {AUTOMATIONS} in {load_s:.2f} s")
    print(
        f"trigger->action latency: p50 {p50:.3f} ms, p99 {p99:.3f} ms ({LATENCY_SAMPLES} samples)"
    )
    print(f"sustained: {SUSTAINED_RUNS / elapsed:,.0f} automation runs/s ({SUSTAINED_RUNS} runs)")
    print(f"trigger evaluations: {evaluations} for {LATENCY_SAMPLES + SUSTAINED_RUNS} changes")


if __name__ == "__main__":
    asyncio.run(main())
