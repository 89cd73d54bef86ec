"""input_text: free text helpers with length and pattern limits; restored across restarts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.entity_host import EntityService
from hub.errors import ValidationError
from hub.integration import IntegrationContext
from hub.states import MAX_STATE_LENGTH, STATE_UNAVAILABLE, STATE_UNKNOWN, State
from integrations.homeassistant.yaml_entities import YamlEntity, setup_yaml_entities, slug_keyed

DOMAIN = "input_text"
MODES = ("text", "password")
DEFAULT_MAX = 100


def _check(conf: dict[str, Any]) -> dict[str, Any]:
    minimum, maximum = conf["min"], conf["max"]
    if minimum > maximum:
        raise vol.Invalid(f"max ({maximum}) is not greater than min ({minimum})")
    initial = conf.get("initial")
    if initial is not None and not minimum <= len(initial) <= maximum:
        raise vol.Invalid(f"initial value {initial!r} length not in range {minimum}-{maximum}")
    pattern = conf.get("pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as err:
            raise vol.Invalid(f"invalid pattern {pattern!r}: {err}") from None
    return conf


ENTRY_SCHEMA = vol.All(
    vol.Schema(
        {
            vol.Optional("name"): vol.Any(cv.string, None),
            vol.Optional("min", default=0): vol.All(vol.Coerce(int), vol.Range(min=0)),
            vol.Optional("max", default=DEFAULT_MAX): vol.All(
                vol.Coerce(int), vol.Range(min=0, max=MAX_STATE_LENGTH)
            ),
            vol.Optional("initial"): cv.string,
            vol.Optional("icon"): cv.icon,
            vol.Optional("unit_of_measurement"): cv.string,
            vol.Optional("pattern"): cv.string,
            vol.Optional("mode", default="text"): vol.In(MODES),
        }
    ),
    _check,
)
CONFIG_SCHEMA = slug_keyed(ENTRY_SCHEMA)


class InputText(YamlEntity):
    """A text value whose length is within [min, max] and which matches `pattern` if set."""

    domain = DOMAIN
    restore = True

    def __init__(self, conf_id: str, conf: Mapping[str, Any]) -> None:
        super().__init__(conf_id, conf)
        self.value: str | None = conf.get("initial")

    @property
    def state(self) -> str | None:
        return self.value

    @property
    def unit_of_measurement(self) -> str | None:
        return self.conf.get("unit_of_measurement")

    @property
    def capability_attributes(self) -> dict[str, Any]:
        return {
            "min": self.conf["min"],
            "max": self.conf["max"],
            "pattern": self.conf.get("pattern"),
            "mode": self.conf["mode"],
        }

    def _problem(self, value: str) -> str | None:
        if not self.conf["min"] <= len(value) <= self.conf["max"]:
            return f"length {len(value)} not in range {self.conf['min']}-{self.conf['max']}"
        pattern = self.conf.get("pattern")
        if pattern is not None and re.fullmatch(pattern, value) is None:
            return f"does not match pattern {pattern}"
        return None

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        if self.conf.get("initial") is not None:
            return
        if last.state in (STATE_UNKNOWN, STATE_UNAVAILABLE):
            return
        if self.conf["min"] <= len(last.state) <= self.conf["max"]:
            self.value = last.state

    def set_value(self, value: str) -> None:
        if (problem := self._problem(value)) is not None:
            raise ValidationError(f"Invalid value for {self.entity_id}: {problem}")
        self.value = value

    SERVICES = (EntityService("set_value", set_value, {vol.Required("value"): cv.string}),)


async def setup(ctx: IntegrationContext, config: dict[str, Any] | None) -> bool:
    """Create one input_text per YAML id and register its services."""
    await setup_yaml_entities(ctx, config, CONFIG_SCHEMA, InputText.SERVICES, InputText)
    return True
