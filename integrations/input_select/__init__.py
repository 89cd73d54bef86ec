"""input_select: pick one of a list of options; defined in YAML, restored across restarts."""

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

DOMAIN = "input_select"


def _unique(options: list[str]) -> list[str]:
    if len(set(options)) != len(options):
        raise vol.Invalid("duplicate options are not allowed")
    return options


def _initial_in_options(conf: dict[str, Any]) -> dict[str, Any]:
    initial = conf.get("initial")
    if initial is not None and initial not in conf["options"]:
        raise vol.Invalid(f"initial state {initial} is not part of the options")
    return conf


OPTIONS = vol.All(cv.ensure_list, vol.Length(min=1), [cv.string], _unique)
ENTRY_SCHEMA = vol.All(
    vol.Schema(
        {
            vol.Optional("name"): vol.Any(cv.string, None),
            vol.Required("options"): OPTIONS,
            vol.Optional("initial"): cv.string,
            vol.Optional("icon"): cv.icon,
        }
    ),
    _initial_in_options,
)
CONFIG_SCHEMA = slug_keyed(ENTRY_SCHEMA)


class InputSelect(YamlEntity):
    """The selected option; always one of `options`."""

    domain = DOMAIN
    restore = True

    def __init__(self, conf_id: str, conf: Mapping[str, Any]) -> None:
        super().__init__(conf_id, conf)
        self.options: list[str] = list(conf["options"])
        self.current: str = conf.get("initial") or self.options[0]

    def update_config(self, conf: Mapping[str, Any]) -> None:
        super().update_config(conf)
        self.options = list(conf["options"])
        if self.current not in self.options:
            self.current = conf.get("initial") or self.options[0]

    @property
    def state(self) -> str:
        return self.current

    @property
    def capability_attributes(self) -> dict[str, Any]:
        return {"options": list(self.options)}

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        if self.conf.get("initial") is None and last.state in self.options:
            self.current = last.state

    def select_option(self, option: str) -> None:
        if option not in self.options:
            raise ValidationError(
                f"Invalid option for {self.entity_id}: {option} "
                f"(possible options: {', '.join(self.options)})"
            )
        self.current = option

    def _offset(self, offset: int, cycle: bool) -> None:
        index = self.options.index(self.current) + offset
        if cycle:
            index %= len(self.options)
        else:
            index = max(0, min(index, len(self.options) - 1))
        self.current = self.options[index]

    def select_next(self, cycle: bool = True) -> None:
        self._offset(1, cycle)

    def select_previous(self, cycle: bool = True) -> None:
        self._offset(-1, cycle)

    def select_first(self) -> None:
        self.current = self.options[0]

    def select_last(self) -> None:
        self.current = self.options[-1]

    def set_options(self, options: list[str]) -> None:
        self.options = list(options)
        if self.current not in self.options:
            self.current = self.options[0]

    SERVICES = (
        EntityService("select_option", select_option, {vol.Required("option"): cv.string}),
        EntityService("select_next", select_next, {vol.Optional("cycle"): cv.boolean}),
        EntityService("select_previous", select_previous, {vol.Optional("cycle"): cv.boolean}),
        EntityService("select_first", select_first),
        EntityService("select_last", select_last),
        EntityService("set_options", set_options, {vol.Required("options"): OPTIONS}),
    )


async def setup(ctx: IntegrationContext, config: dict[str, Any] | None) -> bool:
    """Create one input_select per YAML id and register its services."""
    await setup_yaml_entities(ctx, config, CONFIG_SCHEMA, InputSelect.SERVICES, InputSelect)
    return True
