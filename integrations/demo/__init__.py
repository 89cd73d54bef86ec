"""demo: the Bastion Demo Office, a simulated small office that needs no hardware.

Configuration::

    demo:
      simulate: true   # move sensors on a realistic office-day schedule
      interval: 60     # seconds of clock time between simulation steps
      seed: 7          # optional, for a reproducible day
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import voluptuous as vol

from hub.context import Context
from hub.errors import ValidationError
from hub.integration import IntegrationContext
from hub.services import ServiceCall

from .access import RfidReader
from .devices import ensure_areas
from .office import Office
from .sensors import DemoBinarySensor, DemoSensor
from .simulation import Simulation

DOMAIN = "demo"
EVENT_TAG_SCANNED = "tag_scanned"

CONFIG_SCHEMA = vol.All(
    lambda value: {} if value is None else value,
    vol.Schema(
        {
            vol.Optional("simulate", default=True): vol.Boolean(),
            vol.Optional("interval", default=60.0): vol.All(
                vol.Coerce(float), vol.Range(min=1, max=3600)
            ),
            vol.Optional("seed"): vol.Coerce(int),
        }
    ),
)

SET_SENSOR_SCHEMA = vol.Schema(
    {
        vol.Required("entity_id"): vol.All(str, vol.Length(max=255)),
        vol.Required("state"): vol.All(vol.Coerce(str), vol.Length(min=1, max=64)),
    }
)
SCAN_TAG_SCHEMA = vol.Schema(
    {
        vol.Required("tag_id"): vol.All(vol.Coerce(str), vol.Length(min=1, max=128)),
        vol.Optional("reader", default="front"): vol.All(str, vol.Length(max=255)),
    }
)


async def setup(ctx: IntegrationContext, config: dict[str, Any]) -> None:
    """Create the office's areas, devices and entities, its services and its simulation."""
    ensure_areas(ctx)
    office = Office.build(ctx.clock)
    await ctx.add_entities(office.entities())

    def set_sensor(call: ServiceCall) -> None:
        entity_id, value = call.data["entity_id"], call.data["state"]
        entity = ctx.entity(entity_id)
        if not isinstance(entity, DemoBinarySensor | DemoSensor):
            raise ValidationError(f"{entity_id} is not a simulated demo sensor")
        entity.force()
        if value == "unavailable":
            entity.set_available(False)
            return
        entity.set_available(True)
        entity.set_from_text(value)

    def scan_tag(call: ServiceCall) -> None:
        wanted = call.data["reader"]
        reader = office.readers.get(wanted) or next(
            (r for r in office.readers.values() if r.entity_id == wanted), None
        )
        if reader is None:
            choices = ", ".join(office.readers)
            raise ValidationError(f"Unknown reader {wanted!r}; use one of {choices}")
        scan(reader, call.data["tag_id"], call.context)

    def scan(reader: RfidReader, tag_id: str, context: Context | None = None) -> None:
        """A badge at a reader: the reader's event entity and a Home Assistant `tag_scanned`."""
        reader.trigger_event("tag_scanned", {"tag_id": tag_id})
        entry = ctx.registries.entities.get(reader.entity_id)
        device_id = entry.device_id if entry is not None else None
        ctx.fire(EVENT_TAG_SCANNED, {"tag_id": tag_id, "device_id": device_id}, context)

    ctx.register_service("set_sensor", set_sensor, SET_SENSOR_SCHEMA)
    ctx.register_service("scan_tag", scan_tag, SCAN_TAG_SCHEMA)

    if config["simulate"]:
        tz = getattr(ctx.core, "time_zone", None) or ZoneInfo("UTC")
        simulation = Simulation(office, ctx.clock, tz, config["interval"], config.get("seed"), scan)
        ctx.create_task(simulation.run(), "simulation")
