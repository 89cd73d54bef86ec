"""Tag trigger: a `tag_scanned` event for the given tag id(s), optionally from given devices."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.events import Event

from ..host import Host, Unsubscribe
from . import FireCallback, TriggerInfo

EVENT_TAG_SCANNED = "tag_scanned"
SCHEMA = {
    vol.Required("tag_id"): vol.All(cv.ensure_list, [vol.Coerce(str)]),
    vol.Optional("device_id"): vol.All(cv.ensure_list, [vol.Coerce(str)]),
}


def attach(
    host: Host, config: dict[str, Any], fire: FireCallback, info: TriggerInfo
) -> Unsubscribe:
    tags = set(config["tag_id"])
    devices = set(config.get("device_id") or ())

    def listener(event: Event) -> None:
        host.stats.trigger_evaluations += 1
        if event.data.get("tag_id") not in tags:
            return
        if devices and event.data.get("device_id") not in devices:
            return
        fire(
            {
                "platform": "tag",
                "tag_id": event.data.get("tag_id"),
                "device_id": event.data.get("device_id"),
                "event": event,
                "description": f"tag {event.data.get('tag_id')} scanned",
            },
            event.context,
        )

    return host.listen(EVENT_TAG_SCANNED, listener)
