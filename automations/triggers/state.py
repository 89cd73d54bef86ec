"""State trigger: an entity's state (or attribute) changes from/to values, optionally `for:`."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.events import Event
from hub.states import State

from ..host import Host, Unsubscribe
from ..timing import period_seconds
from . import FireCallback, TriggerInfo
from .waiter import ForWaiter

_MISSING = object()


def _match_value(value: Any) -> Any:
    if value is None:
        return None
    values = value if isinstance(value, list) else [value]
    out = []
    for item in values:
        if isinstance(item, bool):
            out.append("on" if item else "off")
        elif item is None:
            out.append(None)
        else:
            out.append(str(item) if not isinstance(item, (int, float)) else item)
    return out


SCHEMA = {
    vol.Required("entity_id"): cv.entity_ids,
    vol.Optional("attribute"): str,
    vol.Optional("from"): _match_value,
    vol.Optional("to"): _match_value,
    vol.Optional("not_from"): _match_value,
    vol.Optional("not_to"): _match_value,
    vol.Optional("for"): cv.time_period_template,
}


def validate(config: dict[str, Any]) -> dict[str, Any]:
    if "from" in config and "not_from" in config:
        raise vol.Invalid("use either 'from' or 'not_from'")
    if "to" in config and "not_to" in config:
        raise vol.Invalid("use either 'to' or 'not_to'")
    return config


def value_of(state: State | None, attribute: str | None) -> Any:
    if state is None:
        return None
    if attribute is None:
        return state.state
    return state.attributes.get(attribute)


def _in(value: Any, spec: list[Any]) -> bool:
    if value in spec:
        return True
    return not isinstance(value, str) and str(value) in [str(s) for s in spec if s is not None]


def _matches(config: dict[str, Any], key: str, not_key: str, value: Any, state: Any) -> bool:
    spec = config.get(key, _MISSING)
    if spec is not _MISSING and spec is not None and not _in(value, spec):
        return False
    if spec is not _MISSING and spec is not None and state is None:
        return False
    negative = config.get(not_key)
    return not (negative is not None and _in(value, negative))


def attach(
    host: Host, config: dict[str, Any], fire: FireCallback, info: TriggerInfo
) -> Unsubscribe:
    attribute: str | None = config.get("attribute")
    has_filter = any(k in config for k in ("from", "to", "not_from", "not_to"))
    period = config.get("for")

    def still(key: str, value: Any) -> bool:
        current = host.state(key)
        return current is not None and value_of(current, attribute) == value

    waiter = ForWaiter(host, info, fire, still)

    def listener(event: Event) -> None:
        host.stats.trigger_evaluations += 1
        entity_id: str = event.data["entity_id"]
        old: State | None = event.data.get("old_state")
        new: State | None = event.data.get("new_state")
        old_v, new_v = value_of(old, attribute), value_of(new, attribute)
        if waiter.is_pending(entity_id):
            if new is not None and new_v == waiter.pending(entity_id):
                return  # the wait continues (e.g. the entity came back after a restart)
            waiter.cancel(entity_id)
        if new is None:
            return
        if attribute is not None and old_v == new_v:
            return  # another attribute or the state changed, not this attribute
        if has_filter and old is not None and old_v == new_v:
            return  # only attributes changed
        if not _matches(config, "from", "not_from", old_v, old):
            return
        if not _matches(config, "to", "not_to", new_v, new):
            return
        data: dict[str, Any] = {
            "platform": "state",
            "entity_id": entity_id,
            "from_state": old,
            "to_state": new,
            "attribute": attribute,
            "for": None,
            "description": f"state of {entity_id}",
        }
        if period is None:
            fire(data, event.context)
            return
        variables = {**info.variables, "trigger": data}
        seconds = period_seconds(period, variables, host.templates)
        data["for"] = seconds
        waiter.start(entity_id, seconds, data, event.context, new_v)

    unsubscribe = host.listen_state(config["entity_id"], listener)
    waiter.restore()

    def detach() -> None:
        unsubscribe()
        waiter.detach()

    return detach
