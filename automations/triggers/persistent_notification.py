"""Persistent notification trigger: a notification is added, updated or removed."""

from __future__ import annotations

import fnmatch
from typing import Any

import voluptuous as vol

from ..host import Host, Unsubscribe
from . import FireCallback, TriggerInfo

UPDATE_TYPES = ("added", "removed", "current", "changed", "updated")
SCHEMA = {
    vol.Optional("notification_id"): str,
    vol.Optional("update_type"): vol.All(
        lambda v: v if isinstance(v, list) else [v], [vol.In(UPDATE_TYPES)]
    ),
}


def attach(
    host: Host, config: dict[str, Any], fire: FireCallback, info: TriggerInfo
) -> Unsubscribe:
    pattern = config.get("notification_id")
    types = set(config.get("update_type") or ("added", "removed", "changed"))
    if "updated" in types:
        types.add("changed")

    def listener(update_type: str, changed: dict[str, Any]) -> None:
        host.stats.trigger_evaluations += 1
        if update_type not in types:
            return
        for notification_id, item in changed.items():
            if pattern and not fnmatch.fnmatchcase(notification_id, pattern):
                continue
            fire(
                {
                    "platform": "persistent_notification",
                    "update_type": "updated" if update_type == "changed" else update_type,
                    "notification": item.as_dict(),
                    "description": f"notification {notification_id} {update_type}",
                },
                None,
            )

    return host.ctx.notifications.subscribe(listener)  # type: ignore[no-any-return]
