"""Event trigger: an event of the given type(s), with data and context filters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.events import Event
from hub.templates import render_complex

from ..host import Host, Unsubscribe
from . import FireCallback, TriggerInfo

SCHEMA = {
    vol.Required("event_type"): vol.All(cv.ensure_list, [cv.template]),
    vol.Optional("event_data"): dict,
    vol.Optional("context"): {
        vol.Optional("user_id"): vol.All(cv.ensure_list, [str]),
        vol.Optional("parent_id"): vol.All(cv.ensure_list, [str]),
        vol.Optional("context_id"): vol.All(cv.ensure_list, [str]),
    },
}


def data_matches(wanted: Mapping[str, Any], data: Mapping[str, Any]) -> bool:
    """True when every key of `wanted` is in `data` with an equal value (nested subset)."""
    for key, value in wanted.items():
        if key not in data:
            return False
        actual = data[key]
        if isinstance(value, Mapping) and isinstance(actual, Mapping):
            if not data_matches(value, actual):
                return False
        elif actual != value and str(actual) != str(value):
            return False
    return True


def attach(
    host: Host, config: dict[str, Any], fire: FireCallback, info: TriggerInfo
) -> Unsubscribe:
    variables = info.variables
    types = [str(render_complex(t, variables, host.templates)) for t in config["event_type"]]
    wanted = render_complex(config.get("event_data") or {}, variables, host.templates)
    ctx_filter = config.get("context") or {}

    def listener(event: Event) -> None:
        host.stats.trigger_evaluations += 1
        if wanted and not data_matches(wanted, event.data):
            return
        if ctx_filter:
            ctx = event.context
            if "user_id" in ctx_filter and ctx.user_id not in ctx_filter["user_id"]:
                return
            if "parent_id" in ctx_filter and ctx.parent_id not in ctx_filter["parent_id"]:
                return
            if "context_id" in ctx_filter and ctx.id not in ctx_filter["context_id"]:
                return
        fire(
            {
                "platform": "event",
                "event": event,
                "description": f"event '{event.event_type}'",
            },
            event.context,
        )

    removers = [host.listen(t, listener) for t in dict.fromkeys(types)]

    def detach() -> None:
        for remove in removers:
            remove()

    return detach
