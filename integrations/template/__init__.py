"""template: sensors and binary sensors whose state, icon and attributes are templates."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from automations import schemas
from automations.shared import shared_for
from hub.config import validation as cv
from hub.integration import IntegrationContext

from .entities import TemplateBinarySensor, TemplateSensor

_COMMON = {
    vol.Optional("name"): cv.string,
    vol.Optional("unique_id"): vol.Coerce(str),
    vol.Optional("icon"): cv.template,
    vol.Optional("availability"): cv.template,
    vol.Optional("attributes"): {str: cv.template},
    vol.Optional("device_class"): str,
}
SENSOR = vol.Schema(
    {
        **_COMMON,
        vol.Required("state"): cv.template,
        vol.Optional("unit_of_measurement"): str,
        vol.Optional("state_class"): str,
    }
)
BINARY_SENSOR = vol.Schema(
    {
        **_COMMON,
        vol.Required("state"): cv.template,
        vol.Optional("delay_on"): cv.positive_time_period,
        vol.Optional("delay_off"): cv.positive_time_period,
    }
)


def _block(value: Any) -> dict[str, Any]:
    if isinstance(value, dict) and "trigger" in value and "triggers" not in value:
        value = {**value, "triggers": value["trigger"]}
        del value["trigger"]
    return vol.Schema(
        {
            vol.Optional("triggers"): schemas.triggers,
            vol.Optional("unique_id"): vol.Coerce(str),
            vol.Optional("sensor"): vol.All(cv.ensure_list, [SENSOR]),
            vol.Optional("binary_sensor"): vol.All(cv.ensure_list, [BINARY_SENSOR]),
        }
    )(value)


CONFIG_SCHEMA = vol.All(cv.ensure_list, [_block])


async def setup(ctx: IntegrationContext, config: list[dict[str, Any]]) -> bool:
    shared = await shared_for(ctx)
    host = shared.host(ctx)
    entities: list[Any] = []
    for block in config or []:
        triggers = block.get("triggers")
        for item in block.get("sensor", []):
            entities.append(TemplateSensor(host, item, triggers))
        for item in block.get("binary_sensor", []):
            entities.append(TemplateBinarySensor(host, item, triggers))
    await ctx.add_entities(entities)
    return True
