"""Home Assistant trigger: the hub started (or the automation was loaded at start) / is stopping."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from hub.events import EVENT_HOMEASSISTANT_STOP, Event

from ..host import Host, Unsubscribe
from . import FireCallback, TriggerInfo

SCHEMA = {vol.Required("event"): vol.In(["start", "shutdown"])}


def attach(
    host: Host, config: dict[str, Any], fire: FireCallback, info: TriggerInfo
) -> Unsubscribe:
    event_name = config["event"]
    data = {"platform": "homeassistant", "event": event_name, "description": event_name}
    if event_name == "shutdown":

        def on_stop(event: Event) -> None:
            host.stats.trigger_evaluations += 1
            fire(dict(data), event.context)

        return host.listen(EVENT_HOMEASSISTANT_STOP, on_stop)
    if host.is_running:
        return lambda: None  # attached by a reload: the hub is not starting now
    return host.when_started(lambda: fire(dict(data), None))
