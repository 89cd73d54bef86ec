"""input_button: a button helper; its state is the time of the last press (restored)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.entity_host import EntityService
from hub.integration import IntegrationContext
from hub.states import STATE_UNAVAILABLE, STATE_UNKNOWN, State
from integrations.homeassistant.yaml_entities import YamlEntity, setup_yaml_entities, slug_keyed

DOMAIN = "input_button"

ENTRY_SCHEMA = vol.Schema(
    {vol.Optional("name"): vol.Any(cv.string, None), vol.Optional("icon"): cv.icon}
)
CONFIG_SCHEMA = slug_keyed(ENTRY_SCHEMA)


class InputButton(YamlEntity):
    """Pressing writes the press time (UTC ISO 8601) as the new state."""

    domain = DOMAIN
    restore = True

    def __init__(self, ctx: IntegrationContext, conf_id: str, conf: Mapping[str, Any]) -> None:
        super().__init__(conf_id, conf)
        self._ctx = ctx
        self.last_pressed: str | None = None

    @property
    def state(self) -> str | None:
        return self.last_pressed

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        if last.state not in (STATE_UNKNOWN, STATE_UNAVAILABLE):
            self.last_pressed = last.state

    def press(self) -> None:
        self.last_pressed = self._ctx.now().isoformat()

    SERVICES = (EntityService("press", press),)


async def setup(ctx: IntegrationContext, config: dict[str, Any] | None) -> bool:
    """Create one input_button per YAML id and register `press` and `reload`."""
    await setup_yaml_entities(
        ctx,
        config,
        CONFIG_SCHEMA,
        InputButton.SERVICES,
        lambda conf_id, conf: InputButton(ctx, conf_id, conf),
    )
    return True
