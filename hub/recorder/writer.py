"""The single writer thread: a bounded buffer filled by the event loop, batched commits,
retries with exponential backoff while the database is away, and queued jobs (purge,
statistics) that run between commits."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from .batch import BatchWriter, RecordItem
from .config import DEFAULT_COMMIT_BATCH

_LOGGER = logging.getLogger(__name__)

MAX_BATCH = 5_000
BACKOFF_START = 0.25  # seconds
BACKOFF_MAX = 30.0
STOP_DEADLINE = 30.0  # seconds a stop may spend retrying an unreachable database

JobFn = Callable[[Engine, BatchWriter], Any]


@dataclass(slots=True)
class _Job:
    fn: JobFn
    after_seq: int
    future: asyncio.Future[Any] | None
    loop: asyncio.AbstractEventLoop | None
    steps: Generator[None, None, Any] | None = None
    name: str = "job"


@dataclass(slots=True)
class WriterStats:
    """Counters shown by `Recorder.status()`."""

    dropped: int = 0
    written: int = 0
    commits: int = 0
    failures: int = 0
    last_error: str | None = None
    last_error_ts: float | None = None
    connected: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


class Writer:
    """Owns the database writes. `enqueue` never blocks on the database."""

    def __init__(
        self,
        engine: Engine,
        commit_interval: float,
        buffer_limit: int,
        commit_batch: int = DEFAULT_COMMIT_BATCH,
    ) -> None:
        self._engine = engine
        self._interval = commit_interval
        self._limit = buffer_limit
        # A burst is committed in chunks of this size instead of piling up until the interval
        # ends: a bounded backlog, and the allocator is not left holding a burst's worth.
        self._batch = max(1, commit_batch)
        self._buffer: deque[tuple[int, RecordItem]] = deque()
        self._inflight: list[tuple[int, RecordItem]] = []
        self._jobs: deque[_Job] = deque()
        self._cond = threading.Condition()
        self._seq = 0
        self._stopping = False
        self._stop_by = 0.0
        self._thread: threading.Thread | None = None
        self.batch = BatchWriter()
        self.stats = WriterStats()

    # -- loop side -------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="recorder-writer", daemon=True)
        self._thread.start()

    def enqueue(self, item: RecordItem) -> None:
        """Queue a state or event; when the buffer is full the oldest queued item is dropped."""
        with self._cond:
            if len(self._buffer) >= self._limit:
                self._buffer.popleft()
                self.stats.dropped += 1
                if self.stats.dropped == 1 or self.stats.dropped % 10_000 == 0:
                    _LOGGER.error(
                        "Recorder buffer full (%d items, database unavailable?): dropped %d "
                        "oldest items so far",
                        self._limit,
                        self.stats.dropped,
                    )
            self._seq += 1
            self._buffer.append((self._seq, item))
            queued = len(self._buffer)
            if queued == 1 or queued == self._batch:
                self._cond.notify()

    def submit(self, fn: JobFn, *, name: str = "job") -> asyncio.Future[Any]:
        """Run `fn(engine, batch_writer)` in the writer thread once everything queued before it
        is committed. `fn` may return a generator: it then runs one step at a time, with
        pending writes committed between steps."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        with self._cond:
            if self._stopping and self._thread is None:
                future.set_exception(RuntimeError("Recorder is stopped"))
                return future
            self._jobs.append(_Job(fn, self._seq, future, loop, name=name))
            self._cond.notify()
        return future

    def queue_size(self) -> int:
        return len(self._buffer)

    def backlog(self) -> int:
        """Items not yet committed (queued plus the batch being written)."""
        return len(self._buffer) + len(self._inflight)

    def stop(self, deadline: float = STOP_DEADLINE) -> None:
        """Flush everything (blocking; call from a thread) and end the writer thread."""
        with self._cond:
            self._stopping = True
            self._stop_by = time.monotonic() + deadline
            self._cond.notify()
        if self._thread is not None:
            self._thread.join(deadline + 5)
            self._thread = None

    # -- writer thread ---------------------------------------------------------------------
    def _run(self) -> None:
        backoff = BACKOFF_START
        next_commit = time.monotonic() + self._interval
        while True:
            with self._cond:
                while not (self._stopping or self._jobs or self._inflight):
                    if len(self._buffer) >= self._batch:
                        break
                    if self._buffer:
                        remaining = next_commit - time.monotonic()
                        if remaining <= 0:
                            break
                        self._cond.wait(remaining)
                    else:
                        self._cond.wait()
                room = MAX_BATCH - len(self._inflight)
                while room > 0 and self._buffer:
                    self._inflight.append(self._buffer.popleft())
                    room -= 1
                stopping = self._stopping
                idle = not self._buffer and not self._inflight and not self._jobs
            if stopping and idle:
                return
            if self._inflight and not self._commit_inflight():
                if stopping and time.monotonic() > self._stop_by:
                    self._give_up()
                    return
                self._wait(backoff)
                backoff = min(backoff * 2, BACKOFF_MAX)
                continue
            backoff = BACKOFF_START
            next_commit = time.monotonic() + self._interval
            self._run_one_job()

    def _wait(self, seconds: float) -> None:
        with self._cond:
            self._cond.wait(seconds)

    def _commit_inflight(self) -> bool:
        items = [item for _, item in self._inflight]
        try:
            with self._engine.begin() as conn:
                written = self.batch.write(conn, items)
        except (OperationalError, DBAPIError) as err:
            self.batch.rollback()
            self._note_failure(err)
            return False
        except Exception as err:  # a bad item must not wedge the writer forever
            self.batch.rollback()
            _LOGGER.exception(
                "Recorder could not write a batch of %d items; dropping it", len(items)
            )
            self.stats.dropped += len(items)
            self.stats.last_error = f"{type(err).__name__}: {err}"[:500]
            self._inflight = []
            return True
        self.batch.commit()
        self._inflight = []
        self.stats.written += written
        self.stats.commits += 1
        if not self.stats.connected:
            _LOGGER.warning("Recorder reconnected to the database; backlog written")
        self.stats.connected = True
        return True

    def _note_failure(self, err: Exception) -> None:
        self.stats.failures += 1
        self.stats.connected = False
        message = str(getattr(err, "orig", err) or err).strip().splitlines()
        self.stats.last_error = f"{type(err).__name__}: {message[0] if message else ''}"[:500]
        self.stats.last_error_ts = time.time()
        _LOGGER.warning(
            "Recorder database write failed (%s); %d items kept, retrying",
            self.stats.last_error,
            self.backlog(),
        )

    def _give_up(self) -> None:
        lost = self.backlog()
        self.stats.dropped += lost
        _LOGGER.error("Recorder stopped with the database unreachable: %d items not written", lost)
        with self._cond:
            self._buffer.clear()
            self._inflight = []
            jobs = list(self._jobs)
            self._jobs.clear()
        for job in jobs:
            self._resolve(job, error=RuntimeError("Recorder stopped before the job ran"))

    def _run_one_job(self) -> None:
        with self._cond:
            if not self._jobs:
                return
            job = self._jobs[0]
            if self._inflight or (self._buffer and self._buffer[0][0] <= job.after_seq):
                return  # rows queued before the job are not committed yet
        try:
            if job.steps is None:
                result = job.fn(self._engine, self.batch)
                if isinstance(result, Generator):
                    job.steps = result
                else:
                    self._finish(job, result=result)
                    return
            next(job.steps)
        except StopIteration as stop:
            self._finish(job, result=stop.value)
        except Exception as err:
            _LOGGER.exception("Recorder job %s failed", job.name)
            self._finish(job, error=err)

    def _finish(self, job: _Job, *, result: Any = None, error: BaseException | None = None) -> None:
        with self._cond:
            if self._jobs and self._jobs[0] is job:
                self._jobs.popleft()
        self._resolve(job, result=result, error=error)

    @staticmethod
    def _resolve(job: _Job, *, result: Any = None, error: BaseException | None = None) -> None:
        future, loop = job.future, job.loop
        if future is None or loop is None or loop.is_closed():
            return

        def settle() -> None:
            if future.done():
                return
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(result)

        try:
            loop.call_soon_threadsafe(settle)
        except RuntimeError:  # loop closed between the check and the call
            pass
