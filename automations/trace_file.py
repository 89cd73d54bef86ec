"""TraceFile: the trace store written to `.storage/automation.traces` so traces survive a restart.

Writes are debounced (one write per SAVE_DELAY at most, off the run's path and off the event
loop) and bounded: at most
MAX_STORED_TRACES traces in all, MAX_STORED_STEPS steps and MAX_TRACE_BYTES per trace. What is
stored is the trace's wire form: secret keys (`code`, `password`, `token`...) redacted and the
run's secret values masked in its text (trace_secrets.py) before anything reaches the disk.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from hub.events import json_default
from hub.storage import StorageError, Store

from .trace import RunTrace, StoredTrace, TraceStore

_LOGGER = logging.getLogger(__name__)

STORAGE_KEY = "automation.traces"
STORAGE_VERSION = 1
SAVE_DELAY = 10.0
MAX_STORED_TRACES = 500
MAX_STORED_STEPS = 200
MAX_TRACE_BYTES = 32_768


def encode(trace: RunTrace) -> dict[str, Any]:
    """The stored form of a finished trace: redacted, steps capped, size capped."""
    data = trace.as_dict()
    steps = data["trace"]["steps"]
    if len(steps) > MAX_STORED_STEPS:
        data["trace"]["steps"] = steps[:MAX_STORED_STEPS]
        data["trace"]["steps_truncated"] = len(steps) - MAX_STORED_STEPS
    # as_dict() already replaced secret keys and masked the run's secret values
    if len(orjson.dumps(data, default=json_default)) > MAX_TRACE_BYTES:
        data = {k: v for k, v in data.items() if k not in ("trace", "variables", "response")}
        data["trace"] = {"trigger": None, "conditions": [], "steps": [], "truncated": True}
        data["variables"] = {}
        data["response"] = None
    return data


def decode(data: Any) -> StoredTrace | None:
    """A stored trace back, or None when the entry is not one (it is then skipped)."""
    try:
        started = datetime.fromisoformat(data["timestamp"]["start"])
        return StoredTrace(
            str(data["domain"]), str(data["item_id"]), str(data["run_id"]), started, data
        )
    except (KeyError, TypeError, ValueError):
        return None


class TraceFile:
    """Keeps `.storage/automation.traces` in step with a TraceStore.

    The loop only picks which traces to keep; serialising, redacting and writing run in a
    worker thread (traces are not changed once finished), so a save never stalls the loop.
    """

    def __init__(self, config_dir: Path, traces: TraceStore) -> None:
        # Traces hold personal data (who came home when): owner-only file.
        self._store = Store(config_dir, STORAGE_KEY, STORAGE_VERSION, private=True)
        self._traces = traces
        self._encoded: dict[str, dict[str, Any]] = {}  # run_id → stored form, computed once
        self._timer: asyncio.TimerHandle | None = None
        self._lock = asyncio.Lock()

    @property
    def path(self) -> Path:
        return self._store.path

    async def load(self) -> None:
        """Read the stored traces into the store and follow it from now on."""
        try:
            data = await self._store.load()
        except StorageError:
            _LOGGER.exception("Stored automation traces could not be read; starting without")
            data = None
        items = data.get("traces") if isinstance(data, dict) else None
        restored = [t for t in map(decode, items or []) if t is not None]
        self._traces.restore(restored)
        self._traces.on_add = self._changed

    def _changed(self) -> None:
        # Called once per finished run: a test of one attribute, the timer is armed per window.
        if self._timer is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no running loop: the shutdown save writes it
            return
        self._timer = loop.call_later(
            SAVE_DELAY, lambda: loop.create_task(self.save(), name="automation.traces save")
        )

    async def save(self) -> None:
        """Write the newest traces now (debounced saves and shutdown)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        chosen = [
            t
            for t in self._traces.list()[-MAX_STORED_TRACES:]
            if isinstance(t, StoredTrace) or t.state != "running"
        ]
        async with self._lock:
            try:
                await asyncio.to_thread(self._write, chosen)
            except OSError:
                _LOGGER.exception("Could not write %s", self._store.path)

    def _write(self, chosen: list[RunTrace | StoredTrace]) -> None:
        out: list[dict[str, Any]] = []
        encoded: dict[str, dict[str, Any]] = {}
        for trace in chosen:
            if isinstance(trace, StoredTrace):
                out.append(trace.data)
                continue
            data = self._encoded.get(trace.run_id)
            if data is None:
                data = encode(trace)
            encoded[trace.run_id] = data
            out.append(data)
        self._encoded = encoded
        self._store.save_sync({"traces": out})
