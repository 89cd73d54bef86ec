"""Template trigger: fires when the template turns true (re-rendered only on entity changes)."""

from __future__ import annotations

import logging
from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.events import Event
from hub.templates import RenderInfo, result_as_boolean

from ..host import Host, Unsubscribe
from ..timing import period_seconds
from ..tracker import TemplateTracker
from . import FireCallback, TriggerInfo
from .waiter import ForWaiter

_LOGGER = logging.getLogger(__name__)

SCHEMA = {
    vol.Required("value_template"): cv.template,
    vol.Optional("for"): cv.time_period_template,
}
KEY = "template"


def attach(
    host: Host, config: dict[str, Any], fire: FireCallback, info: TriggerInfo
) -> Unsubscribe:
    period = config.get("for")
    template = host.template(config["value_template"])
    last = {"value": True}  # a template already true at attach must go false first

    def still(_key: str, _value: Any) -> bool:
        return last["value"]

    waiter = ForWaiter(host, info, fire, still)

    def on_result(result: RenderInfo, event: Event | None) -> None:
        if result.exception is not None:
            _LOGGER.warning("%s: template trigger failed: %s", info.name, result.exception)
            value = False
        else:
            value = result_as_boolean(result.result)
        previous, last["value"] = last["value"], value
        if event is None:
            return
        if not value:
            waiter.cancel(KEY)
            return
        if previous or waiter.is_pending(KEY):
            return
        data: dict[str, Any] = {
            "platform": "template",
            "entity_id": event.data.get("entity_id"),
            "from_state": event.data.get("old_state"),
            "to_state": event.data.get("new_state"),
            "for": None,
            "description": "template",
        }
        if period is None:
            fire(data, event.context)
            return
        seconds = period_seconds(period, {**info.variables, "trigger": data}, host.templates)
        data["for"] = seconds
        waiter.start(KEY, seconds, data, event.context, None)

    tracker = TemplateTracker(host, template, info.variables, on_result)
    first = tracker.start()
    last["value"] = first.exception is None and result_as_boolean(first.result)
    waiter.restore()

    def detach() -> None:
        tracker.stop()
        waiter.detach()

    return detach
