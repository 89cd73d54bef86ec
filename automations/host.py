"""Host: the narrow view of the hub that triggers, conditions and the script runner use."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from hub.clock import Clock
from hub.context import Context
from hub.events import EVENT_HOMEASSISTANT_STARTED, Event, EventFilter, Listener
from hub.integration import IntegrationContext
from hub.runtime import CoreState
from hub.states import State
from hub.sun import Location
from hub.templates import Template

from .webhooks import Webhooks

Unsubscribe = Callable[[], None]
_SHUTDOWN = (CoreState.STOPPING, CoreState.FINAL_WRITE, CoreState.STOPPED)


@dataclass(slots=True)
class EngineStats:
    """Public counters (used by tests and the benchmark to prove indexed dispatch)."""

    trigger_evaluations: int = 0
    runs_started: int = 0
    runs_finished: int = 0


@dataclass(slots=True)
class Host:
    """What the automation engine may do with the hub, built from an IntegrationContext."""

    ctx: IntegrationContext
    stats: EngineStats = field(default_factory=EngineStats)
    stopping: bool = False
    pending: Any = None  # PendingStore, when persistence is on
    webhooks: Webhooks | None = None  # the hub's webhook registry (see Shared.host)
    _started_waiters: list[Callable[[], None]] = field(default_factory=list)

    @property
    def clock(self) -> Clock:
        return self.ctx.clock

    @property
    def templates(self) -> Any:
        return self.ctx.templates

    @property
    def time_zone(self) -> tzinfo:
        return self.ctx.templates.time_zone  # type: ignore[no-any-return]

    @property
    def core(self) -> Any:
        return self.ctx.core

    @property
    def registries(self) -> Any:
        """The entity/device/area registries (read only here)."""
        return self.ctx.registries

    @property
    def location(self) -> Location:
        """The hub's location (from the core config, so it follows config reloads)."""
        return Location.of(self.ctx.core)

    def now(self) -> datetime:
        return self.ctx.clock.now()

    def local_now(self) -> datetime:
        return self.ctx.clock.now().astimezone(self.time_zone)

    def state(self, entity_id: str) -> State | None:
        return self.ctx.states.get(entity_id)

    def template(self, source: str) -> Template:
        return Template(str(source), self.ctx.templates)

    def listen(
        self, event_type: str, listener: Listener, *, event_filter: EventFilter | None = None
    ) -> Unsubscribe:
        return self.ctx.listen(event_type, listener, event_filter=event_filter)

    def listen_state(self, entity_ids: Iterable[str], listener: Listener) -> Unsubscribe:
        """Indexed per-entity state_changed listener (a dict lookup per state change)."""
        return self.ctx.listen_state(entity_ids, listener)

    def fire(
        self, event_type: str, data: Mapping[str, Any] | None = None, context: Context | None = None
    ) -> Event:
        return self.ctx.fire(event_type, data, context)

    def call_at(self, when: datetime | float, callback: Callable[[], Any]) -> Unsubscribe:
        return self.ctx.call_at(when, callback)

    def call_later(self, delay: float, callback: Callable[[], Any]) -> Unsubscribe:
        return self.ctx.call_later(delay, callback)

    def create_task(
        self, coro: Coroutine[Any, Any, Any], name: str, *, eager: bool = False
    ) -> asyncio.Task[Any]:
        return self.ctx.create_task(coro, name, eager=eager)

    @property
    def shutting_down(self) -> bool:
        """The hub is stopping: runs cancelled now keep their persisted delays."""
        return self.stopping or self.ctx.hub_state in _SHUTDOWN

    @property
    def is_running(self) -> bool:
        return self.ctx.hub_state is CoreState.RUNNING

    def when_started(self, callback: Callable[[], None]) -> Unsubscribe:
        """Run `callback` once the hub has finished starting (now, if it already has)."""
        if self.is_running:
            callback()
            return lambda: None
        return self.ctx.listen_once(EVENT_HOMEASSISTANT_STARTED, lambda _e: callback())
