"""Sun trigger: sunrise or sunset at the hub's location, with an offset."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.sun import next_event

from ..host import Host, Unsubscribe
from . import FireCallback, TriggerInfo

SCHEMA = {
    vol.Required("event"): vol.In(["sunrise", "sunset"]),
    vol.Optional("offset", default=timedelta()): cv.time_period,
}


def attach(
    host: Host, config: dict[str, Any], fire: FireCallback, info: TriggerInfo
) -> Unsubscribe:
    cancel: list[Unsubscribe] = []
    event, offset = config["event"], config["offset"]

    def schedule() -> None:
        when = next_event(host.location, event, host.now(), offset=offset, tz=host.time_zone)
        if when is None:
            raise ValueError(f"no {event} within a year at this location")

        def due() -> None:
            host.stats.trigger_evaluations += 1
            fire(
                {
                    "platform": "sun",
                    "event": event,
                    "offset": offset,
                    "description": f"{event} with offset {offset}",
                },
                None,
            )
            schedule()

        cancel[:] = [host.call_at(when, due)]

    schedule()

    def detach() -> None:
        for c in cancel:
            c()

    return detach
