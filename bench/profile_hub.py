"""Run `bastion run` with stall instrumentation: GC pauses and event-loop lag, to a JSON file.

    .venv/bin/python bench/profile_hub.py --out /tmp/stalls.json -- run --config DIR

Records every garbage-collection pass (generation, duration, objects collected) and every time
the event loop answered a probe more than --lag-ms late (probe every 10 ms from a watchdog
thread). The summary is written at exit (SIGTERM) and every 5 s. Combine with
`py-spy record --pid <pid>` to see what the loop was doing. Diagnostic only, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import gc
import json
import sys
import threading
import time
from typing import Any

from hub.cli import main as bastion_main

_gc: list[dict[str, Any]] = []
_lag: list[tuple[float, float]] = []
_gc_start: list[float] = [0.0]
_t0 = time.monotonic()


def _on_gc(phase: str, info: dict[str, Any]) -> None:
    if phase == "start":
        _gc_start[0] = time.perf_counter()
        return
    ms = (time.perf_counter() - _gc_start[0]) * 1000
    _gc.append(
        {
            "t": round(time.monotonic() - _t0, 3),
            "gen": info["generation"],
            "ms": round(ms, 2),
            "collected": info["collected"],
            "thread": threading.current_thread().name,
        }
    )


def _watch(loop: asyncio.AbstractEventLoop, lag_ms: float) -> None:
    while not loop.is_closed():
        sent = time.perf_counter()
        done = threading.Event()
        try:
            loop.call_soon_threadsafe(done.set)
        except RuntimeError:
            return
        done.wait(30)
        lag = (time.perf_counter() - sent) * 1000
        if lag > lag_ms:
            _lag.append((round(time.monotonic() - _t0, 3), round(lag, 1)))
        time.sleep(0.01)


def _summary(out: str) -> None:
    by_gen: dict[int, list[float]] = {}
    for g in _gc:
        by_gen.setdefault(g["gen"], []).append(g["ms"])
    data = {
        "uptime_s": round(time.monotonic() - _t0, 1),
        "gc": {
            str(gen): {"n": len(v), "total_ms": round(sum(v), 1), "max_ms": max(v)}
            for gen, v in sorted(by_gen.items())
        },
        "gc_over_20ms": [g for g in _gc if g["ms"] > 20],
        "loop_lag_over_threshold": _lag,
        "gc_counts_now": gc.get_count(),
        "gc_frozen": gc.get_freeze_count(),
    }
    with open(out, "w") as f:
        json.dump(data, f, indent=1)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--lag-ms", type=float, default=30.0)
    p.add_argument("bastion_args", nargs=argparse.REMAINDER)
    args = p.parse_args()
    gc.callbacks.append(_on_gc)
    original = asyncio.events.new_event_loop

    def new_loop() -> asyncio.AbstractEventLoop:
        loop = original()
        threading.Thread(target=_watch, args=(loop, args.lag_ms), daemon=True).start()
        return loop

    asyncio.events.new_event_loop = new_loop  # type: ignore[assignment]

    def periodic() -> None:
        while True:
            time.sleep(5)
            _summary(args.out)

    threading.Thread(target=periodic, daemon=True).start()
    atexit.register(_summary, args.out)
    rest = [a for a in args.bastion_args if a != "--"]
    sys.argv = ["bastion", *rest]
    return bastion_main() or 0


if __name__ == "__main__":
    sys.exit(main())
