"""Child process for the kill -9 test: records states forever, reporting what is flushed."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from hub.clock import Clock
from hub.events import EventBus
from hub.recorder import Recorder, RecorderConfig
from hub.states import StateMachine


async def main(config_dir: Path) -> None:
    clock = Clock()
    bus = EventBus(clock)
    states = StateMachine(bus, clock)
    recorder = Recorder(bus, states, clock, RecorderConfig(commit_interval=0.02), config_dir)
    await recorder.start()
    i = 0
    while True:
        for _ in range(50):
            i += 1
            states.set("sensor.counter", str(i), {"i": i % 7})
        await recorder.flush()
        print(f"FLUSHED {i}", flush=True)
        await asyncio.sleep(0.005)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
