"""event: something that happened (a button press, a tag scan); state = when it last did."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any

from ..entity import Entity
from ..errors import ValidationError
from ..states import State
from .shared import entity_now

RESERVED_ATTRIBUTES = frozenset({"event_type", "event_types", "device_class", "friendly_name"})


class EventDeviceClass(StrEnum):
    BUTTON = "button"
    DOORBELL = "doorbell"
    MOTION = "motion"


class EventEntity(Entity):
    """Integrations call `trigger_event(event_type, attributes)`; the state becomes the ISO
    time (hub clock) and the attributes carry `event_type` and the extra data."""

    domain = "event"
    restore = True
    event_types: list[str] = []
    _last_event: datetime | None = None
    _event_type: str | None = None
    _event_attributes: dict[str, Any] = {}

    def trigger_event(self, event_type: str, attributes: Mapping[str, Any] | None = None) -> None:
        """Record an event of a declared type and write the state."""
        if event_type not in self.event_types:
            raise ValidationError(f"{event_type!r} is not an event type of {self.entity_id}")
        extra = dict(attributes or {})
        if clash := RESERVED_ATTRIBUTES & extra.keys():
            raise ValidationError(f"Event attributes may not set {', '.join(sorted(clash))}")
        self._event_type = event_type
        self._event_attributes = extra
        self._last_event = entity_now(self)
        self.write_state(force_update=True)

    @property
    def state(self) -> str | None:
        return None if self._last_event is None else self._last_event.isoformat()

    @property
    def capability_attributes(self) -> dict[str, Any]:
        return {"event_types": list(self.event_types)}

    @property
    def state_attributes(self) -> dict[str, Any]:
        return {"event_type": self._event_type, **self._event_attributes}

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        try:
            self._last_event = datetime.fromisoformat(last.state)
        except ValueError:
            return
        self._event_type = last.attributes.get("event_type")
        self._event_attributes = {
            k: v
            for k, v in last.attributes.items()
            if k not in RESERVED_ATTRIBUTES and k not in ("icon", "event_types")
        }
