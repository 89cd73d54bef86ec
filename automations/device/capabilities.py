"""The extra fields of a device trigger, condition or action type, in the form the automation
editor reads from `device_automation/{trigger,condition,action}/capabilities`.

A type's option schema becomes a list of fields (the shape voluptuous schemas are serialised to
for Home Assistant's frontend): `name`, `required: true` or `optional: true`, `default` when the
key has one, and what the validator tells: `type` (`string`, `integer`, `float`, `boolean`,
`select` with `options` as [value, label] pairs, `positive_time_period_dict` for durations),
`valueMin`/`valueMax` from a range, `lengthMin`/`lengthMax` from a length. A validator this
module does not know adds nothing; a field with no type at all is offered as a `string` (the
configuration is validated in full when it is saved).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import voluptuous as vol

from hub.config import validation as cv

from . import DEVICE_KEYS

_DURATIONS = (cv.time_period, cv.time_period_template, cv.positive_time_period)
# validators that are a plain type in the editor
_PLAIN: dict[Any, str] = {
    str: "string",
    cv.string: "string",
    cv.entity_id: "string",
    cv.slug: "string",
    int: "integer",
    float: "float",
    bool: "boolean",
    cv.boolean: "boolean",
}
# the keys every device item carries already: never an extra field
_COMMON = frozenset(str(key.schema) for key in DEVICE_KEYS)


def extra_fields(schema: Mapping[Any, Any]) -> list[dict[str, Any]]:
    """The fields of a type's option schema, in declaration order (common keys left out)."""
    fields: list[dict[str, Any]] = []
    for key, validator in schema.items():
        name = str(getattr(key, "schema", key))
        if name in _COMMON:
            continue
        field: dict[str, Any] = {"name": name, **describe(validator)}
        field.setdefault("type", "string")
        if isinstance(key, vol.Required):
            field["required"] = True
        else:
            field["optional"] = True
        default = getattr(key, "default", vol.UNDEFINED)
        if default is not vol.UNDEFINED:
            field["default"] = default()
        fields.append(field)
    return fields


def describe(validator: Any) -> dict[str, Any]:
    """What the editor can be told about one validator (empty when nothing is known)."""
    if validator in _DURATIONS:
        return {"type": "positive_time_period_dict"}
    plain = _PLAIN.get(validator) if _hashable(validator) else None
    if plain is not None:
        return {"type": plain}
    for kind, build in _BUILDERS:
        if isinstance(validator, kind):
            return build(validator)
    return {}


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _all(validator: vol.All) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for part in validator.validators:
        out.update(describe(part))  # later parts refine (a string, then one of a list)
    return out


def _any(validator: vol.Any) -> dict[str, Any]:
    for part in validator.validators:  # the first alternative the editor can show
        found = describe(part)
        if found:
            return found
    return {}


def _coerce(validator: vol.Coerce) -> dict[str, Any]:
    return describe(validator.type)


def _range(validator: vol.Range | vol.Clamp) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if validator.min is not None:
        out["valueMin"] = validator.min
    if validator.max is not None:
        out["valueMax"] = validator.max
    return out


def _length(validator: vol.Length) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if validator.min is not None:
        out["lengthMin"] = validator.min
    if validator.max is not None:
        out["lengthMax"] = validator.max
    return out


def _in(validator: vol.In) -> dict[str, Any]:
    container = validator.container
    if isinstance(container, Mapping):
        options = [[value, str(label)] for value, label in container.items()]
    else:
        options = [[value, value] for value in container]
    return {"type": "select", "options": options}


_BUILDERS: tuple[tuple[type, Callable[[Any], dict[str, Any]]], ...] = (
    (vol.All, _all),
    (vol.Any, _any),
    (vol.Coerce, _coerce),
    (vol.Range, _range),
    (vol.Clamp, _range),
    (vol.Length, _length),
    (vol.In, _in),
)
