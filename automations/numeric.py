"""Numeric comparison shared by the numeric_state trigger and condition."""

from __future__ import annotations

from typing import Any

from hub.states import State

from .host import Host

_UNUSABLE = ("unknown", "unavailable", "", None)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value in _UNUSABLE:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _limit(host: Host, limit: Any) -> float | None:
    if limit is None or isinstance(limit, (int, float)):
        return limit
    state = host.state(str(limit))  # an entity id whose state is the threshold
    return None if state is None else _number(state.state)


def numeric_value(
    host: Host, config: dict[str, Any], state: State | None, variables: dict[str, Any]
) -> float | None:
    """The number compared for `state` (attribute or value_template applied), or None."""
    if state is None:
        return None
    template = config.get("value_template")
    if template is not None:
        value = host.template(template).render({**variables, "state": state})
    elif config.get("attribute"):
        value = state.attributes.get(config["attribute"])
    else:
        value = state.state
    return _number(value)


def in_range(host: Host, config: dict[str, Any], value: float | None) -> bool:
    """above < value < below (missing limits are open); False if a limit is unavailable."""
    if value is None:
        return False
    if "above" in config:
        above = _limit(host, config["above"])
        if above is None or not value > above:
            return False
    if "below" in config:
        below = _limit(host, config["below"])
        if below is None or not value < below:
            return False
    return True
