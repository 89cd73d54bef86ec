"""AuditLog: the append-only, hash-chained audit log, written by its own thread.

`record`/`append` never block the event loop: they queue the record; the writer thread chains
and inserts queued records in order, in batches. Queries and maintenance run on the same
thread, after every record queued before them.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import orjson

from ..clock import Clock, as_timestamp
from ..context import Context
from .chain import AuditRecord, ChainStart, VerifyReport
from .redaction import clean_text, redact
from .store import AuditStore, PendingRecord

_LOGGER = logging.getLogger(__name__)

START_TIMEOUT = 30.0  # seconds to open the database
QUERY_TIMEOUT = 60.0  # seconds for one query, verify or prune
STOP_TIMEOUT = 30.0  # seconds to write what is queued at stop
BATCH_SIZE = 500  # records per transaction at most
MAX_TARGET = 1000  # characters kept of a target
MAX_QUERY_LIMIT = 10_000  # records one query returns at most

T = TypeVar("T")
Outcome = str  # "success" | "failure" | "denied"


class _Job:
    __slots__ = ("func", "future", "loop")

    def __init__(
        self,
        func: Callable[[AuditStore], Any],
        future: asyncio.Future[Any],
        loop: asyncio.AbstractEventLoop,
    ) -> None:
        self.func = func
        self.future = future
        self.loop = loop


_STOP = object()


class AuditLog:
    """Append-only, hash-chained audit records in `<config>/audit.db`; an `AuditSink`."""

    def __init__(
        self, config_dir: Path | str, *, clock: Clock | None = None, use_key: bool = True
    ) -> None:
        self.config_dir = Path(config_dir)
        self._clock = clock or Clock()
        self._use_key = use_key
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._dropped = 0

    # -- lifecycle -----------------------------------------------------------------------
    async def start(self) -> None:
        """Open (or create) the database and start the writer thread; raises AuditStoreError."""
        ready: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._thread = threading.Thread(
            target=self._run,
            args=(ready, asyncio.get_running_loop()),
            name="audit-writer",
            daemon=True,  # a hub that was never stopped must not hang interpreter exit
        )
        self._thread.start()
        try:
            async with asyncio.timeout(START_TIMEOUT):
                await ready
        except BaseException:
            self._closed = True
            await asyncio.to_thread(self._thread.join, STOP_TIMEOUT)
            self._thread = None
            raise

    async def stop(self) -> None:
        """Write everything queued, then close the database."""
        if self._closed:
            return
        self._closed = True
        if self._thread is None:
            return
        self._queue.put(_STOP)
        await asyncio.to_thread(self._thread.join, STOP_TIMEOUT)
        if self._thread.is_alive():
            _LOGGER.warning("The audit writer did not finish within %.0f s", STOP_TIMEOUT)
        self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and not self._closed

    # -- appending -----------------------------------------------------------------------
    def record(
        self,
        action: str,
        *,
        user_id: str | None,
        context: Context | None,
        target: str | None,
        outcome: str,
        details: Mapping[str, Any],
    ) -> None:
        """The `AuditSink` entry point (used by the auth core)."""
        self.append(
            action,
            user_id=user_id,
            context=context,
            target=target,
            outcome=outcome,
            details=details,
        )

    def append(
        self,
        action: str,
        *,
        user_id: str | None = None,
        actor: str | None = None,
        context: Context | None = None,
        target: str | None = None,
        outcome: Outcome = "success",
        details: Mapping[str, Any] | None = None,
    ) -> None:
        """Queue one record (secrets in `details` are redacted); never blocks or raises."""
        if self._closed:
            self._dropped += 1
            if self._dropped == 1:
                _LOGGER.warning("Audit record %s after the audit log stopped: dropped", action)
            return
        try:
            pending = PendingRecord(
                ts_us=round(self._clock.timestamp() * 1_000_000),
                action=clean_text(str(action), 100),
                outcome=clean_text(str(outcome), 20),
                user_id=user_id if user_id is None else clean_text(str(user_id), 100),
                actor=actor if actor is None else clean_text(str(actor), 200),
                context_id=context.id if context else None,
                parent_id=context.parent_id if context else None,
                target=None if target is None else clean_text(str(target), MAX_TARGET),
                details=orjson.dumps(redact(details or {}), option=orjson.OPT_SORT_KEYS).decode(),
            )
        except Exception:  # the sink contract: never raise into the caller
            _LOGGER.exception("Could not serialise audit record %s", action)
            return
        if user_id is None and context is not None and context.user_id is not None:
            pending = _with_user(pending, context.user_id)
        self._queue.put(pending)

    # -- asking the writer thread -----------------------------------------------------------
    async def _ask(self, func: Callable[[AuditStore], T], timeout: float = QUERY_TIMEOUT) -> T:
        if self._thread is None or self._closed:
            raise RuntimeError("The audit log is not running")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.put(_Job(func, future, loop))
        async with asyncio.timeout(timeout):
            return await future

    async def flush(self) -> None:
        """Wait until every record queued so far is written."""
        await self._ask(lambda store: None)

    async def head(self) -> dict[str, Any]:
        """The newest seq and hash (anchor it off-box to detect a rewritten history)."""
        head = await self._ask(lambda store: store.head())
        return {"seq": head.seq, "hash": head.hash}

    async def verify(self) -> VerifyReport:
        """Check the whole chain; see `AuditStore.verify`."""
        return await self._ask(lambda store: store.verify())

    async def prune(self, before: datetime | float) -> int:
        """Remove records older than `before`, keeping the rest verifiable; returns the count."""
        before_us = round(as_timestamp(before) * 1_000_000)
        removed = await self._ask(lambda store: store.prune(before_us))
        if removed:
            self.append("audit.prune", actor="audit", details={"removed": removed})
        return removed

    async def query(
        self,
        *,
        user_id: str | None = None,
        entity_id: str | None = None,
        target: str | None = None,
        action: str | None = None,
        start: datetime | float | None = None,
        end: datetime | float | None = None,
        limit: int = 100,
        before_seq: int | None = None,
    ) -> list[dict[str, Any]]:
        """Records newest first; `action` is a prefix, `entity_id`/`target` one target."""

        def to_us(value: datetime | float | None) -> int | None:
            return None if value is None else round(as_timestamp(value) * 1_000_000)

        records: list[AuditRecord] = await self._ask(
            lambda store: store.query(
                user_id=user_id,
                target=entity_id if entity_id is not None else target,
                action=action,
                start_us=to_us(start),
                end_us=to_us(end),
                limit=min(limit, MAX_QUERY_LIMIT),
                before_seq=before_seq,
            )
        )
        return [record.as_dict() for record in records]

    # -- the writer thread ---------------------------------------------------------------
    def _run(self, ready: asyncio.Future[Any], loop: asyncio.AbstractEventLoop) -> None:
        try:
            store = AuditStore(self.config_dir, use_key=self._use_key)
        except Exception as err:
            loop.call_soon_threadsafe(_settle, ready, None, err)
            return
        loop.call_soon_threadsafe(_settle, ready, None, None)
        try:
            self._serve(store)
        finally:
            store.close()

    def _serve(self, store: AuditStore) -> None:
        carry: Any = None
        while True:
            item = carry if carry is not None else self._queue.get()
            carry = None
            if isinstance(item, PendingRecord):
                batch = [item]
                while len(batch) < BATCH_SIZE:
                    try:
                        nxt = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if not isinstance(nxt, PendingRecord):
                        carry = nxt
                        break
                    batch.append(nxt)
                self._write(store, batch)
            elif isinstance(item, _Job):
                try:
                    result = item.func(store)
                except Exception as err:
                    item.loop.call_soon_threadsafe(_settle, item.future, None, err)
                else:
                    item.loop.call_soon_threadsafe(_settle, item.future, result, None)
            elif item is _STOP:
                return

    @staticmethod
    def _write(store: AuditStore, batch: list[PendingRecord]) -> ChainStart | None:
        try:
            return store.append(batch)
        except Exception:
            _LOGGER.exception("Could not write %d audit records", len(batch))
            return None


def _with_user(pending: PendingRecord, user_id: str) -> PendingRecord:
    return replace(pending, user_id=clean_text(user_id, 100))


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)
