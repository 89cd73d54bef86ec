"""Event and EventBus: typed events with context, listeners indexed by type and entity."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from .clock import Clock
from .context import Context
from .redaction import redact_secrets

_LOGGER = logging.getLogger(__name__)

MATCH_ALL = "*"
EVENT_STATE_CHANGED = "state_changed"
EVENT_STATE_REPORTED = "state_reported"
EVENT_CALL_SERVICE = "call_service"
EVENT_SERVICE_REGISTERED = "service_registered"
EVENT_SERVICE_REMOVED = "service_removed"
EVENT_HOMEASSISTANT_START = "homeassistant_start"
EVENT_HOMEASSISTANT_STARTED = "homeassistant_started"
EVENT_HOMEASSISTANT_STOP = "homeassistant_stop"
EVENT_HOMEASSISTANT_FINAL_WRITE = "homeassistant_final_write"
EVENT_HOMEASSISTANT_CLOSE = "homeassistant_close"
EVENT_COMPONENT_LOADED = "component_loaded"
EVENT_CORE_CONFIG_UPDATE = "core_config_updated"

Unsubscribe = Callable[[], None]
Listener = Callable[["Event"], Awaitable[None] | None]
EventFilter = Callable[["Event"], bool]


def json_default(obj: Any) -> Any:
    """orjson fallback for hub objects: anything with `as_dict`, sets and mappings."""
    if hasattr(obj, "as_dict"):
        return obj.as_dict()
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    if isinstance(obj, Mapping):
        return dict(obj)
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


def dumps(obj: Any) -> bytes:
    """Serialise to JSON bytes with the hub's types understood (an exact-size object)."""
    data = orjson.dumps(obj, default=json_default, option=orjson.OPT_NON_STR_KEYS)
    # orjson returns its working buffer: a 200-byte document keeps 4 KiB allocated, a 3 KB one
    # 32 KiB. Serialised states and events are cached and queued (per client, recorder), so
    # that cost ~20x their size in memory; copying into an exact-size object costs ~0.2 us.
    return memoryview(data).tobytes()


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened; immutable, with its cause in `context`."""

    event_type: str
    data: Mapping[str, Any]
    time_fired: datetime
    context: Context
    origin: str = "LOCAL"
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def as_dict(self) -> dict[str, Any]:
        """The Home Assistant wire form (computed once)."""
        cached = self._cache.get("dict")
        if cached is None:
            cached = {
                "event_type": self.event_type,
                "data": redact_secrets(self.data),  # listeners get the data; the wire never
                "origin": self.origin,
                "time_fired": self.time_fired.isoformat(),
                "context": self.context.as_dict(),
            }
            self._cache["dict"] = cached
        return cached

    def json(self) -> bytes:
        """The wire form as JSON bytes (computed once, shared by every subscriber)."""
        cached = self._cache.get("json")
        if cached is None:
            cached = dumps(self.as_dict())
            self._cache["json"] = cached
        return cached


@dataclass(slots=True)
class _Subscription:
    listener: Listener
    is_coroutine: bool
    event_filter: EventFilter | None
    once: bool = False
    active: bool = True


class EventBus:
    """Fires events to listeners; plain callbacks run inline, coroutines as tasks."""

    def __init__(self, clock: Clock | None = None) -> None:
        self._clock = clock or Clock()
        self._by_type: dict[str, list[_Subscription]] = {}
        self._by_entity: dict[str, dict[str, list[_Subscription]]] = {}
        self._tasks: set[asyncio.Task[Any]] = set()

    # -- subscribing -------------------------------------------------------------------
    def listen(
        self,
        event_type: str,
        listener: Listener,
        *,
        event_filter: EventFilter | None = None,
    ) -> Unsubscribe:
        """Call `listener` for every event of `event_type` (or MATCH_ALL) passing the filter."""
        sub = _Subscription(listener, _is_coroutine(listener), event_filter)
        return self._add(self._by_type.setdefault(event_type, []), sub)

    def listen_once(self, event_type: str, listener: Listener) -> Unsubscribe:
        """Call `listener` for the next event of `event_type` only."""
        sub = _Subscription(listener, _is_coroutine(listener), None, once=True)
        return self._add(self._by_type.setdefault(event_type, []), sub)

    def listen_entities(
        self, event_type: str, entity_ids: Iterable[str], listener: Listener
    ) -> Unsubscribe:
        """Call `listener` for events of `event_type` whose data `entity_id` is in `entity_ids`.

        Dispatch is a dict lookup per event, whatever the number of such listeners.
        """
        index = self._by_entity.setdefault(event_type, {})
        sub = _Subscription(listener, _is_coroutine(listener), None)
        removers = [self._add(index.setdefault(eid, []), sub) for eid in set(entity_ids)]

        def unsubscribe() -> None:
            for remove in removers:
                remove()
            for eid in [eid for eid, subs in index.items() if not subs]:
                del index[eid]

        return unsubscribe

    @staticmethod
    def _add(bucket: list[_Subscription], sub: _Subscription) -> Unsubscribe:
        bucket.append(sub)

        def unsubscribe() -> None:
            sub.active = False
            try:
                bucket.remove(sub)
            except ValueError:
                pass

        return unsubscribe

    def listener_counts(self) -> dict[str, int]:
        """Listeners per event type (entity-indexed ones counted under their type)."""
        counts = {etype: len(subs) for etype, subs in self._by_type.items() if subs}
        for etype, index in self._by_entity.items():
            total = sum(len(subs) for subs in index.values())
            if total:
                counts[etype] = counts.get(etype, 0) + total
        return counts

    # -- firing ------------------------------------------------------------------------
    def fire(
        self,
        event_type: str,
        data: Mapping[str, Any] | None = None,
        *,
        context: Context | None = None,
        origin: str = "LOCAL",
        time_fired: datetime | None = None,
    ) -> Event:
        """Create and dispatch an event; returns it. Must be called from the event loop."""
        event = Event(
            event_type,
            data if data is not None else {},
            time_fired or self._clock.now(),
            context or Context(),
            origin,
        )
        self.dispatch(event)
        return event

    def dispatch(self, event: Event) -> None:
        """Deliver an existing event to its listeners."""
        index = self._by_entity.get(event.event_type)
        if index:
            entity_id = event.data.get("entity_id")
            if isinstance(entity_id, str):
                subs = index.get(entity_id)
                if subs:
                    self._deliver(subs, event)
        subs = self._by_type.get(event.event_type)
        if subs:
            self._deliver(subs, event)
        if event.event_type != EVENT_STATE_REPORTED:
            subs = self._by_type.get(MATCH_ALL)
            if subs:
                self._deliver(subs, event)

    def _deliver(self, subs: list[_Subscription], event: Event) -> None:
        for sub in list(subs):  # a copy: listeners may unsubscribe while we iterate
            if not sub.active:
                continue
            try:
                if sub.event_filter is not None and not sub.event_filter(event):
                    continue
                if sub.once:
                    sub.active = False
                    subs.remove(sub)
                if sub.is_coroutine:
                    task = asyncio.get_running_loop().create_task(
                        sub.listener(event),  # type: ignore[arg-type]
                        name=f"listener:{event.event_type}",
                    )
                    self._tasks.add(task)
                    task.add_done_callback(self._task_done)
                else:
                    sub.listener(event)
            except Exception:
                _LOGGER.exception("Error in listener %r for %s", sub.listener, event.event_type)

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and (exc := task.exception()) is not None:
            _LOGGER.error("Error in listener task %s", task.get_name(), exc_info=exc)

    async def drain(self) -> None:
        """Wait for coroutine listeners already started (used at shutdown and in tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def cancel_pending(self) -> None:
        """Cancel listener tasks that are still running."""
        for task in list(self._tasks):
            task.cancel()


def _is_coroutine(listener: Callable[..., Any]) -> bool:
    target = getattr(listener, "func", listener)  # functools.partial
    return inspect.iscoroutinefunction(target) or inspect.iscoroutinefunction(
        getattr(target, "__call__", None)  # noqa: B004
    )
