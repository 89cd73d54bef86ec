"""update: firmware/software updates; `on` while a newer version is available."""

from __future__ import annotations

from enum import IntFlag, StrEnum
from typing import Any

import voluptuous as vol

from ..entity import Entity
from ..entity_host import EntityService
from ..errors import HubError, ValidationError
from .shared import require_feature


class UpdateDeviceClass(StrEnum):
    FIRMWARE = "firmware"


class UpdateEntityFeature(IntFlag):
    INSTALL = 1
    SPECIFIC_VERSION = 2
    PROGRESS = 4
    BACKUP = 8
    RELEASE_NOTES = 16


INSTALL_SCHEMA: dict[Any, Any] = {
    vol.Optional("version"): vol.All(vol.Coerce(str), vol.Length(min=1, max=64)),
    vol.Optional("backup", default=False): vol.Boolean(),
}


async def _install(entity: UpdateEntity, version: str | None = None, backup: bool = False) -> None:
    require_feature(entity, UpdateEntityFeature.INSTALL, "install")
    if version is not None:
        require_feature(entity, UpdateEntityFeature.SPECIFIC_VERSION, "install with version")
    if backup:
        require_feature(entity, UpdateEntityFeature.BACKUP, "install with backup")
    if version is None and not entity.update_available:
        raise ValidationError(f"No update available for {entity.entity_id}")
    if entity.in_progress:
        raise HubError(f"An update of {entity.entity_id} is already in progress")
    await entity.install(version, backup)


async def _skip(entity: UpdateEntity) -> None:
    if entity.auto_update:
        raise ValidationError(f"{entity.entity_id} updates automatically; it cannot skip")
    entity.skipped_version = entity.latest_version


async def _clear_skipped(entity: UpdateEntity) -> None:
    entity.skipped_version = None


class UpdateEntity(Entity):
    """State `on` when `latest_version` differs from `installed_version` (unless skipped)."""

    domain = "update"
    restore = True  # keeps skipped_version
    SERVICES = (
        EntityService("install", _install, INSTALL_SCHEMA),
        EntityService("skip", _skip),
        EntityService("clear_skipped", _clear_skipped),
    )
    title: str | None = None
    release_summary: str | None = None
    release_url: str | None = None
    auto_update: bool = False
    installed_version: str | None = None
    latest_version: str | None = None
    skipped_version: str | None = None
    in_progress: bool = False
    update_percentage: int | None = None
    _features: UpdateEntityFeature = UpdateEntityFeature(0)

    @property
    def update_available(self) -> bool:
        return (
            self.installed_version is not None
            and self.latest_version is not None
            and self.latest_version != self.installed_version
        )

    @property
    def state(self) -> str | None:
        if self.installed_version is None or self.latest_version is None:
            return None
        if self.update_available and self.latest_version != self.skipped_version:
            return "on"
        return "off"

    @property
    def supported_features(self) -> int:
        return int(self._features)

    @property
    def state_attributes(self) -> dict[str, Any]:
        return {
            "auto_update": self.auto_update,
            "installed_version": self.installed_version,
            "latest_version": self.latest_version,
            "skipped_version": self.skipped_version,
            "in_progress": self.in_progress,
            "update_percentage": self.update_percentage,
            "title": self.title,
            "release_summary": self.release_summary,
            "release_url": self.release_url,
        }

    def extra_restore_data(self) -> dict[str, Any] | None:
        return {"skipped_version": self.skipped_version}

    async def restore_state(self, last: Any, extra: Any) -> None:
        if extra:
            self.skipped_version = extra.get("skipped_version")

    async def install(self, version: str | None, backup: bool) -> None:
        raise NotImplementedError
