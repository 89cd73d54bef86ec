"""input_boolean: on/off helpers defined in YAML, restored across restarts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.entity_host import EntityService
from hub.integration import IntegrationContext
from hub.states import STATE_ON, State
from integrations.homeassistant.yaml_entities import YamlEntity, setup_yaml_entities, slug_keyed

DOMAIN = "input_boolean"

ENTRY_SCHEMA = vol.Schema(
    {
        vol.Optional("name"): vol.Any(cv.string, None),
        vol.Optional("initial"): cv.boolean,
        vol.Optional("icon"): cv.icon,
    }
)
CONFIG_SCHEMA = slug_keyed(ENTRY_SCHEMA)


class InputBoolean(YamlEntity):
    """A switch the user flips; keeps its last value unless `initial` is configured."""

    domain = DOMAIN
    restore = True

    def __init__(self, conf_id: str, conf: Mapping[str, Any]) -> None:
        super().__init__(conf_id, conf)
        self.is_on = bool(conf.get("initial", False))

    @property
    def state(self) -> bool:
        return self.is_on

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        if self.conf.get("initial") is None:
            self.is_on = last.state == STATE_ON

    def turn_on(self) -> None:
        self.is_on = True

    def turn_off(self) -> None:
        self.is_on = False

    def toggle(self) -> None:
        self.is_on = not self.is_on

    SERVICES = (
        EntityService("turn_on", turn_on),
        EntityService("turn_off", turn_off),
        EntityService("toggle", toggle),
    )


async def setup(ctx: IntegrationContext, config: dict[str, Any] | None) -> bool:
    """Create one input_boolean per YAML id and register its services."""
    await setup_yaml_entities(ctx, config, CONFIG_SCHEMA, InputBoolean.SERVICES, InputBoolean)
    return True
