"""What the alarm must not forget across a restart (a power cut an intruder caused): open
incidents with their escalation progress, wrong-code lockouts, life-safety playbook holds and
the hashes of live acknowledge links.
Kept in one private, atomic, versioned Store and saved on every change."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from hub.storage import StorageError, Store

from .escalation import Incident

if TYPE_CHECKING:
    from hub.integration import IntegrationContext

    from .system import AlarmSystem

_LOGGER = logging.getLogger(__name__)

STORE_KEY = "alarm.runtime"
STORE_VERSION = 1


class Snapshot:
    """Loads the stored runtime state before the alarm starts and saves it after each change."""

    def __init__(self, ctx: IntegrationContext, system: AlarmSystem) -> None:
        self._ctx = ctx
        self._system = system
        # 0600: it holds which incidents are silent (duress), like the audit log does.
        self._store: Store | None = Store(ctx.config_dir, STORE_KEY, STORE_VERSION, private=True)
        self._loaded: dict[str, Any] = {}
        self._dirty = False
        self._task: asyncio.Task[None] | None = None

    async def load(self) -> None:
        """Read the stored state. An unreadable (or newer) document is reported to the user and
        left untouched: the alarm then runs without persistence rather than destroy it."""
        assert self._store is not None
        try:
            data = await self._store.load()
        except StorageError as err:
            _LOGGER.error("Alarm runtime state not restored: %s", err)
            self._ctx.notify(
                f"The alarm could not read its saved incidents, lockouts and playbook holds "
                f"({err}). They were not restored and will not be saved until the file is "
                f"fixed or removed.",
                "Alarm state not restored",
                "alarm_runtime_state",
            )
            self._store = None
            return
        self._loaded = data if isinstance(data, dict) else {}

    def restore(self) -> None:
        """Apply the loaded state (before the areas resume), audit it and start saving."""
        system = self._system
        now = self._ctx.clock.timestamp()
        incidents = self._incidents(self._loaded.get("incidents") or [])
        system.escalator.restore(incidents)
        lockouts = system.codes.lockout.restore(self._loaded.get("lockouts") or {}, now)
        holds = system.playbooks.restore(self._loaded.get("playbooks") or {})
        system.links.restore(self._loaded.get("links") or [])
        visible = [i for i in incidents if not i.silent]
        if visible or lockouts or holds:
            system.audit.record(
                "alarm.restored",
                context=None,
                target="alarm",
                details={
                    "incidents": [
                        {
                            "incident_id": i.incident_id,
                            "area": i.area,
                            "kind": i.kind,
                            "status": i.status,
                            "tier": i.tier,
                        }
                        for i in visible
                    ],
                    "lockouts": {
                        source: round(system.codes.lockout.remaining(source, now))
                        for source in lockouts
                    },
                    "playbooks": holds,
                },
            )
        for incident in incidents:
            if incident.silent:  # the duress flag stays in the audit sink only
                system.audit.record(
                    "alarm.restored",
                    context=None,
                    target=incident.area,
                    details={
                        "incident_id": incident.incident_id,
                        "kind": incident.kind,
                        "status": incident.status,
                        "tier": incident.tier,
                        "silent_incident": True,
                    },
                    private=True,
                )
        self._loaded = {}
        system.escalator.on_change = self.changed
        system.codes.lockout.on_change = self.changed
        system.playbooks.on_change = self.changed
        system.links.on_change = self.changed
        self._ctx.on_unload(self.flush)
        self.changed()

    def changed(self) -> None:
        """Something to remember changed: write it soon. Changes made in the same loop turn
        are written together; the write goes to a thread, one at a time, in order."""
        if self._store is None or self._dirty:
            return
        self._dirty = True
        self._task = self._ctx.create_task(self._write(), "save-runtime-state")

    async def _write(self) -> None:
        if self._store is None:
            return
        self._dirty = False
        try:
            await self._store.save(self._data())
        except OSError:
            _LOGGER.exception("Could not save the alarm runtime state")

    async def flush(self) -> None:
        """Finish the write in flight and any pending change (at unload)."""
        if self._task is not None and not self._task.done():
            await asyncio.shield(self._task)
        if self._dirty:
            await self._write()

    def _data(self) -> dict[str, Any]:
        system = self._system
        return {
            "incidents": system.escalator.snapshot(),
            "lockouts": system.codes.lockout.snapshot(self._ctx.clock.timestamp()),
            "playbooks": system.playbooks.snapshot(),
            "links": system.links.snapshot(),  # SHA-256 digests only, never a usable link
        }

    def _incidents(self, stored: list[Any]) -> list[Incident]:
        """Stored incidents of areas that are still configured; malformed ones are skipped."""
        incidents = []
        for item in stored:
            try:
                incident = Incident.from_stored(item)
            except (KeyError, TypeError, ValueError):
                _LOGGER.warning("Ignoring a malformed stored alarm incident")
                continue
            if incident.area not in self._system.areas:
                _LOGGER.warning(
                    "Dropping incident %s of area %s, which is no longer configured",
                    incident.incident_id,
                    incident.area,
                )
                continue
            incidents.append(incident)
        return incidents
