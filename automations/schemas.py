"""Validation of automation/script YAML into one canonical form (both HA spellings accepted).

Canonical: automations use `triggers`/`conditions`/`actions`; a trigger names its platform in
`trigger`; a service step names its service in `action`; shorthand conditions (a plain template
string, `- or: [...]`) become `{condition: ...}` mappings.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

import voluptuous as vol

from hub.config import validation as cv

from . import device
from .modes import MAX_EXCEEDED_LEVELS, RunMode

DEFAULT_STORED_TRACES = 5
DEFAULT_MAX = 10


def _rename(value: Mapping[str, Any], old: str, new: str) -> dict[str, Any]:
    if old in value and new in value:
        raise vol.Invalid(f"use either '{new}' or '{old}', not both")
    out = dict(value)
    if old in out:
        out[new] = out.pop(old)
    return out


def _validate_list(items: Any, validator: Callable[[Any], Any], what: str) -> list[Any]:
    result = []
    for index, item in enumerate(cv.ensure_list(items)):
        try:
            result.append(validator(item))
        except vol.Invalid as err:
            err.prepend([index])
            raise
    return result


# -- triggers ------------------------------------------------------------------------------
_TRIGGER_COMMON: dict[Any, Any] = {
    vol.Required("trigger"): str,
    vol.Optional("id"): vol.All(vol.Coerce(str)),
    vol.Optional("alias"): str,
    vol.Optional("enabled", default=True): vol.Any(cv.boolean, cv.template_only),
    vol.Optional("variables"): dict,
}


# Compiled once per platform/kind: building a vol.Schema per item was a third of the
# validation time of 1,000 automations at start.
@functools.cache
def _trigger_schema(module: ModuleType) -> vol.Schema:
    return vol.Schema({**_TRIGGER_COMMON, **module.SCHEMA})


def trigger(value: Any) -> dict[str, Any]:
    """One trigger; the platform schema comes from the trigger registry."""
    from .triggers import get_platform

    if not isinstance(value, Mapping):
        raise vol.Invalid("a trigger must be a mapping")
    value = _rename(value, "platform", "trigger")
    platform = value.get("trigger")
    if not isinstance(platform, str):
        raise vol.Invalid("trigger needs 'trigger:' (or 'platform:') naming its type")
    module = get_platform(platform)
    if module is None:
        raise vol.Invalid(f"unknown trigger platform {platform!r}", path=["trigger"])
    checked = _trigger_schema(module)(value)
    extra = getattr(module, "validate", None)
    return extra(checked) if extra is not None else checked


def triggers(value: Any) -> list[dict[str, Any]]:
    return _validate_list(value, trigger, "trigger")


# -- conditions ----------------------------------------------------------------------------
_ENTITY_OR_NUMBER = vol.Any(vol.Coerce(float), cv.entity_id)

_CONDITION_SCHEMAS: dict[str, dict[Any, Any]] = {
    "state": {
        vol.Required("entity_id"): cv.entity_ids,
        vol.Required("state"): vol.Any(cv.string, [cv.string], bool, int, float),
        vol.Optional("attribute"): str,
        vol.Optional("for"): cv.time_period_template,
        vol.Optional("match", default="all"): vol.In(["all", "any"]),
    },
    "numeric_state": {
        vol.Required("entity_id"): cv.entity_ids,
        vol.Optional("attribute"): str,
        vol.Optional("above"): _ENTITY_OR_NUMBER,
        vol.Optional("below"): _ENTITY_OR_NUMBER,
        vol.Optional("value_template"): cv.template,
    },
    "template": {vol.Required("value_template"): cv.template},
    "time": {
        vol.Optional("after"): vol.Any(cv.time, cv.entity_id),
        vol.Optional("before"): vol.Any(cv.time, cv.entity_id),
        vol.Optional("weekday"): vol.All(
            cv.ensure_list, [vol.In(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])]
        ),
    },
    "sun": {
        vol.Optional("after"): vol.In(["sunrise", "sunset"]),
        vol.Optional("before"): vol.In(["sunrise", "sunset"]),
        vol.Optional("after_offset"): cv.time_period,
        vol.Optional("before_offset"): cv.time_period,
    },
    "trigger": {vol.Required("id"): vol.All(cv.ensure_list, [vol.Coerce(str)])},
    "zone": {vol.Required("entity_id"): cv.entity_ids, vol.Required("zone"): cv.entity_ids},
}
_LOGIC = ("and", "or", "not")
_CONDITION_KEYS = ("condition", "alias", "enabled")


_CONDITION_COMMON: dict[Any, Any] = {
    vol.Required("condition"): str,
    vol.Optional("alias"): str,
    vol.Optional("enabled", default=True): vol.Any(cv.boolean, cv.template_only),
}


@functools.cache
def _condition_schema(kind: str) -> vol.Schema:
    if kind in _LOGIC:
        return vol.Schema({**_CONDITION_COMMON, vol.Required("conditions"): conditions})
    if kind == "device":  # the type's keys are checked by `device.validate`
        return vol.Schema({**_CONDITION_COMMON}, extra=vol.ALLOW_EXTRA)
    return vol.Schema({**_CONDITION_COMMON, **_CONDITION_SCHEMAS[kind]})


def condition(value: Any) -> dict[str, Any]:
    """One condition, shorthands expanded."""
    if isinstance(value, str):
        return {"condition": "template", "value_template": cv.template(value), "enabled": True}
    if not isinstance(value, Mapping):
        raise vol.Invalid("a condition must be a mapping or a template string")
    if "condition" not in value:
        for key in _LOGIC:
            if key in value:
                rest = {k: v for k, v in value.items() if k != key}
                value = {**rest, "condition": key, "conditions": value[key]}
                break
        else:
            raise vol.Invalid("condition needs 'condition:' naming its type")
    kind = value["condition"]
    if isinstance(kind, str) and cv.is_template_string(kind):  # `condition: "{{ ... }}"`
        rest = {k: v for k, v in value.items() if k != "condition"}
        value = {**rest, "condition": "template", "value_template": kind}
        kind = "template"
    if not (kind in _LOGIC or kind in _CONDITION_SCHEMAS or kind == "device"):
        raise vol.Invalid(f"unknown condition type {kind!r}", path=["condition"])
    checked = _condition_schema(kind)(dict(value))
    if kind == "device":
        return device.validate(device.CONDITIONS, checked, set(_CONDITION_KEYS))
    if kind in ("numeric_state",) and "above" not in checked and "below" not in checked:
        raise vol.Invalid("numeric_state needs 'above' or 'below'")
    if kind == "sun" and "after" not in checked and "before" not in checked:
        raise vol.Invalid("sun condition needs 'after' or 'before'")
    if kind == "state" and not isinstance(checked["state"], list):
        checked["state"] = [checked["state"]]
    if kind == "state":
        checked["state"] = [_state_str(s) for s in checked["state"]]
    return checked


def _state_str(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def conditions(value: Any) -> list[dict[str, Any]]:
    return _validate_list(value, condition, "condition")


# -- actions -------------------------------------------------------------------------------
def _sequence(value: Any) -> list[dict[str, Any]]:
    return _validate_list(value, action, "action")


_COMMON_STEP = {
    vol.Optional("alias"): str,
    vol.Optional("enabled", default=True): vol.Any(cv.boolean, cv.template_only),
    vol.Optional("continue_on_error", default=False): cv.boolean,
}

_WAIT_COMMON = {
    vol.Optional("timeout"): cv.time_period_template,
    vol.Optional("continue_on_timeout", default=True): cv.boolean,
}


def _choose_option(value: Any) -> dict[str, Any]:
    value = _rename(value, "condition", "conditions") if isinstance(value, Mapping) else value
    return vol.Schema(
        {
            vol.Optional("alias"): str,
            vol.Required("conditions"): conditions,
            vol.Required("sequence"): _sequence,
        }
    )(value)


def _repeat(value: Any) -> dict[str, Any]:
    checked = vol.Schema(
        {
            vol.Optional("count"): vol.Any(vol.Coerce(int), cv.template_only),
            vol.Optional("while"): conditions,
            vol.Optional("until"): conditions,
            vol.Optional("for_each"): vol.Any(cv.template_only, list),
            vol.Required("sequence"): _sequence,
        }
    )(value)
    kinds = [k for k in ("count", "while", "until", "for_each") if k in checked]
    if len(kinds) != 1:
        raise vol.Invalid("repeat needs exactly one of count, while, until, for_each")
    return checked


def _parallel_branch(value: Any) -> dict[str, Any]:
    if isinstance(value, Mapping) and "sequence" in value and len(set(value) - {"alias"}) == 1:
        return {"sequence": _sequence(value["sequence"]), "enabled": True}
    return action(value)


_STEP_SCHEMAS: dict[str, dict[Any, Any]] = {
    "action": {
        vol.Required("action"): cv.template,
        vol.Optional("target"): cv.target,
        vol.Optional("data"): vol.Any(cv.template_only, vol.All(dict, cv.template_complex)),
        vol.Optional("entity_id"): cv.comp_entity_ids,
        vol.Optional("response_variable"): str,
        vol.Optional("metadata"): dict,
    },
    "delay": {vol.Required("delay"): cv.time_period_template},
    "wait_template": {vol.Required("wait_template"): cv.template, **_WAIT_COMMON},
    "wait_for_trigger": {vol.Required("wait_for_trigger"): triggers, **_WAIT_COMMON},
    "event": {
        vol.Required("event"): cv.template,
        vol.Optional("event_data"): vol.All(dict, cv.template_complex),
        vol.Optional("event_data_template"): vol.All(dict, cv.template_complex),
    },
    "condition": {vol.Required("condition"): str},  # validated by `condition`
    "choose": {
        vol.Required("choose"): vol.All(cv.ensure_list, [_choose_option]),
        vol.Optional("default"): _sequence,
    },
    "if": {
        vol.Required("if"): conditions,
        vol.Required("then"): _sequence,
        vol.Optional("else"): _sequence,
    },
    "repeat": {vol.Required("repeat"): _repeat},
    "parallel": {vol.Required("parallel"): vol.All(cv.ensure_list, [_parallel_branch])},
    "sequence": {vol.Required("sequence"): _sequence},
    "variables": {vol.Required("variables"): vol.All(dict, cv.template_complex)},
    "stop": {
        vol.Required("stop"): cv.string,
        vol.Optional("error", default=False): cv.boolean,
        vol.Optional("response_variable"): str,
    },
}
_STEP_ORDER = (
    "action",
    "delay",
    "wait_template",
    "wait_for_trigger",
    "event",
    "condition",
    "choose",
    "if",
    "repeat",
    "parallel",
    "sequence",
    "variables",
    "stop",
)


def step_type(value: Mapping[str, Any]) -> str:
    """The step kind of a canonical action mapping."""
    for kind in _STEP_ORDER:
        if kind in value:
            return kind
    if "device_id" in value:
        return "device"
    raise vol.Invalid(
        "unknown action; expected one of: "
        + ", ".join(_STEP_ORDER)
        + " (or service:, or device_id: for a device action)"
    )


@functools.cache
def _step_schema(kind: str) -> vol.Schema:
    return vol.Schema({**_COMMON_STEP, **_STEP_SCHEMAS[kind]})


def action(value: Any) -> dict[str, Any]:
    """One script step, normalised (`service`/`service_template` → `action`, etc.)."""
    if not isinstance(value, Mapping):
        raise vol.Invalid("an action must be a mapping")
    value = dict(value)
    for old in ("service", "service_template", "scene"):
        if old in value:
            target = value.pop(old)
            if old == "scene":
                value.setdefault("target", {"entity_id": target})
                target = "scene.turn_on"
            if "action" in value:
                raise vol.Invalid(f"use either 'action' or '{old}', not both")
            value["action"] = target
    if "data_template" in value:
        value["data"] = {**(value.get("data") or {}), **value.pop("data_template")}
    if "event_data_template" in value:
        value["event_data"] = {
            **(value.get("event_data") or {}),
            **value.pop("event_data_template"),
        }
    kind = step_type(value)
    if kind == "condition":
        common = {k: value.pop(k) for k in ("continue_on_error",) if k in value}
        checked = condition(value)
        checked.update(common)
        checked.setdefault("continue_on_error", False)
        return checked
    if kind == "device":
        common = vol.Schema(_COMMON_STEP, extra=vol.ALLOW_EXTRA)(value)
        return device.validate(device.ACTIONS, common, {str(k) for k in _COMMON_STEP})
    checked = _step_schema(kind)(value)
    if kind == "action" and "entity_id" in checked:
        target = dict(checked.get("target") or {})
        target.setdefault("entity_id", checked.pop("entity_id"))
        checked["target"] = target
    return checked


def actions(value: Any) -> list[dict[str, Any]]:
    return _sequence(value)


# -- automations and scripts ---------------------------------------------------------------
def _mode_fields() -> dict[Any, Any]:
    return {
        vol.Optional("mode", default=RunMode.SINGLE.value): vol.In([m.value for m in RunMode]),
        vol.Optional("max", default=DEFAULT_MAX): vol.All(vol.Coerce(int), vol.Range(min=1)),
        vol.Optional("max_exceeded", default="warning"): vol.All(
            vol.Lower, vol.In(MAX_EXCEEDED_LEVELS)
        ),
        vol.Optional("trace"): {vol.Optional("stored_traces"): vol.Coerce(int)},
    }


AUTOMATION_SCHEMA = vol.Schema(
    {
        vol.Optional("id"): vol.Coerce(str),
        vol.Optional("alias"): cv.string,
        vol.Optional("description"): cv.string,
        vol.Optional("initial_state"): cv.boolean,
        vol.Optional("hide_entity"): cv.boolean,
        vol.Optional("variables"): vol.All(dict, cv.template_complex),
        vol.Optional("trigger_variables"): dict,
        vol.Required("triggers"): triggers,
        vol.Optional("conditions", default=list): conditions,
        vol.Required("actions"): actions,
        vol.Optional("enabled"): cv.boolean,
        **_mode_fields(),
    }
)


def automation(value: Any) -> dict[str, Any]:
    """Validate one automation (not a blueprint use; see blueprints.substitute)."""
    if not isinstance(value, Mapping):
        raise vol.Invalid("an automation must be a mapping")
    value = _rename(value, "trigger", "triggers")
    value = _rename(value, "condition", "conditions")
    value = _rename(value, "action", "actions")
    checked = AUTOMATION_SCHEMA(value)
    checked.setdefault("conditions", [])
    return checked


FIELD_SCHEMA = vol.Schema(
    {
        vol.Optional("name"): str,
        vol.Optional("description"): str,
        vol.Optional("example"): object,
        vol.Optional("default"): object,
        vol.Optional("required", default=False): cv.boolean,
        vol.Optional("selector"): object,
        vol.Optional("advanced"): cv.boolean,
    }
)

SCRIPT_SCHEMA = vol.Schema(
    {
        vol.Optional("alias"): cv.string,
        vol.Optional("description"): cv.string,
        vol.Optional("icon"): str,
        vol.Optional("variables"): vol.All(dict, cv.template_complex),
        vol.Optional("fields", default=dict): {str: FIELD_SCHEMA},
        vol.Required("sequence"): actions,
        **_mode_fields(),
    }
)


def script(value: Any) -> dict[str, Any]:
    """Validate one script body."""
    if not isinstance(value, Mapping):
        raise vol.Invalid("a script must be a mapping")
    return SCRIPT_SCHEMA(dict(value))
