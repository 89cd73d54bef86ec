"""Notifier: sends through named channels with fallback and keeps every delivery's status."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from hub.context import ulid
from hub.errors import DeviceError, NotFound
from hub.integration import IntegrationContext

from .channels import Channel, Message, short

_LOGGER = logging.getLogger(__name__)

EVENT_NOTIFY_DELIVERY = "notify_delivery"
MAX_DELIVERIES = 500


@dataclass(frozen=True, slots=True)
class Delivery:
    """One attempt on one channel. `requested` is the channel the caller asked for."""

    delivery_id: str
    requested: str
    channel: str
    status: str  # "delivered" | "failed"
    error: str | None
    at: datetime
    ref: str | None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        return data


class DeliveryFailed(DeviceError):
    """Every channel in the fallback chain failed."""

    def __init__(self, message: str, deliveries: list[Delivery]) -> None:
        super().__init__(message)
        self.deliveries = deliveries


class Notifier:
    """The configured channels; `send` walks the fallback chain until one delivers."""

    def __init__(self, ctx: IntegrationContext) -> None:
        self._ctx = ctx
        self._channels: dict[str, Channel] = {}
        self._fallback: dict[str, str | None] = {}
        self.deliveries: deque[Delivery] = deque(maxlen=MAX_DELIVERIES)

    def add(self, channel: Channel, fallback: str | None) -> None:
        self._channels[channel.name] = channel
        self._fallback[channel.name] = fallback

    @property
    def channels(self) -> list[str]:
        return sorted(self._channels)

    def has(self, name: str) -> bool:
        return name in self._channels

    async def send(
        self, name: str, msg: Message, *, ref: str | None = None, sensitive: bool = False
    ) -> list[Delivery]:
        """Deliver on `name`, then its fallbacks; returns the attempts. Raises DeliveryFailed
        when none delivered. `sensitive` deliveries are not announced on the bus."""
        if name not in self._channels:
            raise NotFound(f"Notification channel {name!r} is not configured")
        attempts: list[Delivery] = []
        current: str | None = name
        seen: set[str] = set()
        while current is not None and current not in seen:
            seen.add(current)
            channel = self._channels.get(current)
            if channel is None:
                break
            error: str | None = None
            try:
                await channel.send(msg)
            except Exception as err:  # a channel failure must never stop the fallback chain
                error = short(err)
                _LOGGER.warning("Notification on %s failed: %s", current, error)
            delivery = Delivery(
                ulid(),
                name,
                current,
                "failed" if error else "delivered",
                error,
                self._ctx.now(),
                ref,
            )
            attempts.append(delivery)
            self.deliveries.append(delivery)
            if not sensitive:
                self._ctx.fire(EVENT_NOTIFY_DELIVERY, delivery.as_dict())
            if error is None:
                return attempts
            current = self._fallback.get(current)
        reasons = "; ".join(f"{d.channel}: {d.error}" for d in attempts)
        raise DeliveryFailed(f"Notification via {name} was not delivered ({reasons})", attempts)

    def recent(self, ref: str | None = None) -> list[Mapping[str, Any]]:
        """Delivery records, oldest first (only those for `ref` when given)."""
        return [d.as_dict() for d in self.deliveries if ref is None or d.ref == ref]
