"""The ESPHome side every entity shares: identity from the device, state from the device,
commands through the device's API client."""

from __future__ import annotations

import math
from datetime import UTC, tzinfo
from typing import TYPE_CHECKING, Any, ClassVar

from aioesphomeapi import EntityCategory, EntityInfo, EntityState

from hub.entity import DeviceInfo, Entity
from hub.errors import DeviceError

if TYPE_CHECKING:
    from aioesphomeapi import APIClient

_CATEGORIES = {EntityCategory.CONFIG: "config", EntityCategory.DIAGNOSTIC: "diagnostic"}


class DeviceLink:
    """What an entity needs from its device connection (kept narrow for the platforms)."""

    mac: str
    device_info: DeviceInfo
    connected: bool

    @property
    def client(self) -> APIClient:
        raise NotImplementedError

    @property
    def time_zone(self) -> tzinfo:
        """The hub's time zone (a datetime set without an offset is local time there)."""
        return UTC


class EsphomeEntity(Entity):
    """Mixin placed before a hub domain base: `class EsphomeSwitch(EsphomeEntity, SwitchEntity)`.

    Subclasses implement `update_from(state)` (copy the device state into the domain fields)
    and may extend `update_info(info)`.
    """

    INFO: ClassVar[type[EntityInfo]]
    has_entity_name = True
    force_update = False  # the device asked for every reading to count, even unchanged

    def __init__(self, link: DeviceLink, info: EntityInfo) -> None:
        super().__init__(
            info.name or None,
            unique_id=f"{link.mac}-{self.domain}-{info.object_id}",
            device_info=link.device_info,
            icon=info.icon or None,
            entity_category=_CATEGORIES.get(info.entity_category),  # type: ignore[arg-type]
        )
        self.link = link
        self.key = info.key
        self.entity_registry_enabled_default = not info.disabled_by_default
        self._available = link.connected
        self.update_info(info)

    def update_info(self, info: EntityInfo) -> None:
        """Take the device's description of this entity (again after a reconnect)."""
        self.info = info

    def update_from(self, state: EntityState) -> None:
        raise NotImplementedError

    def apply_state(self, state: EntityState) -> None:
        """A state pushed by the device."""
        self.update_from(state)
        self._available = True
        self.write_state(force_update=self.force_update)

    @property
    def client(self) -> APIClient:
        """The API client, refusing commands while the device is not connected."""
        if not self.link.connected:
            raise DeviceError(f"{self.entity_id}: the device is not connected")
        return self.link.client


def missing(state: EntityState) -> bool:
    """ESPHome's "no value yet" flag (only some state messages carry it)."""
    return bool(getattr(state, "missing_state", False))


def finite(value: float) -> float | None:
    return None if value is None or math.isnan(value) or math.isinf(value) else value


def device_class(value: str, allowed: frozenset[str]) -> str | None:
    """The device class if the hub knows it (a device may send anything)."""
    return value if value in allowed else None


def enum_name(value: Any) -> str | None:
    """Lower-case name of an aioesphomeapi enum member (None for unknown values)."""
    name = getattr(value, "name", None)
    return name.lower() if isinstance(name, str) else None
