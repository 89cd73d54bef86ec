"""Entity platforms: one hub entity class per ESPHome entity info type."""

from __future__ import annotations

from aioesphomeapi import EntityInfo

from ..entity import DeviceLink, EsphomeEntity
from .camera import CLASSES as _CAMERA
from .climate import CLASSES as _CLIMATE
from .controls import CLASSES as _CONTROLS
from .covers import CLASSES as _COVERS
from .dates import CLASSES as _DATES
from .media import CLASSES as _MEDIA
from .sensors import CLASSES as _SENSORS

ENTITY_CLASSES: dict[type[EntityInfo], type[EsphomeEntity]] = {
    cls.INFO: cls
    for cls in (*_SENSORS, *_CONTROLS, *_COVERS, *_CLIMATE, *_CAMERA, *_DATES, *_MEDIA)
}


def create_entity(link: DeviceLink, info: EntityInfo) -> EsphomeEntity | None:
    """The hub entity for a device entity; None for kinds the hub does not map (yet)."""
    cls = ENTITY_CLASSES.get(type(info))
    return None if cls is None else cls(link, info)
