"""Device automation: trigger, condition and action types per entity domain, in a registry.

A device automation names a device (`device_id`), an entity domain (`domain`), a `type` and
usually an entity (`entity_id`: an entity id or its entity-registry id). What a type does is
looked up here by (domain, type). The generic entity-based types (`domains.py`) are registered
on first use; an integration adds its own (an ESPHome `event` entity, a remote's buttons) with
`register_trigger_type`, `register_condition_type` and `register_action_type`, each of which
returns a function that removes the type again. A device-level type (`needs_entity=False`) is
registered under the integration's own domain and offered for that integration's devices.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import voluptuous as vol

from hub.config import validation as cv
from hub.registry import DeviceEntry, EntityEntry
from hub.states import State

if TYPE_CHECKING:
    from ..host import Host, Unsubscribe
    from ..triggers import FireCallback, TriggerInfo

# applies(entry, state) → offer this type for that entity in the device_automation/*/list
# answers (e.g. only for binary sensors of one device class, only with a feature bit).
Applies = Callable[[EntityEntry, State | None], bool]
# Device-level types (needs_entity=False) are offered for the devices of the integration their
# domain names: for_device(device) picks which; subtypes(device), when given, lists one item per
# subtype (none: not offered).
DeviceApplies = Callable[[DeviceEntry], bool]
DeviceSubtypes = Callable[[DeviceEntry], Iterable[str]]
# attach(host, config, fire, info): config is validated, its `entity_id` already resolved to the
# current entity id (or absent when the type needs no entity).
TriggerAttach = Callable[
    ["Host", dict[str, Any], "FireCallback", "TriggerInfo"],
    "Unsubscribe | Awaitable[Unsubscribe]",
]
# check(host, config, variables) → the condition holds (config resolved as for triggers).
ConditionCheck = Callable[["Host", Mapping[str, Any], Mapping[str, Any]], bool]
# validate(config) → config: checks across keys after the schema (e.g. above or below).
Validate = Callable[[dict[str, Any]], dict[str, Any]]

_NO_KEYS: Mapping[Any, Any] = MappingProxyType({})


def always(_entry: EntityEntry, _state: State | None) -> bool:
    return True


def any_device(_device: DeviceEntry) -> bool:
    return True


def _same(config: dict[str, Any]) -> dict[str, Any]:
    return config


@dataclass(frozen=True, slots=True)
class TriggerType:
    """A device trigger type: its extra option keys and how it attaches."""

    type: str
    attach: TriggerAttach
    schema: Mapping[Any, Any] = _NO_KEYS
    validate: Validate = _same
    applies: Applies = always
    needs_entity: bool = True
    for_device: DeviceApplies = any_device
    subtypes: DeviceSubtypes | None = None


@dataclass(frozen=True, slots=True)
class ConditionType:
    """A device condition type: its extra option keys and how it is checked."""

    type: str
    check: ConditionCheck
    schema: Mapping[Any, Any] = _NO_KEYS
    validate: Validate = _same
    applies: Applies = always
    needs_entity: bool = True
    for_device: DeviceApplies = any_device
    subtypes: DeviceSubtypes | None = None


@dataclass(frozen=True, slots=True)
class ActionType:
    """A device action type: a service call on the entity (`service` is `domain.service`).

    `fields` are option keys copied into the service data when given; `data` is fixed data.
    """

    type: str
    service: str
    schema: Mapping[Any, Any] = _NO_KEYS
    fields: tuple[str, ...] = ()
    data: Mapping[str, Any] = field(default_factory=lambda: _NO_KEYS)
    validate: Validate = _same
    applies: Applies = always
    needs_entity: bool = True
    for_device: DeviceApplies = any_device
    subtypes: DeviceSubtypes | None = None

    def service_data(self, config: Mapping[str, Any]) -> dict[str, Any]:
        """The data of the service call for a validated action `config`."""
        return {**self.data, **{key: config[key] for key in self.fields if key in config}}


class TypeTable[T: (TriggerType, ConditionType, ActionType)]:
    """Types of one kind (trigger, condition or action) by domain and type name."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._by_domain: dict[str, dict[str, T]] = {}

    def register(self, domain: str, item: T, *, replace: bool = True) -> Callable[[], None]:
        """Add `item` for `domain` (replacing one of the same name unless `replace=False`)."""
        types = self._by_domain.setdefault(domain, {})
        if replace or item.type not in types:
            types[item.type] = item

        def remove() -> None:
            if types.get(item.type) is item:
                del types[item.type]

        return remove

    def get(self, domain: str, type_name: str) -> T | None:
        _load_defaults()
        return self._by_domain.get(domain, {}).get(type_name)

    def of(self, domain: str) -> list[T]:
        """The types of `domain`, sorted by name."""
        _load_defaults()
        types = self._by_domain.get(domain, {})
        return [types[name] for name in sorted(types)]

    def domains(self) -> Iterator[str]:
        _load_defaults()
        return iter(sorted(d for d, types in self._by_domain.items() if types))


