"""RegistryView (what templates may ask the area/device/label/floor registries) and its helpers."""

from __future__ import annotations

from typing import Any, Protocol

from ..states import valid_entity_id


class RegistryView(Protocol):
    """Read-only registry lookups used by `area_*`, `device_*`, `label_entities`, `floor_areas`."""

    def area_id(self, lookup: str) -> str | None:
        """Area id for an area id or area name."""
        ...

    def area_name(self, lookup: str) -> str | None:
        """Area name for an area id, an entity id or a device id."""
        ...

    def area_entities(self, area: str) -> list[str]:
        """Entities in the area, directly or through their device."""
        ...

    def area_devices(self, area: str) -> list[str]:
        """Device ids in the area."""
        ...

    def device_id(self, entity_id_or_device_name: str) -> str | None:
        """Device id of an entity, or of a device by name."""
        ...

    def device_attr(self, device_id: str, attr: str) -> Any:
        """One attribute of a device (name, manufacturer, model, …), None if unknown."""
        ...

    def device_entities(self, device_id: str) -> list[str]:
        """Entities belonging to a device."""
        ...

    def label_entities(self, label: str) -> list[str]:
        """Entities carrying a label (by id or name)."""
        ...

    def floor_areas(self, floor: str) -> list[str]:
        """Area ids on a floor (by id or name)."""
        ...

    def area_ids(self) -> list[str]:
        """Every area id."""
        ...

    def floor_ids(self) -> list[str]:
        """Every floor id."""
        ...

    def label_ids(self, lookup: str | None = None) -> list[str]:
        """Every label id; with `lookup`, the labels of that entity, device or area."""
        ...

    def floor_id(self, lookup: str) -> str | None:
        """Floor id for a floor id or name, or of an area, device or entity."""
        ...

    def floor_name(self, lookup: str) -> str | None:
        """Floor name for a floor id, or of an area, device or entity."""
        ...

    def label_id(self, lookup: str) -> str | None:
        """Label id for a label name (or id)."""
        ...

    def label_name(self, lookup: str) -> str | None:
        """Label name for a label id (or name)."""
        ...


class RegistryFunctions:
    """Template helpers over an optional RegistryView; without one they return None or []."""

    def __init__(self, registries: RegistryView | None) -> None:
        self._reg = registries

    def area_id(self, lookup: Any) -> str | None:
        if self._reg is None or not isinstance(lookup, str):
            return None
        return self._reg.area_id(lookup)

    def area_name(self, lookup: Any) -> str | None:
        if self._reg is None or not isinstance(lookup, str):
            return None
        return self._reg.area_name(lookup)

    def area_entities(self, area: Any) -> list[str]:
        area_id = self.area_id(area)
        if area_id is None or self._reg is None:
            return []
        return list(self._reg.area_entities(area_id))

    def area_devices(self, area: Any) -> list[str]:
        area_id = self.area_id(area)
        if area_id is None or self._reg is None:
            return []
        return list(self._reg.area_devices(area_id))

    def device_id(self, entity_id_or_device_name: Any) -> str | None:
        if self._reg is None or not isinstance(entity_id_or_device_name, str):
            return None
        return self._reg.device_id(entity_id_or_device_name)

    def device_attr(self, device_or_entity_id: Any, attr: Any) -> Any:
        """A device attribute; accepts an entity id for its device. Private names refused."""
        if self._reg is None or not isinstance(device_or_entity_id, str):
            return None
        if not isinstance(attr, str) or attr.startswith("_"):
            return None
        device_id: str | None = device_or_entity_id
        if valid_entity_id(device_or_entity_id):
            device_id = self._reg.device_id(device_or_entity_id)
        if device_id is None:
            return None
        return self._reg.device_attr(device_id, attr)

    def device_entities(self, device_id: Any) -> list[str]:
        if self._reg is None or not isinstance(device_id, str):
            return []
        return list(self._reg.device_entities(device_id))

    def label_entities(self, label: Any) -> list[str]:
        if self._reg is None or not isinstance(label, str):
            return []
        return list(self._reg.label_entities(label))

    def floor_areas(self, floor: Any) -> list[str]:
        if self._reg is None or not isinstance(floor, str):
            return []
        return list(self._reg.floor_areas(floor))

    def areas(self) -> list[str]:
        return [] if self._reg is None else list(self._reg.area_ids())

    def floors(self) -> list[str]:
        return [] if self._reg is None else list(self._reg.floor_ids())

    def labels(self, lookup: Any = None) -> list[str]:
        if self._reg is None or (lookup is not None and not isinstance(lookup, str)):
            return []
        return list(self._reg.label_ids(lookup))

    def floor_id(self, lookup: Any) -> str | None:
        if self._reg is None or not isinstance(lookup, str):
            return None
        return self._reg.floor_id(lookup)

    def floor_name(self, lookup: Any) -> str | None:
        if self._reg is None or not isinstance(lookup, str):
            return None
        return self._reg.floor_name(lookup)

    def label_id(self, lookup: Any) -> str | None:
        if self._reg is None or not isinstance(lookup, str):
            return None
        return self._reg.label_id(lookup)

    def label_name(self, lookup: Any) -> str | None:
        if self._reg is None or not isinstance(lookup, str):
            return None
        return self._reg.label_name(lookup)
