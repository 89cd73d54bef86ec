"""select: one option out of a fixed list."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from ..entity import Entity
from ..entity_host import EntityService
from ..errors import ValidationError

CYCLE_SCHEMA: dict[Any, Any] = {vol.Optional("cycle", default=True): vol.Boolean()}


async def _select_option(entity: SelectEntity, option: str) -> None:
    if option not in entity.options:
        raise ValidationError(
            f"Option {option!r} is not valid for {entity.entity_id}; "
            f"choose one of {', '.join(entity.options)}"
        )
    await entity.select_option(option)


def _offset(entity: SelectEntity, delta: int, cycle: bool) -> str:
    options = entity.options
    if not options:
        raise ValidationError(f"{entity.entity_id} has no options")
    current = entity.current_option
    if current not in options:
        return options[0] if delta > 0 else options[-1]
    index = options.index(current) + delta
    if cycle:
        return options[index % len(options)]
    return options[max(0, min(len(options) - 1, index))]


async def _first(entity: SelectEntity) -> None:
    await _select_option(entity, entity.options[0] if entity.options else "")


async def _last(entity: SelectEntity) -> None:
    await _select_option(entity, entity.options[-1] if entity.options else "")


async def _next(entity: SelectEntity, cycle: bool = True) -> None:
    await _select_option(entity, _offset(entity, 1, cycle))


async def _previous(entity: SelectEntity, cycle: bool = True) -> None:
    await _select_option(entity, _offset(entity, -1, cycle))


class SelectEntity(Entity):
    """State is `current_option`; `select_option` receives a valid option."""

    domain = "select"
    SERVICES = (
        EntityService("select_option", _select_option, {vol.Required("option"): vol.Coerce(str)}),
        EntityService("select_first", _first),
        EntityService("select_last", _last),
        EntityService("select_next", _next, CYCLE_SCHEMA),
        EntityService("select_previous", _previous, CYCLE_SCHEMA),
    )
    options: list[str] = []
    _current_option: str | None = None

    @property
    def current_option(self) -> str | None:
        return self._current_option

    @property
    def state(self) -> str | None:
        return self.current_option

    @property
    def capability_attributes(self) -> dict[str, Any]:
        return {"options": list(self.options)}

    async def select_option(self, option: str) -> None:
        raise NotImplementedError
