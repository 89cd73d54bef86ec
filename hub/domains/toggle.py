"""ToggleEntity: the on/off base that switch, light, fan and siren build on."""

from __future__ import annotations

from typing import Any

from ..entity import Entity
from ..entity_host import EntityService


class ToggleEntity(Entity):
    """An entity that is on or off and can be turned on, off and toggled."""

    _is_on: bool | None = None

    @property
    def is_on(self) -> bool | None:
        return self._is_on

    @property
    def state(self) -> str | None:
        is_on = self.is_on
        return None if is_on is None else ("on" if is_on else "off")

    async def turn_on(self, **kwargs: Any) -> None:
        """Turn the device on (subclasses talk to the device, then update `_is_on`)."""
        raise NotImplementedError

    async def turn_off(self, **kwargs: Any) -> None:
        raise NotImplementedError

    async def toggle(self, **kwargs: Any) -> None:
        """Turn off when on, on otherwise."""
        if self.is_on:
            await self.turn_off(**kwargs)
        else:
            await self.turn_on(**kwargs)


async def turn_on(entity: ToggleEntity, **params: Any) -> None:
    await entity.turn_on(**params)


async def turn_off(entity: ToggleEntity, **params: Any) -> None:
    await entity.turn_off(**params)


async def toggle(entity: ToggleEntity, **params: Any) -> None:
    await entity.toggle(**params)


def toggle_services(
    on_schema: dict[Any, Any] | None = None,
    off_schema: dict[Any, Any] | None = None,
    on_handler: Any = turn_on,
    off_handler: Any = turn_off,
    toggle_handler: Any = toggle,
) -> tuple[EntityService, ...]:
    """turn_on / turn_off / toggle with the given extra fields (toggle takes turn_on's)."""
    return (
        EntityService("turn_on", on_handler, on_schema),
        EntityService("turn_off", off_handler, off_schema),
        EntityService("toggle", toggle_handler, on_schema),
    )
