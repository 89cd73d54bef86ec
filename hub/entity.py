"""Entity: the base class integrations subclass (through a domain base) to publish state."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from .context import Context
from .states import STATE_UNAVAILABLE, STATE_UNKNOWN, State

if TYPE_CHECKING:
    from .entity_host import EntityHost

_LOGGER = logging.getLogger(__name__)

# How long a service call's context stays attached to the state writes it causes.
CONTEXT_RECENT_SECONDS = 5.0
MAX_NAME_LENGTH = 128


def sanitize(text: str, limit: int = MAX_NAME_LENGTH) -> str:
    """Strip control characters and cap length (for names a device or peer controls)."""
    return "".join(ch for ch in str(text) if ch.isprintable())[:limit]


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """What an integration knows about the device behind an entity."""

    identifiers: frozenset[tuple[str, str]] = frozenset()
    connections: frozenset[tuple[str, str]] = frozenset()
    name: str | None = None
    manufacturer: str | None = None
    model: str | None = None
    sw_version: str | None = None
    hw_version: str | None = None
    serial_number: str | None = None
    via_device: tuple[str, str] | None = None
    suggested_area: str | None = None
    configuration_url: str | None = None
    entry_type: str | None = None


class Entity:
    """Base of every entity. Subclasses set `domain` (via a domain base class) and `state`.

    An entity writes only its own state (`write_state`). It learns its entity id and host when
    an integration adds it; before that, `write_state` is a no-op.
    """

    domain: ClassVar[str] = ""
    restore: ClassVar[bool] = False  # opt in to getting the last state back after a restart
    # Save the restore snapshot within about a second of every state change (not only every
    # 15 minutes and at shutdown): for state that must survive a power cut, e.g. an armed alarm.
    restore_promptly: ClassVar[bool] = False

    unique_id: str | None = None
    device_info: DeviceInfo | None = None
    has_entity_name: bool = False
    entity_category: str | None = None
    entity_registry_enabled_default: bool = True
    suggested_object_id: str | None = None

    _name: str | None = None
    _icon: str | None = None
    _device_class: str | None = None
    _unit: str | None = None
    _available: bool = True

    def __init__(
        self,
        name: str | None = None,
        *,
        unique_id: str | None = None,
        device_info: DeviceInfo | None = None,
        device_class: str | None = None,
        unit_of_measurement: str | None = None,
        icon: str | None = None,
        entity_category: str | None = None,
    ) -> None:
        self._name = sanitize(name) if name is not None else None
        self.unique_id = unique_id
        self.device_info = device_info
        self._device_class = device_class
        self._unit = unit_of_measurement
        self._icon = icon
        self.entity_category = entity_category
        self.entity_id: str = ""
        self._host: EntityHost | None = None
        self._call_context: Context | None = None
        self._call_context_at = 0.0

    # -- what subclasses describe ------------------------------------------------------
    @property
    def name(self) -> str | None:
        return self._name

    @property
    def available(self) -> bool:
        return self._available

    @property
    def state(self) -> str | int | float | None:
        """The state value; None means unknown."""
        return None

    @property
    def device_class(self) -> str | None:
        return self._device_class

    @property
    def unit_of_measurement(self) -> str | None:
        return self._unit

    @property
    def icon(self) -> str | None:
        return self._icon

    @property
    def capability_attributes(self) -> dict[str, Any]:
        """Attributes that describe what the entity can do (e.g. min/max, options)."""
        return {}

    @property
    def state_attributes(self) -> dict[str, Any]:
        """Domain attributes (e.g. brightness); set by domain base classes."""
        return {}

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """Integration-specific attributes."""
        return {}

    @property
    def supported_features(self) -> int | None:
        return None

    # -- lifecycle hooks ---------------------------------------------------------------
    async def added(self) -> None:
        """Called once the entity has its id and host, before its first state write."""

    async def removed(self) -> None:
        """Called when the entity is removed or its integration unloads."""

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        """Called with the last state (and extra data) from before a restart if `restore`."""

    def extra_restore_data(self) -> dict[str, Any] | None:
        """JSON-able data beyond the state to keep across restarts (e.g. a timer's end)."""
        return None

    # -- wiring (used by the host) -----------------------------------------------------
    def attach(self, host: EntityHost, entity_id: str) -> None:
        self._host = host
        self.entity_id = entity_id

    def detach(self) -> None:
        self._host = None

    @property
    def attached(self) -> bool:
        return self._host is not None

    def set_call_context(self, context: Context, now: float) -> None:
        """Remember the service call that is acting on this entity, for provenance."""
        self._call_context = context
        self._call_context_at = now

    def set_available(self, available: bool) -> None:
        """Mark the entity (un)available and write the state if it changed."""
        if self._available != available:
            self._available = available
            self.write_state()

    # -- writing -----------------------------------------------------------------------
    def compute_attributes(self) -> dict[str, Any]:
        attrs: dict[str, Any] = {}
        attrs.update(self.capability_attributes)
        if self._available:
            attrs.update(self.state_attributes)
            attrs.update(self.extra_state_attributes)
        if (unit := self.unit_of_measurement) is not None:
            attrs["unit_of_measurement"] = unit
        if (device_class := self.device_class) is not None:
            attrs["device_class"] = device_class
        if (icon := self.icon) is not None:
            attrs["icon"] = icon
        if (features := self.supported_features) is not None:
            attrs["supported_features"] = features
        return attrs

    def compute_state(self) -> str:
        if not self._available:
            return STATE_UNAVAILABLE
        value = self.state
        if value is None:
            return STATE_UNKNOWN
        if isinstance(value, bool):
            return "on" if value else "off"
        if isinstance(value, float):
            return repr(round(value, 10)) if value != int(value) else str(value)
        return str(value)

    def write_state(self, *, force_update: bool = False) -> State | None:
        """Publish the entity's current state; returns the State written (None if detached)."""
        host = self._host
        if host is None:
            return None
        context = None
        if self._call_context is not None:
            if host.monotonic() - self._call_context_at < CONTEXT_RECENT_SECONDS:
                context = self._call_context
            else:
                self._call_context = None
        return host.write_state(
            self, self.compute_state(), self.compute_attributes(), force_update, context
        )
