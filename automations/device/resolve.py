"""Which entity a device automation means, checked against the device and entity registries.

`entity_id` may be an entity id (`light.hall`) or the entity's registry id (the `id` that
`config/entity_registry/list` shows); the registry id keeps working after a rename.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import voluptuous as vol

from hub.registry import EntityEntry
from hub.states import valid_entity_id


class DeviceReferenceError(ValueError):
    """A device automation names a device or entity that is unknown or does not match."""

    def __init__(self, reason: str, key: str, value: Any) -> None:
        super().__init__(f"{key} {value!r}: {reason}")
        self.reason = reason  # without the value (config errors show it themselves)
        self.key = key  # the option at fault: device_id or entity_id


def registry_id(entry: EntityEntry) -> str:
    """The entity-registry id the API shows for `entry`."""
    return str(entry.as_dict()["id"])


def _find(registries: Any, device_id: str, value: str) -> EntityEntry | None:
    if valid_entity_id(value):
        entry: EntityEntry | None = registries.entities.get(value)
        return entry
    for entry in registries.entities.for_device(device_id):
        if registry_id(entry) == value:
            return entry
    return next((e for e in registries.entities if registry_id(e) == value), None)


def resolve(registries: Any, config: Mapping[str, Any]) -> str | None:
    """The current entity id `config` refers to (None when it names no entity).

    Raises DeviceReferenceError when the device is unknown, the entity is unknown, belongs to
    another device or is of another domain.
    """
    device_id = config["device_id"]
    device = registries.devices.get(device_id)
    if device is None:
        raise DeviceReferenceError("no such device in the device registry", "device_id", device_id)
    value = config.get("entity_id")
    if value is None:
        return None
    entry = _find(registries, device_id, value)
    if entry is None:
        raise DeviceReferenceError("no such entity in the entity registry", "entity_id", value)
    if entry.device_id != device_id:
        raise DeviceReferenceError(
            f"entity {entry.entity_id} does not belong to device "
            f"{device.display_name!r} ({device_id})",
            "entity_id",
            value,
        )
    if entry.domain != config["domain"]:
        raise DeviceReferenceError(
            f"entity {entry.entity_id} is not a {config['domain']} entity", "entity_id", value
        )
    return entry.entity_id


# -- checking whole configurations at load time ---------------------------------------------
Path = tuple[Any, ...]


def _enabled(item: Mapping[str, Any]) -> bool:
    return item.get("enabled", True) is not False  # a template may enable it later: check it


def _check(registries: Any, item: Mapping[str, Any], path: Path, out: list[vol.Invalid]) -> None:
    if not _enabled(item):
        return  # a disabled item may name a device that was removed
    try:
        resolve(registries, item)
    except DeviceReferenceError as err:
        out.append(vol.Invalid(err.reason, [*path, err.key]))


def _triggers(registries: Any, items: Iterable[Any], path: Path, out: list[vol.Invalid]) -> None:
    for index, item in enumerate(items):
        if item.get("trigger") == "device":
            _check(registries, item, (*path, index), out)


def _conditions(registries: Any, items: Iterable[Any], path: Path, out: list[vol.Invalid]) -> None:
    for index, item in enumerate(items):
        here = (*path, index)
        if item.get("condition") == "device":
            _check(registries, item, here, out)
        elif item.get("condition") in ("and", "or", "not"):
            _conditions(registries, item["conditions"], (*here, "conditions"), out)


def _actions(registries: Any, items: Iterable[Any], path: Path, out: list[vol.Invalid]) -> None:
    from ..schemas import step_type

    for index, step in enumerate(items):
        here = (*path, index)
        kind = step_type(step)
        if kind == "device":
            _check(registries, step, here, out)
        elif kind == "condition" and step["condition"] == "device":
            _check(registries, step, here, out)
        elif kind == "condition" and step["condition"] in ("and", "or", "not"):
            _conditions(registries, step["conditions"], (*here, "conditions"), out)
        elif kind == "wait_for_trigger":
            _triggers(registries, step["wait_for_trigger"], (*here, "wait_for_trigger"), out)
        elif kind == "choose":
            for number, option in enumerate(step["choose"]):
                where = (*here, "choose", number)
                _conditions(registries, option["conditions"], (*where, "conditions"), out)
                _actions(registries, option["sequence"], (*where, "sequence"), out)
            _actions(registries, step.get("default") or [], (*here, "default"), out)
        elif kind == "if":
            _conditions(registries, step["if"], (*here, "if"), out)
            _actions(registries, step["then"], (*here, "then"), out)
            _actions(registries, step.get("else") or [], (*here, "else"), out)
        elif kind == "repeat":
            repeat = step["repeat"]
            for key in ("while", "until"):
                _conditions(registries, repeat.get(key) or [], (*here, "repeat", key), out)
            _actions(registries, repeat["sequence"], (*here, "repeat", "sequence"), out)
        elif kind == "parallel":
            _actions(registries, step["parallel"], (*here, "parallel"), out)
        elif kind == "sequence":
            _actions(registries, step["sequence"], (*here, "sequence"), out)


def _raise(found: list[vol.Invalid]) -> None:
    if len(found) == 1:
        raise found[0]
    if found:
        raise vol.MultipleInvalid(found)


def check_triggers(registries: Any, items: list[Any], path: Path = ()) -> None:
    """Raise vol.Invalid (with the path) for device triggers naming unknown devices/entities."""
    found: list[vol.Invalid] = []
    _triggers(registries, items, path, found)
    _raise(found)


def check_conditions(registries: Any, items: list[Any], path: Path = ()) -> None:
    found: list[vol.Invalid] = []
    _conditions(registries, items, path, found)
    _raise(found)


def check_actions(registries: Any, items: list[Any], path: Path = ()) -> None:
    found: list[vol.Invalid] = []
    _actions(registries, items, path, found)
    _raise(found)


def check_automation(registries: Any, config: Mapping[str, Any]) -> None:
    """Every device trigger, condition and action of a validated automation, at any depth."""
    found: list[vol.Invalid] = []
    _triggers(registries, config["triggers"], ("triggers",), found)
    _conditions(registries, config["conditions"], ("conditions",), found)
    _actions(registries, config["actions"], ("actions",), found)
    _raise(found)
