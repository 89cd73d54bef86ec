"""input_number: numeric helpers (slider or box) defined in YAML, restored across restarts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.entity_host import EntityService
from hub.errors import ValidationError
from hub.integration import IntegrationContext
from hub.states import State
from integrations.homeassistant.yaml_entities import YamlEntity, setup_yaml_entities, slug_keyed

DOMAIN = "input_number"
MODES = ("box", "slider")


def _check_range(conf: dict[str, Any]) -> dict[str, Any]:
    minimum, maximum = conf["min"], conf["max"]
    if minimum >= maximum:
        raise vol.Invalid(f"maximum ({maximum}) is not greater than minimum ({minimum})")
    initial = conf.get("initial")
    if initial is not None and not minimum <= initial <= maximum:
        raise vol.Invalid(f"initial value {initial} not in range {minimum}-{maximum}")
    return conf


ENTRY_SCHEMA = vol.All(
    vol.Schema(
        {
            vol.Optional("name"): vol.Any(cv.string, None),
            vol.Required("min"): vol.Coerce(float),
            vol.Required("max"): vol.Coerce(float),
            vol.Optional("initial"): vol.Coerce(float),
            vol.Optional("step", default=1.0): vol.All(vol.Coerce(float), vol.Range(min=1e-9)),
            vol.Optional("icon"): cv.icon,
            vol.Optional("unit_of_measurement"): cv.string,
            vol.Optional("mode", default="slider"): vol.In(MODES),
        }
    ),
    _check_range,
)
CONFIG_SCHEMA = slug_keyed(ENTRY_SCHEMA)


class InputNumber(YamlEntity):
    """A number within [min, max]; set_value outside the range is refused."""

    domain = DOMAIN
    restore = True

    def __init__(self, conf_id: str, conf: Mapping[str, Any]) -> None:
        super().__init__(conf_id, conf)
        initial = conf.get("initial")
        self.value: float = initial if initial is not None else conf["min"]

    def update_config(self, conf: Mapping[str, Any]) -> None:
        super().update_config(conf)
        if not conf["min"] <= self.value <= conf["max"]:
            self.value = conf["initial"] if conf.get("initial") is not None else conf["min"]

    @property
    def state(self) -> float:
        return self.value

    @property
    def unit_of_measurement(self) -> str | None:
        return self.conf.get("unit_of_measurement")

    @property
    def capability_attributes(self) -> dict[str, Any]:
        return {
            "initial": self.conf.get("initial"),
            "min": self.conf["min"],
            "max": self.conf["max"],
            "step": self.conf["step"],
            "mode": self.conf["mode"],
        }

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        if self.conf.get("initial") is not None:
            return
        try:
            value = float(last.state)
        except ValueError:
            return
        if self.conf["min"] <= value <= self.conf["max"]:
            self.value = value

    def set_value(self, value: float) -> None:
        if not self.conf["min"] <= value <= self.conf["max"]:
            raise ValidationError(
                f"Invalid value for {self.entity_id}: {value} "
                f"(range {self.conf['min']} - {self.conf['max']})"
            )
        self.value = value

    def increment(self) -> None:
        self.value = min(self.value + self.conf["step"], self.conf["max"])

    def decrement(self) -> None:
        self.value = max(self.value - self.conf["step"], self.conf["min"])

    SERVICES = (
        EntityService("set_value", set_value, {vol.Required("value"): vol.Coerce(float)}),
        EntityService("increment", increment),
        EntityService("decrement", decrement),
    )


async def setup(ctx: IntegrationContext, config: dict[str, Any] | None) -> bool:
    """Create one input_number per YAML id and register its services."""
    await setup_yaml_entities(ctx, config, CONFIG_SCHEMA, InputNumber.SERVICES, InputNumber)
    return True
