"""Pieces several domain bases share: feature checks, code checks and the hub clock's time."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from enum import IntFlag
from typing import Any

import voluptuous as vol

from ..entity import Entity
from ..errors import ValidationError

CODE_SCHEMA: dict[Any, Any] = {vol.Optional("code"): vol.All(vol.Coerce(str), vol.Length(max=64))}


def require_feature(entity: Entity, flag: IntFlag, service: str) -> None:
    """Raise ValidationError when `entity` does not declare `flag` in supported_features."""
    if not (entity.supported_features or 0) & flag:
        raise ValidationError(f"{entity.entity_id} does not support {entity.domain}.{service}")


def check_code(entity: Entity, code_format: str | None, code: str | None) -> None:
    """Check a lock/alarm code against the entity's code format (a regex, or number/text).

    The code itself never appears in the error message.
    """
    if code_format is None:
        return
    if code is None or code == "":
        raise ValidationError(f"{entity.entity_id} needs a code for this action")
    pattern = {"number": r"^\d+$", "text": r"^.+$"}.get(code_format, code_format)
    try:
        matched = re.search(pattern, code) is not None
    except re.error as err:
        raise ValidationError(f"{entity.entity_id} has an invalid code format") from err
    if not matched:
        raise ValidationError(f"The code for {entity.entity_id} does not match its format")


def entity_now(entity: Entity) -> datetime:
    """The hub clock's time for an attached entity (the wall clock before it is attached)."""
    host = entity._host
    return host.now() if host is not None else datetime.now(UTC)


def percentage(value: Any) -> int:
    """A 0-100 integer percentage."""
    return int(vol.All(vol.Coerce(float), vol.Range(min=0, max=100))(value))


POSITION_SCHEMA: dict[Any, Any] = {vol.Required("position"): percentage}
