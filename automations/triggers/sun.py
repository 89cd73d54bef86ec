"""Sun trigger: sunrise or sunset at the hub's location, with an offset."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import voluptuous as vol

from hub.config import validation as cv

from ..host import Host, Unsubscribe
from ..sun import next_sun_event
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
        when = next_sun_event(host, event, offset, host.now())

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
