"""counter: an integer helper with step, bounds and optional restore across restarts."""

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

DOMAIN = "counter"

ENTRY_SCHEMA = vol.Schema(
    {
        vol.Optional("name"): vol.Any(cv.string, None),
        vol.Optional("icon"): cv.icon,
        vol.Optional("initial", default=0): vol.Coerce(int),
        vol.Optional("step", default=1): vol.All(vol.Coerce(int), vol.Range(min=1)),
        vol.Optional("minimum"): vol.Any(None, vol.Coerce(int)),
        vol.Optional("maximum"): vol.Any(None, vol.Coerce(int)),
        vol.Optional("restore", default=True): cv.boolean,
    }
)
CONFIG_SCHEMA = slug_keyed(ENTRY_SCHEMA)


class Counter(YamlEntity):
    """An integer kept within [minimum, maximum]; increments and decrements clamp."""

    domain = DOMAIN
    restore = True

    def __init__(self, conf_id: str, conf: Mapping[str, Any]) -> None:
        super().__init__(conf_id, conf)
        self.value: int = self._clamp(conf["initial"])

    def _clamp(self, value: int) -> int:
        if (minimum := self.conf.get("minimum")) is not None:
            value = max(value, minimum)
        if (maximum := self.conf.get("maximum")) is not None:
            value = min(value, maximum)
        return value

    def update_config(self, conf: Mapping[str, Any]) -> None:
        super().update_config(conf)
        self.value = self._clamp(self.value)

    @property
    def state(self) -> int:
        return self.value

    @property
    def capability_attributes(self) -> dict[str, Any]:
        attrs: dict[str, Any] = {"initial": self.conf["initial"], "step": self.conf["step"]}
        if self.conf.get("minimum") is not None:
            attrs["minimum"] = self.conf["minimum"]
        if self.conf.get("maximum") is not None:
            attrs["maximum"] = self.conf["maximum"]
        return attrs

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        if not self.conf["restore"]:
            return
        try:
            self.value = self._clamp(int(last.state))
        except ValueError:
            return

    def increment(self) -> None:
        self.value = self._clamp(self.value + self.conf["step"])

    def decrement(self) -> None:
        self.value = self._clamp(self.value - self.conf["step"])

    def reset(self) -> None:
        self.value = self._clamp(self.conf["initial"])

    def set_value(self, value: int) -> None:
        minimum, maximum = self.conf.get("minimum"), self.conf.get("maximum")
        if minimum is not None and value < minimum:
            raise ValidationError(
                f"Value {value} for {self.entity_id} is below the minimum value of {minimum}"
            )
        if maximum is not None and value > maximum:
            raise ValidationError(
                f"Value {value} for {self.entity_id} exceeds the maximum value of {maximum}"
            )
        self.value = value

    SERVICES = (
        EntityService("increment", increment),
        EntityService("decrement", decrement),
        EntityService("reset", reset),
        EntityService("set_value", set_value, {vol.Required("value"): vol.Coerce(int)}),
    )


async def setup(ctx: IntegrationContext, config: dict[str, Any] | None) -> bool:
    """Create one counter per YAML id and register its services."""
    await setup_yaml_entities(ctx, config, CONFIG_SCHEMA, Counter.SERVICES, Counter)
    return True
