"""`bastion simulate esphome --config device.yaml`: run a simulated ESPHome device locally.

Registered through the `bastion.cli` entry point group:
`esphome = "integrations.esphome.cli:register"`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import random
import signal
import sys
from pathlib import Path
from typing import Any

from .simulator.config_file import SimulatorConfigError, load_device
from .simulator.device import SimulatedDevice

Handler = Any


def register(subparsers: argparse._SubParsersAction) -> dict[str, Handler]:  # type: ignore[type-arg]
    """Add `simulate esphome`; returns the command handlers for hub.cli."""
    simulate = subparsers.add_parser("simulate", help="run simulated devices (no hardware)")
    kinds = simulate.add_subparsers(dest="simulator", required=True)
    esphome = kinds.add_parser("esphome", help="a simulated ESPHome device (native API)")
    esphome.add_argument("--config", required=True, type=Path, help="device YAML file")
    esphome.add_argument("--host", help="address to listen on (default: from the file)")
    esphome.add_argument("--port", type=int, help="port (default: from the file)")
    esphome.add_argument(
        "--wiggle",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="every SECONDS, change sensor and binary_sensor states (to see updates flow)",
    )
    return {"simulate": run_simulate}


def run_simulate(args: argparse.Namespace) -> int:
    try:
        device = load_device(args.config)
    except SimulatorConfigError as err:
        print(err, file=sys.stderr)
        return 2
    if args.host:
        device.config.host = args.host
    if args.port is not None:
        device.port = args.port
    try:
        asyncio.run(serve(device, args.wiggle))
    except OSError as err:
        print(f"Cannot listen on {device.config.host}:{device.port}: {err}", file=sys.stderr)
        return 1
    return 0


async def serve(device: SimulatedDevice, wiggle: float) -> None:
    """Serve until interrupted."""
    await device.start()
    mode = "encrypted (Noise)" if device.config.encryption_key else "PLAINTEXT"
    print(
        f"Simulated ESPHome device {device.config.name!r} on "
        f"{device.config.host}:{device.port}, {mode}. Ctrl-C stops it.",
        flush=True,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(wiggle if wiggle > 0 else None):
                    await stop.wait()
            if wiggle > 0 and not stop.is_set():
                change_something(device)
    finally:
        await device.stop()


def change_something(device: SimulatedDevice, rng: random.Random | None = None) -> None:
    """Flip one binary sensor and nudge every numeric sensor (demo traffic)."""
    rng = rng or random.Random()
    binaries = [e for e in device.entities.values() if e.platform == "binary_sensor"]
    if binaries:
        entity = rng.choice(binaries)
        device.set_state(entity.object_id, not entity.state.get("state", False))
    for entity in device.entities.values():
        if entity.platform == "sensor":
            value = float(entity.state.get("state", 0.0))
            value = value if math.isfinite(value) else 0.0
            device.set_state(entity.object_id, round(value + rng.uniform(-0.5, 0.5), 2))


def main(argv: list[str] | None = None) -> int:
    """Standalone entry (`python -m integrations.esphome.cli simulate esphome ...`)."""
    parser = argparse.ArgumentParser(prog="bastion")
    handlers = register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(handlers[args.command](args))


if __name__ == "__main__":
    sys.exit(main())
