"""text: a settable string with length limits and an optional pattern."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

import voluptuous as vol

from ..entity import Entity
from ..entity_host import EntityService
from ..errors import ValidationError
from ..states import MAX_STATE_LENGTH


class TextMode(StrEnum):
    TEXT = "text"
    PASSWORD = "password"


async def _set_value(entity: TextEntity, value: str) -> None:
    if not entity.min_length <= len(value) <= entity.max_length:
        raise ValidationError(
            f"Text for {entity.entity_id} must be {entity.min_length}-{entity.max_length} "
            f"characters long (got {len(value)})"
        )
    if entity.pattern is not None and not re.fullmatch(entity.pattern, value):
        raise ValidationError(f"Text for {entity.entity_id} does not match its pattern")
    await entity.set_value(value)


class TextEntity(Entity):
    """State is `native_value`; `set_value` receives a value within min/max length and
    matching `pattern` (a full-match regex)."""

    domain = "text"
    SERVICES = (EntityService("set_value", _set_value, {vol.Required("value"): vol.Coerce(str)}),)
    min_length: int = 0
    max_length: int = MAX_STATE_LENGTH
    pattern: str | None = None
    mode: TextMode = TextMode.TEXT
    _native_value: str | None = None

    @property
    def native_value(self) -> str | None:
        return self._native_value

    @property
    def state(self) -> str | None:
        return self.native_value

    @property
    def capability_attributes(self) -> dict[str, Any]:
        return {
            "min": self.min_length,
            "max": self.max_length,
            "pattern": self.pattern,
            "mode": str(self.mode),
        }

    async def set_value(self, value: str) -> None:
        raise NotImplementedError
