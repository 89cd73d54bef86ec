"""Persistent notifications: user-visible problems and messages (failed setups, repairs)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .clock import Clock
from .context import ulid
from .entity import sanitize
from .events import EventBus

EVENT_NOTIFICATIONS_UPDATED = "persistent_notifications_updated"
MAX_MESSAGE_LENGTH = 4000


@dataclass(frozen=True, slots=True)
class Notification:
    notification_id: str
    title: str | None
    message: str
    created_at: datetime

    def as_dict(self) -> dict[str, Any]:
        return {
            "notification_id": self.notification_id,
            "title": self.title,
            "message": self.message,
            "created_at": self.created_at.isoformat(),
        }


NotificationListener = Callable[[str, dict[str, Notification]], None]


class Notifications:
    """The current notifications; listeners get `(update_type, changed)` like HA's websocket."""

    def __init__(self, bus: EventBus, clock: Clock) -> None:
        self._bus = bus
        self._clock = clock
        self._items: dict[str, Notification] = {}
        self._listeners: list[NotificationListener] = []

    def create(
        self, message: str, title: str | None = None, notification_id: str | None = None
    ) -> str:
        """Add or replace a notification; returns its id."""
        notification_id = notification_id or ulid()
        existed = notification_id in self._items
        item = Notification(
            notification_id,
            sanitize(title, 200) if title else None,
            sanitize(message.replace("\n", " \u2028 "), MAX_MESSAGE_LENGTH).replace(
                " \u2028 ", "\n"
            ),
            self._clock.now(),
        )
        self._items[notification_id] = item
        self._notify("changed" if existed else "added", {notification_id: item})
        return notification_id

    def dismiss(self, notification_id: str) -> bool:
        item = self._items.pop(notification_id, None)
        if item is None:
            return False
        self._notify("removed", {notification_id: item})
        return True

    def dismiss_all(self) -> None:
        removed, self._items = self._items, {}
        if removed:
            self._notify("removed", removed)

    def all(self) -> dict[str, Notification]:
        return dict(self._items)

    def get(self, notification_id: str) -> Notification | None:
        return self._items.get(notification_id)

    def subscribe(self, listener: NotificationListener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _notify(self, update_type: str, changed: dict[str, Notification]) -> None:
        for listener in list(self._listeners):
            listener(update_type, changed)
        self._bus.fire(
            EVENT_NOTIFICATIONS_UPDATED, {"update_type": update_type, "ids": list(changed)}
        )
