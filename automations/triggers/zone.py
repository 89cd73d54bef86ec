"""Zone trigger: a tracked entity enters or leaves a zone."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.events import Event
from hub.zones import state_in_zone

from ..host import Host, Unsubscribe
from . import FireCallback, TriggerInfo

SCHEMA = {
    vol.Required("entity_id"): cv.entity_ids,
    vol.Required("zone"): cv.entity_id,
    vol.Optional("event", default="enter"): vol.In(["enter", "leave"]),
}


def attach(
    host: Host, config: dict[str, Any], fire: FireCallback, info: TriggerInfo
) -> Unsubscribe:
    zone_id, wanted = config["zone"], config["event"]

    def listener(event: Event) -> None:
        host.stats.trigger_evaluations += 1
        old, new = event.data.get("old_state"), event.data.get("new_state")
        if old is None or new is None:
            return
        zone = host.state(zone_id)
        was, now = state_in_zone(zone, old), state_in_zone(zone, new)
        if (wanted == "enter" and not was and now) or (wanted == "leave" and was and not now):
            fire(
                {
                    "platform": "zone",
                    "entity_id": event.data["entity_id"],
                    "from_state": old,
                    "to_state": new,
                    "zone": zone,
                    "event": wanted,
                    "description": f"{event.data['entity_id']} {wanted} {zone_id}",
                },
                event.context,
            )

    return host.listen_state(config["entity_id"], listener)
