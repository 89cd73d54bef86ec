"""Builders for entity-based device types: each maps onto a state or numeric_state trigger, a
state or numeric comparison, or a service call on the entity."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import voluptuous as vol

from hub.config import validation as cv

from ..host import Host, Unsubscribe
from ..numeric import in_range, numeric_value
from ..timing import period_seconds
from ..triggers import FireCallback, TriggerInfo
from ..triggers import numeric_state as numeric_platform
from ..triggers import state as state_platform
from . import ActionType, Applies, ConditionType, TriggerType, always

_LIMIT = vol.Any(vol.Coerce(float), cv.entity_id)
FOR_KEY: dict[Any, Any] = {vol.Optional("for"): cv.time_period_template}
RANGE_KEYS: dict[Any, Any] = {vol.Optional("above"): _LIMIT, vol.Optional("below"): _LIMIT}


def _above_or_below(config: dict[str, Any]) -> dict[str, Any]:
    if "above" not in config and "below" not in config:
        raise vol.Invalid("needs 'above' or 'below'")
    return config


# -- triggers ---------------------------------------------------------------------------------
def state_trigger(
    type_name: str,
    to: Iterable[str] | None,
    *,
    attribute: str | None = None,
    to_key: str | None = None,
    schema: Mapping[Any, Any] | None = None,
    applies: Applies = always,
) -> TriggerType:
    """Fires when the state (or `attribute`) changes to one of `to` (None: to anything), or to
    the option `to_key` names; `for:` is handled by the state trigger (kept across restarts)."""
    targets = None if to is None else list(to)

    def attach(
        host: Host, config: dict[str, Any], fire: FireCallback, info: TriggerInfo
    ) -> Unsubscribe:
        wanted = [config[to_key]] if to_key is not None else targets
        state_config: dict[str, Any] = {"entity_id": [config["entity_id"]], "to": wanted}
        if attribute is not None:
            state_config["attribute"] = attribute
        if "for" in config:
            state_config["for"] = config["for"]
        return state_platform.attach(host, state_config, fire, info)

    return TriggerType(type_name, attach, schema={**FOR_KEY, **(schema or {})}, applies=applies)


def numeric_trigger(
    type_name: str, *, attribute: str | None = None, applies: Applies = always
) -> TriggerType:
    """Fires when the value (or `attribute`) crosses into `above`/`below`, optionally `for:`."""

    def attach(
        host: Host, config: dict[str, Any], fire: FireCallback, info: TriggerInfo
    ) -> Unsubscribe:
        numeric: dict[str, Any] = {"entity_id": [config["entity_id"]]}
        for key in ("above", "below", "for"):
            if key in config:
                numeric[key] = config[key]
        if attribute is not None:
            numeric["attribute"] = attribute
        return numeric_platform.attach(host, numeric, fire, info)

    return TriggerType(
        type_name,
        attach,
        schema={**RANGE_KEYS, **FOR_KEY},
        validate=_above_or_below,
        applies=applies,
    )


# -- conditions -------------------------------------------------------------------------------
def state_condition(
    type_name: str,
    states: Iterable[str] | None = None,
    *,
    attribute: str | None = None,
    state_key: str | None = None,
    schema: Mapping[Any, Any] | None = None,
    applies: Applies = always,
) -> ConditionType:
    """The state (or `attribute`) is one of `states` (or the option `state_key` names), for at
    least `for:` when given (measured from the state's last change)."""
    accepted = frozenset(states or ())

    def check(host: Host, config: Mapping[str, Any], variables: Mapping[str, Any]) -> bool:
        state = host.state(config["entity_id"])
        if state is None:
            return False
        value = state.state if attribute is None else state.attributes.get(attribute)
        wanted = {config[state_key]} if state_key is not None else accepted
        if value not in wanted:
            return False
        period = config.get("for")
        if period is None:
            return True
        seconds = period_seconds(period, variables, host.templates)
        return (host.now() - state.last_changed).total_seconds() >= seconds

    keys = {**(schema or {})} if state_key is not None else {**FOR_KEY, **(schema or {})}
    return ConditionType(type_name, check, schema=keys, applies=applies)


def numeric_condition(
    type_name: str, *, attribute: str | None = None, applies: Applies = always
) -> ConditionType:
    """The value (or `attribute`) is above/below the limits."""

    def check(host: Host, config: Mapping[str, Any], variables: Mapping[str, Any]) -> bool:
        options: dict[str, Any] = {k: config[k] for k in ("above", "below") if k in config}
        if attribute is not None:
            options["attribute"] = attribute
        value = numeric_value(host, options, host.state(config["entity_id"]), dict(variables))
        return in_range(host, options, value)

    return ConditionType(
        type_name, check, schema=RANGE_KEYS, validate=_above_or_below, applies=applies
    )


# -- actions ----------------------------------------------------------------------------------
def service_action(
    type_name: str,
    service: str,
    *,
    schema: Mapping[Any, Any] | None = None,
    data: Mapping[str, Any] | None = None,
    applies: Applies = always,
) -> ActionType:
    """Calls `service` on the entity with the options of `schema` (and the fixed `data`)."""
    keys = dict(schema or {})
    fields = tuple(str(getattr(key, "schema", key)) for key in keys)
    return ActionType(
        type_name,
        service,
        schema=keys,
        fields=fields,
        data=dict(data or {}),
        applies=applies,
    )
