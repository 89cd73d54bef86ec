"""button: a stateless action; the state is when it was last pressed."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from ..entity import Entity
from ..entity_host import EntityService
from ..states import State
from .shared import entity_now


class ButtonDeviceClass(StrEnum):
    IDENTIFY = "identify"
    RESTART = "restart"
    UPDATE = "update"


async def _press(entity: ButtonEntity) -> None:
    await entity.press()
    entity.last_pressed = entity_now(entity)


class ButtonEntity(Entity):
    """Subclasses implement `press()`; the base records the press time (hub clock)."""

    domain = "button"
    restore = True
    SERVICES = (EntityService("press", _press),)
    last_pressed: datetime | None = None

    @property
    def state(self) -> str | None:
        return None if self.last_pressed is None else self.last_pressed.isoformat()

    async def press(self) -> None:
        raise NotImplementedError

    async def restore_state(self, last: State, extra: Any) -> None:
        try:
            self.last_pressed = datetime.fromisoformat(last.state)
        except ValueError:
            self.last_pressed = None
