"""Numeric state trigger: fires when a value crosses into the above/below range (`for:` too)."""

from __future__ import annotations

import logging
from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.events import Event
from hub.templates import TemplateError

from ..host import Host, Unsubscribe
from ..numeric import in_range, numeric_value
from ..timing import period_seconds
from . import FireCallback, TriggerInfo
from .waiter import ForWaiter

_LOGGER = logging.getLogger(__name__)
_LIMIT = vol.Any(vol.Coerce(float), cv.entity_id)

SCHEMA = {
    vol.Required("entity_id"): cv.entity_ids,
    vol.Optional("attribute"): str,
    vol.Optional("above"): _LIMIT,
    vol.Optional("below"): _LIMIT,
    vol.Optional("value_template"): cv.template,
    vol.Optional("for"): cv.time_period_template,
}


def validate(config: dict[str, Any]) -> dict[str, Any]:
    if "above" not in config and "below" not in config:
        raise vol.Invalid("numeric_state needs 'above' or 'below'")
    return config


def attach(
    host: Host, config: dict[str, Any], fire: FireCallback, info: TriggerInfo
) -> Unsubscribe:
    period = config.get("for")

    def matching(entity_id: str) -> bool:
        try:
            value = numeric_value(host, config, host.state(entity_id), info.variables)
        except TemplateError as err:
            _LOGGER.warning("%s: numeric_state value_template failed: %s", info.name, err)
            return False
        return in_range(host, config, value)

    armed = {eid: not matching(eid) for eid in config["entity_id"]}
    waiter = ForWaiter(host, info, fire, lambda key, _v: matching(key))

    def listener(event: Event) -> None:
        host.stats.trigger_evaluations += 1
        entity_id: str = event.data["entity_id"]
        now_matching = matching(entity_id)
        was_armed = armed.get(entity_id, True)
        armed[entity_id] = not now_matching
        if not now_matching:
            waiter.cancel(entity_id)
            return
        if not was_armed or waiter.is_pending(entity_id):
            return  # still in range: only a crossing fires
        data: dict[str, Any] = {
            "platform": "numeric_state",
            "entity_id": entity_id,
            "below": config.get("below"),
            "above": config.get("above"),
            "from_state": event.data.get("old_state"),
            "to_state": event.data.get("new_state"),
            "for": None,
            "description": f"numeric state of {entity_id}",
        }
        if period is None:
            fire(data, event.context)
            return
        seconds = period_seconds(period, {**info.variables, "trigger": data}, host.templates)
        data["for"] = seconds
        waiter.start(entity_id, seconds, data, event.context, None)

    unsubscribe = host.listen_state(config["entity_id"], listener)
    waiter.restore()

    def detach() -> None:
        unsubscribe()
        waiter.detach()

    return detach