TRIGGERS: TypeTable[TriggerType] = TypeTable("trigger")
CONDITIONS: TypeTable[ConditionType] = TypeTable("condition")
ACTIONS: TypeTable[ActionType] = TypeTable("action")
_defaults_loaded = False


def _load_defaults() -> None:
    """Register the generic entity-based types once (they never replace an integration's)."""
    global _defaults_loaded
    if not _defaults_loaded:
        _defaults_loaded = True
        from . import domains

        domains.register_defaults()


def register_trigger_type(domain: str, item: TriggerType) -> Callable[[], None]:
    """Add (or replace) a device trigger type of `domain`; returns a function that removes it."""
    _load_defaults()
    return TRIGGERS.register(domain, item)


def register_condition_type(domain: str, item: ConditionType) -> Callable[[], None]:
    """Add (or replace) a device condition type of `domain`; returns its remover."""
    _load_defaults()
    return CONDITIONS.register(domain, item)


def register_action_type(domain: str, item: ActionType) -> Callable[[], None]:
    """Add (or replace) a device action type of `domain`; returns its remover."""
    _load_defaults()
    return ACTIONS.register(domain, item)


# -- validation -------------------------------------------------------------------------------
DEVICE_KEYS: dict[Any, Any] = {
    vol.Required("device_id"): vol.All(cv.string, vol.Length(min=1, max=255)),
    vol.Required("domain"): vol.All(cv.string, vol.Length(min=1, max=64)),
    vol.Required("type"): vol.All(cv.string, vol.Length(min=1, max=128)),
    vol.Optional("entity_id"): vol.All(cv.string, vol.Length(min=1, max=255)),
    vol.Optional("subtype"): cv.string,
    vol.Optional("metadata"): dict,  # the UI editor's bookkeeping ({secondary: bool})
}
_BASE = vol.Schema(DEVICE_KEYS, extra=vol.ALLOW_EXTRA)


def validate(
    table: TypeTable[Any], value: Mapping[str, Any], passthrough: set[str]
) -> dict[str, Any]:
    """Validate a device trigger/condition/action: the common keys in `passthrough` are kept
    as they are (already checked by the caller), the rest against the type's schema."""
    common = {k: v for k, v in value.items() if k in passthrough}
    rest = {k: v for k, v in value.items() if k not in passthrough}
    base = _BASE(rest)
    item = table.get(base["domain"], base["type"])
    if item is None:
        known = [t.type for t in table.of(base["domain"])]
        if not known:
            raise vol.Invalid(f"no device {table.kind} types for this domain", ["domain"])
        raise vol.Invalid(
            f"unknown device {table.kind} type for domain {base['domain']!r}"
            f"; expected one of: {', '.join(known)}",
            ["type"],
        )
    checked = vol.Schema({**DEVICE_KEYS, **item.schema})(rest)
    if item.needs_entity and "entity_id" not in checked:
        raise vol.Invalid("required key not provided", ["entity_id"])
    checked = item.validate(checked)
    return {**common, **checked}


__all__ = [
    "ACTIONS",
    "CONDITIONS",
    "DEVICE_KEYS",
    "TRIGGERS",
    "ActionType",
    "Applies",
    "ConditionType",
    "DeviceApplies",
    "DeviceSubtypes",
    "TriggerType",
    "always",
    "any_device",
    "register_action_type",
    "register_condition_type",
    "register_trigger_type",
    "validate",
]
