"""Per-hub state shared by the automation, script and template integrations (traces, pending
timers, webhooks), kept in the `automation` domain's slot of `IntegrationContext.shared`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hub.integration import IntegrationContext, shared_of

from .host import EngineStats, Host
from .persistence import PendingStore
from .trace import TraceStore
from .trace_file import TraceFile
from .webhooks import Webhooks

# Script and template may set up before automation (automation lists them as after-deps), so
# whichever comes first creates the one Shared in the automation domain's slot.
SLOT = "automation"
_KEY = "engine"


@dataclass(slots=True)
class Shared:
    """Traces (kept in `.storage/automation.traces`), pending timers, counters, webhooks."""

    pending: PendingStore
    traces: TraceStore = field(default_factory=TraceStore)
    trace_file: TraceFile | None = None
    stats: EngineStats = field(default_factory=EngineStats)
    webhooks: Webhooks = field(default_factory=Webhooks)
    engines: dict[str, Any] = field(default_factory=dict)  # "automation" / "script" → engine
    loaded: bool = False
    users: int = 0

    def host(self, ctx: IntegrationContext) -> Host:
        """A Host for one integration's context, wired to this hub's counters and registries."""
        return Host(ctx, stats=self.stats, pending=self.pending, webhooks=self.webhooks)

    async def save(self) -> None:
        """Write pending timers and traces now (at shutdown)."""
        await self.pending.save()
        if self.trace_file is not None:
            await self.trace_file.save()


async def shared_for(ctx: IntegrationContext) -> Shared:
    """The shared state of `ctx`'s hub, created (and its pending timers loaded) on first use."""
    slot = ctx.shared(SLOT)
    shared = slot.get(_KEY)
    if not isinstance(shared, Shared):
        shared = slot[_KEY] = Shared(PendingStore(ctx.config_dir))
        shared.trace_file = TraceFile(ctx.config_dir, shared.traces)
    if not shared.loaded:
        await shared.pending.load()
        if shared.trace_file is not None:
            await shared.trace_file.load()
        shared.loaded = True
    return shared


def peek(hub: Any) -> Shared | None:
    """The shared state of `hub`, if an automation-engine integration has set it up."""
    shared = shared_of(hub, SLOT).get(_KEY)
    return shared if isinstance(shared, Shared) else None
