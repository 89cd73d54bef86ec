"""A protocol-level ESPHome device for tests, benchmarks and `bastion simulate esphome`."""

from .device import DeviceConfig, SimulatedDevice
from .entities import entity_key

__all__ = ["DeviceConfig", "SimulatedDevice", "entity_key"]
