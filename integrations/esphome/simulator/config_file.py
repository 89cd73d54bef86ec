"""Reading a simulated device from a YAML file (the `bastion simulate esphome` input)."""

from __future__ import annotations

from pathlib import Path

import yaml

from .device import DeviceConfig, SimulatedDevice


class SimulatorConfigError(Exception):
    """The device YAML is unreadable or describes something the simulator cannot play."""


def load_device(path: Path) -> SimulatedDevice:
    """Parse and validate a device YAML file into a (not yet started) simulated device."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise SimulatorConfigError(f"Cannot read {path}: {err}") from err
    if not isinstance(data, dict):
        raise SimulatorConfigError(f"{path}: expected a mapping of device settings")
    for spec in data.get("entities") or []:
        # A camera's `image:` file is relative to the device YAML.
        if isinstance(spec, dict) and isinstance(spec.get("image"), str):
            spec["image"] = str(path.parent / spec["image"])
    try:
        return SimulatedDevice(DeviceConfig.from_mapping(data))
    except (KeyError, TypeError, ValueError, OSError) as err:
        raise SimulatorConfigError(f"{path}: {err}") from err
