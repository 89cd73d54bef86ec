"""ForWaiter: the pending `for:` timers of one trigger, persisted so a restart keeps them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from hub.context import Context

from ..host import Host
from . import FireCallback, TriggerInfo

_LOGGER = logging.getLogger(__name__)

# check(key, value) → True while the condition that started the wait still holds.
StillTrue = Callable[[str, Any], bool]


class ForWaiter:
    """Timers keyed by entity (or template); firing re-checks the condition first."""

    def __init__(self, host: Host, info: TriggerInfo, fire: FireCallback, check: StillTrue):
        self._host = host
        self._info = info
        self._fire = fire
        self._check = check
        self._timers: dict[str, tuple[Callable[[], None], Any]] = {}
        self._prefix = f"for/{info.item_id}/{info.index}/"
        self._started_cancels: list[Callable[[], None]] = []

    def pending(self, key: str) -> Any:
        """The value a pending wait for `key` holds on to (None if none)."""
        timer = self._timers.get(key)
        return None if timer is None else timer[1]

    def is_pending(self, key: str) -> bool:
        return key in self._timers

    def start(
        self, key: str, seconds: float, data: dict[str, Any], context: Context | None, value: Any
    ) -> None:
        """Fire `data` after `seconds` unless cancelled or the condition stops holding."""
        if seconds <= 0:
            self._fire(data, context)
            return
        self.cancel(key)
        deadline = self._host.clock.timestamp() + seconds
        self._schedule(key, deadline, data, context, value)
        if self._host.pending is not None and self._info.persist:
            self._host.pending.add(self._prefix + key, deadline, {"data": data, "value": value})

    def _schedule(
        self, key: str, deadline: float, data: dict[str, Any], ctx: Context | None, value: Any
    ) -> None:
        def due() -> None:
            if not self._host.is_running:  # restored and already due: wait for the entities
                self._started_cancels.append(self._host.when_started(due))
                return
            self._timers.pop(key, None)
            self._forget(key)
            self._host.stats.trigger_evaluations += 1
            if self._check(key, value):
                self._fire(data, ctx)

        cancel = self._host.call_at(deadline, due)
        self._timers[key] = (cancel, value)

    def cancel(self, key: str) -> None:
        timer = self._timers.pop(key, None)
        if timer is not None:
            timer[0]()
            self._forget(key)

    def _forget(self, key: str) -> None:
        if self._host.pending is not None:
            self._host.pending.remove(self._prefix + key)

    def restore(self) -> None:
        """Re-arm waits persisted before a restart; due ones are checked once started."""
        if self._host.pending is None or not self._info.persist:
            return
        for full_key, entry in self._host.pending.with_prefix(self._prefix).items():
            key = full_key[len(self._prefix) :]
            payload = entry.get("data") or {}
            data = dict(payload.get("data") or {})
            data["restored"] = True
            _LOGGER.debug("Resuming `for:` wait of %s for %s", self._info.name, key)
            self._schedule(key, float(entry["deadline"]), data, None, payload.get("value"))

    def detach(self) -> None:
        """Cancel the timers; their persisted deadlines stay when the hub is stopping."""
        for cancel_started in self._started_cancels:
            cancel_started()
        self._started_cancels.clear()
        for key, (cancel, _value) in list(self._timers.items()):
            cancel()
            if not self._host.stopping:
                self._forget(key)
        self._timers.clear()
