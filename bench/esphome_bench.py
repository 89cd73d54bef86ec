"""ESPHome benchmark: device-side state change -> hub `state_changed` latency, and how many
simulated devices (20 entities each, every entity updated every second) one hub sustains.

Run: .venv/bin/python bench/esphome_bench.py [--devices 10,50,100] [--seconds 8] [--plaintext]
The simulated devices run in a separate process (their own event loop and core) and talk to a
real hub over 127.0.0.1 with Noise encryption. A device stamps one text sensor with
time.perf_counter() (CLOCK_MONOTONIC, shared across processes) each second; the hub's listener
measures the age of the stamp when its state_changed arrives. Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hub.events import Event
from hub.runtime import Hub
from integrations.esphome.simulator import DeviceConfig, SimulatedDevice

ENTITIES_PER_DEVICE = 20
KEY = base64.b64encode(b"bastion-esphome-benchmark-key-32").decode()
CONNECT_TIMEOUT = 120.0
SUSTAIN_RATIO = 0.98  # received / sent updates
SUSTAIN_P99 = 1.0  # seconds


def device_entities() -> list[dict[str, Any]]:
    entities: list[dict[str, Any]] = [{"platform": "text_sensor", "id": "stamp", "name": "Stamp"}]
    for i in range(ENTITIES_PER_DEVICE - 1):
        if i % 4 == 0:
            entities.append({"platform": "binary_sensor", "id": f"contact_{i}"})
        else:
            entities.append(
                {
                    "platform": "sensor",
                    "id": f"value_{i}",
                    "accuracy_decimals": 2,
                    "unit_of_measurement": "W",
                }
            )
    return entities


# -- device worker (child process) -----------------------------------------------------------
async def run_devices(count: int, plaintext: bool) -> None:
    sims = []
    for i in range(count):
        config = DeviceConfig(
            name=f"bench-{i}",
            friendly_name=f"Bench {i}",
            mac_address=f"02:00:00:00:{i // 256:02x}:{i % 256:02x}",
            port=0,
            encryption_key=None if plaintext else KEY,
            entities=device_entities(),
        )
        sim = SimulatedDevice(config)
        await sim.start()
        sims.append(sim)
    print(json.dumps([s.port for s in sims]), flush=True)
    sent = 0

    async def drive(sim: SimulatedDevice) -> None:
        nonlocal sent
        await asyncio.sleep(random.random())  # spread devices over the second
        flip = False
        while True:
            flip = not flip
            for entity in list(sim.entities.values())[1:]:
                if entity.platform == "binary_sensor":
                    sim.set_state(entity.object_id, flip)
                else:
                    sim.set_state(entity.object_id, round(random.uniform(0, 1000), 2))
            sim.set_state("stamp", repr(time.perf_counter()))
            sent += ENTITIES_PER_DEVICE
            await asyncio.sleep(1.0)

    tasks = [asyncio.create_task(drive(s)) for s in sims]
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = (await reader.readline()).decode().strip()
        if line == "count":
            print(json.dumps({"sent": sent}), flush=True)
        else:  # "stop" or EOF
            break
    for task in tasks:
        task.cancel()
    for sim in sims:
        await sim.stop()


# -- hub side ---------------------------------------------------------------------------------
async def measure(count: int, seconds: float, plaintext: bool) -> dict[str, Any]:
    worker = await asyncio.create_subprocess_exec(
        sys.executable,
        __file__,
        "--worker",
        str(count),
        *(["--plaintext"] if plaintext else []),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    assert worker.stdout is not None and worker.stdin is not None
    ports = json.loads(await worker.stdout.readline())
    with tempfile.TemporaryDirectory() as tmp:
        config_dir = Path(tmp)
        lines = ["esphome:", "  discovery: false", "  devices:"]
        for port in ports:
            lines.append(f"    - host: 127.0.0.1\n      port: {port}")
            lines.append("      allow_plaintext: true" if plaintext else f"      noise_psk: {KEY}")
        (config_dir / "configuration.yaml").write_text("\n".join(lines) + "\n")
        hub = Hub(config_dir)
        await hub.start()
        latencies: list[float] = []
        received = [0]
        measuring = [False]

        def on_change(event: Event) -> None:
            entity_id = event.data["entity_id"]
            if not measuring[0] or not entity_id.startswith(
                ("sensor.bench", "binary_sensor.bench")
            ):
                return
            received[0] += 1
            if entity_id.endswith("_stamp"):
                new = event.data["new_state"]
                try:
                    latencies.append(time.perf_counter() - float(new.state))
                except ValueError:
                    pass

        hub.bus.listen("state_changed", on_change)
        stamps = [f"sensor.bench_{i}_stamp" for i in range(count)]
        deadline = time.monotonic() + CONNECT_TIMEOUT
        while not all(
            (s := hub.states.get(e)) and s.state not in ("unavailable", "unknown") for e in stamps
        ):
            if time.monotonic() > deadline:
                raise TimeoutError(f"not all {count} devices connected")
            await asyncio.sleep(0.2)
        await asyncio.sleep(1.5)  # settle
        worker.stdin.write(b"count\n")
        sent_before = json.loads(await worker.stdout.readline())["sent"]
        cpu0, wall0 = time.process_time(), time.perf_counter()
        measuring[0] = True
        await asyncio.sleep(seconds)
        measuring[0] = False
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        worker.stdin.write(b"count\n")
        sent = json.loads(await worker.stdout.readline())["sent"] - sent_before
        await hub.stop()
    worker.stdin.write(b"stop\n")
    await worker.wait()
    latencies.sort()

    def p(q: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000, 2)

    ratio = received[0] / sent if sent else 0.0
    result = {
        "devices": count,
        "entities": count * ENTITIES_PER_DEVICE,
        "updates_sent_per_s": round(sent / wall),
        "state_changes_per_s": round(received[0] / wall),
        "received_ratio": round(ratio, 3),
        "latency_p50_ms": p(0.50) if latencies else None,
        "latency_p99_ms": p(0.99) if latencies else None,
        "latency_mean_ms": round(statistics.fmean(latencies) * 1000, 2) if latencies else None,
        "hub_cpu_percent": round(100 * cpu / wall, 1),
    }
    result["sustained"] = bool(
        ratio >= SUSTAIN_RATIO and latencies and latencies[int(0.99 * len(latencies))] < SUSTAIN_P99
    )
    return result


async def main_async(args: argparse.Namespace) -> None:
    results = []
    for count in [int(c) for c in args.devices.split(",")]:
        result = await measure(count, args.seconds, args.plaintext)
        print(json.dumps(result), flush=True)
        results.append(result)
        if not result["sustained"]:
            break
    sustained = [r["devices"] for r in results if r["sustained"]]
    print(
        json.dumps(
            {
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "encryption": "plaintext" if args.plaintext else "noise",
                "max_sustained_devices_tested": max(sustained) if sustained else 0,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--devices", default="10,50,100,200")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--plaintext", action="store_true")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        asyncio.run(run_devices(args.worker, args.plaintext))
    else:
        asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
