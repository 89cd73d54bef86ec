"""Per-hub state shared by the automation and script integrations (traces, pending timers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from .host import EngineStats
from .persistence import PendingStore
from .trace import TraceStore


@dataclass(slots=True)
class Shared:
    pending: PendingStore
    traces: TraceStore = field(default_factory=TraceStore)
    stats: EngineStats = field(default_factory=EngineStats)
    engines: dict[str, Any] = field(default_factory=dict)  # "automation" / "script" → engine
    loaded: bool = False
    users: int = 0


_SHARED: WeakKeyDictionary[Any, Shared] = WeakKeyDictionary()


async def shared_for(hub: Any) -> Shared:
    """The shared state of `hub`, created (and its pending timers loaded) on first use."""
    shared = _SHARED.get(hub)
    if shared is None:
        shared = Shared(PendingStore(hub.config_dir))
        _SHARED[hub] = shared
    if not shared.loaded:
        await shared.pending.load()
        shared.loaded = True
    return shared


def peek(hub: Any) -> Shared | None:
    return _SHARED.get(hub)
