"""Recorder: listens to the bus, hands rows to the writer thread, schedules statistics and
purges, and answers history/logbook/statistics queries off the event loop."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, insert, update

from ..clock import Clock, Unsubscribe, as_timestamp
from ..errors import NotReady
from ..events import EVENT_STATE_CHANGED, EVENT_STATE_REPORTED, MATCH_ALL, Event, EventBus
from ..services import ServiceRegistry
from ..states import StateMachine
from . import database, export, history, logbook, purge, statistics, statistics_query
from .batch import StateReport
from .config import RecorderConfig
from .filters import RecordFilter, RetentionPolicy
from .models import recorder_runs
from .writer import Writer

_LOGGER = logging.getLogger(__name__)

QUERY_TIMEOUT = 120.0  # seconds for one history/logbook/statistics query
START_TIMEOUT = 300.0  # seconds for connecting and migrating at start
STOP_TIMEOUT = 40.0  # seconds for flushing at stop
STATISTICS_DELAY = 10.0  # seconds after a 5-minute boundary before compiling it
PURGE_TIME = (4, 12)  # local time of the nightly purge

T = TypeVar("T")
DateLike = datetime | float


class Recorder:
    """Records states and events to SQLite or PostgreSQL; see the module docstring."""

    def __init__(
        self,
        bus: EventBus,
        states: StateMachine,
        clock: Clock,
        config: RecorderConfig,
        config_dir: Path,
    ) -> None:
        self._bus = bus
        self._states = states
        self._clock = clock
        self.config = config
        self._url = config.database_url(config_dir)
        self._filter = RecordFilter(config.include, config.exclude)
        self._policy = RetentionPolicy(config)
        self._engine: Engine | None = None
        self._writer: Writer | None = None
        self._run_id: int | None = None
        self._unsubs: list[Unsubscribe] = []
        self._timers: dict[str, Unsubscribe] = {}
        self._tasks: set[asyncio.Task[Any]] = set()

    # -- lifecycle -----------------------------------------------------------------------
    async def start(self) -> None:
        """Connect, migrate to the newest schema, start the writer and listen to the bus."""
        engine = database.make_engine(self._url)
        try:
            async with asyncio.timeout(START_TIMEOUT):
                self._run_id = await asyncio.to_thread(self._prepare, engine)
        except Exception as err:
            engine.dispose()
            raise NotReady(f"Recorder database unavailable: {type(err).__name__}: {err}") from err
        self._engine = engine
        self._writer = Writer(
            engine,
            self.config.commit_interval,
            self.config.buffer_limit,
            self.config.commit_batch,
        )
        self._writer.start()
        self._unsubs.append(self._bus.listen(MATCH_ALL, self._on_event))
        self._unsubs.append(self._bus.listen(EVENT_STATE_REPORTED, self._on_reported))
        self._schedule_statistics()
        if self.config.auto_purge:
            self._schedule_purge()

    def _prepare(self, engine: Engine) -> int:
        database.upgrade(engine, keep_copies=self.config.keep_pre_migration_copies)
        now = self._clock.timestamp()
        with engine.begin() as conn:
            conn.execute(
                update(recorder_runs)
                .where(recorder_runs.c.end_ts.is_(None))
                .values(end_ts=now, closed_incorrect=True)
            )
            return int(
                conn.execute(
                    insert(recorder_runs).returning(recorder_runs.c.run_id),
                    {"start_ts": now, "closed_incorrect": False, "created_ts": time.time()},
                ).scalar_one()
            )

    async def stop(self) -> None:
        """Stop listening, flush everything queued, close the run and the engine."""
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()
        for cancel in self._timers.values():
            cancel()
        self._timers.clear()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        writer, engine = self._writer, self._engine
        if writer is None or engine is None:
            return
        await asyncio.to_thread(writer.stop, STOP_TIMEOUT - 5)
        self._writer = None
        now = self._clock.timestamp()
        run_id = self._run_id

        def close_run() -> None:
            with engine.begin() as conn:
                conn.execute(
                    update(recorder_runs).where(recorder_runs.c.run_id == run_id).values(end_ts=now)
                )

        try:
            await asyncio.wait_for(asyncio.to_thread(close_run), 10)
        except Exception as err:  # the database may be gone at shutdown
            _LOGGER.warning("Could not close the recorder run: %s", err)
        await asyncio.to_thread(engine.dispose)
        self._engine = None

    # -- recording -------------------------------------------------------------------------
    def _on_event(self, event: Event) -> None:
        writer = self._writer
        if writer is None:
            return
        if event.event_type == EVENT_STATE_CHANGED:
            new_state = event.data.get("new_state")
            if new_state is not None and self._filter.entity(new_state.entity_id):
                writer.enqueue(new_state)
        elif self._filter.event_type(event.event_type):
            writer.enqueue(event)

    def _on_reported(self, event: Event) -> None:
        writer = self._writer
        state = event.data.get("new_state")
        if writer is not None and state is not None and self._filter.entity(state.entity_id):
            writer.enqueue(StateReport.of(state))

    def status(self) -> dict[str, Any]:
        """Health for notifications: queue size, dropped, last error, backlog, db engine."""
        writer = self._writer
        engine_name = self._engine.dialect.name if self._engine is not None else None
        if writer is None:
            return {"running": False, "db_engine": engine_name, "queue_size": 0, "backlog": 0}
        stats = writer.stats
        return {
            "running": True,
            "db_engine": engine_name,
            "queue_size": writer.queue_size(),
            "backlog": writer.backlog(),
            "dropped": stats.dropped,
            "written": stats.written,
            "commits": stats.commits,
            "failures": stats.failures,
            "connected": stats.connected,
            "last_error": stats.last_error,
            "last_error_ts": stats.last_error_ts,
        }

    async def flush(self) -> None:
        """Return once everything queued before the call is committed."""
        await self._job(lambda _engine, _batch: None, "flush")

    async def _job(self, fn: Callable[[Engine, Any], Any], name: str) -> Any:
        if self._writer is None:
            raise NotReady("Recorder is not running")
        return await self._writer.submit(fn, name=name)

    # -- statistics -------------------------------------------------------------------------
    def _statistic_sources(self) -> list[statistics.StatisticSource]:
        sources = []
        for state in self._states.all():
            state_class = state.attributes.get("state_class")
            if state_class in statistics.STATE_CLASSES and self._filter.entity(state.entity_id):
                unit = state.attributes.get("unit_of_measurement")
                sources.append(
                    statistics.StatisticSource(
                        state.entity_id, state_class, str(unit) if unit else None, state.name
                    )
                )
        return sources

    async def compile_statistics(self, start: DateLike) -> None:
        """Compile the 5-minute period containing `start`, and its hour when it is the last."""
        period = statistics.period_start(as_timestamp(start))
        sources = self._statistic_sources()
        await self._job(
            lambda engine, _b: statistics.compile_short_term(engine, period, sources), "statistics"
        )
        end = period + statistics.SHORT_TERM_SECONDS
        if end % statistics.HOUR_SECONDS == 0:
            hour = end - statistics.HOUR_SECONDS
            await self._job(lambda engine, _b: statistics.compile_hourly(engine, hour), "hourly")
            if self.config.max_db_size_mb:
                await self.enforce_size_budget()

    def _schedule_statistics(self) -> None:
        now = self._clock.timestamp()
        boundary = statistics.period_start(now) + statistics.SHORT_TERM_SECONDS

        def due() -> None:
            if self._statistic_sources():  # nothing to compile: skip the writer round trip
                period = boundary - statistics.SHORT_TERM_SECONDS
                self._spawn(self.compile_statistics(period), "stats")
            self._schedule_statistics()

        self._timers["statistics"] = self._clock.call_at(boundary + STATISTICS_DELAY, due)

    def _schedule_purge(self) -> None:
        tz = ZoneInfo(self.config.time_zone)
        local = datetime.fromtimestamp(self._clock.timestamp(), tz)
        target = local.replace(hour=PURGE_TIME[0], minute=PURGE_TIME[1], second=0, microsecond=0)
        if target <= local:
            target = (target + timedelta(days=1, hours=1)).replace(
                hour=PURGE_TIME[0], minute=PURGE_TIME[1]
            )

        def due() -> None:
            self._spawn(self._nightly(), "purge")
            self._schedule_purge()

        self._timers["purge"] = self._clock.call_at(target, due)

    async def _nightly(self) -> None:
        await self.purge()
        if self.config.max_db_size_mb:
            await self.enforce_size_budget()

    def _spawn(self, coro: Any, name: str) -> None:
        task = asyncio.get_running_loop().create_task(_logged(coro, name), name=f"recorder:{name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- purge ------------------------------------------------------------------------------
    async def purge(
        self, keep_days: int | None = None, repack: bool = False, apply_filter: bool = False
    ) -> dict[str, int]:
        """Apply retention now (or keep `keep_days` for everything); with `apply_filter` also
        remove every row the include/exclude filter now leaves out. Returns rows removed."""
        now, policy = self._clock.timestamp(), self._policy
        # A filter of its own: the writer thread must not share the loop's verdict cache.
        only = RecordFilter(self.config.include, self.config.exclude) if apply_filter else None
        return await self._job(
            lambda engine, batch: purge.purge(
                engine, batch, now, policy, keep_days, repack, record_filter=only
            ),
            "purge",
        )

    async def purge_entities(
        self,
        entity_ids: Iterable[str] = (),
        domains: Iterable[str] = (),
        entity_globs: Iterable[str] = (),
        keep_days: int = 0,
    ) -> dict[str, int]:
        """Remove the matching entities' states older than `keep_days` (0 = all)."""
        now = self._clock.timestamp()
        ids, doms, globs = list(entity_ids), list(domains), list(entity_globs)
        return await self._job(
            lambda engine, batch: purge.purge_entities(
                engine, batch, now, ids, doms, globs, keep_days
            ),
            "purge_entities",
        )

    async def enforce_size_budget(self) -> dict[str, int]:
        """Trim the oldest unprotected rows when the database exceeds max_db_size_mb."""
        if not self.config.max_db_size_mb:
            return {}
        limit, policy = int(self.config.max_db_size_mb * 1_000_000), self._policy
        return await self._job(
            lambda engine, batch: purge.enforce_budget(engine, batch, policy, limit), "budget"
        )

    def register_services(self, registry: ServiceRegistry) -> Unsubscribe:
        """Register recorder.purge and recorder.purge_entities; returns their remover."""
        from .services import register

        return register(self, registry)

    # -- queries ----------------------------------------------------------------------------
    async def _query(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if self._engine is None:
            raise NotReady("Recorder is not running")
        async with asyncio.timeout(QUERY_TIMEOUT):
            return await asyncio.to_thread(fn, self._engine, *args, **kwargs)

    async def history_during_period(
        self,
        start: DateLike,
        end: DateLike | None,
        entity_ids: Iterable[str] | None,
        *,
        include_start_time_state: bool = True,
        significant_changes_only: bool = True,
        minimal_response: bool = False,
        no_attributes: bool = False,
    ) -> dict[str, list[dict[str, Any]]]:
        """States per entity in HA's compressed form; see history.history_during_period."""
        return await self._query(
            history.history_during_period,
            as_timestamp(start),
            as_timestamp(end) if end is not None else None,
            list(entity_ids) if entity_ids is not None else None,
            include_start_time_state=include_start_time_state,
            significant_changes_only=significant_changes_only,
            minimal_response=minimal_response,
            no_attributes=no_attributes,
        )

    async def logbook_events(
        self,
        start: DateLike,
        end: DateLike,
        entity_ids: Iterable[str] | None = None,
        context_id: str | None = None,
        *,
        user_name: logbook.UserName | None = None,
    ) -> list[dict[str, Any]]:
        """Readable entries with causes; `user_name(user_id)` lets entries say "by Alice"."""
        return await self._query(
            logbook.logbook_events,
            as_timestamp(start),
            as_timestamp(end),
            list(entity_ids) if entity_ids is not None else None,
            context_id,
            user_name,
        )

    async def statistics_during_period(
        self,
        start: DateLike,
        end: DateLike | None,
        statistic_ids: Iterable[str] | None,
        period: str = "hour",
        types: Iterable[str] = ("mean", "min", "max", "sum", "state", "change"),
    ) -> dict[str, list[dict[str, Any]]]:
        """Statistics rows per id; "start"/"end" are epoch milliseconds."""
        return await self._query(
            statistics_query.statistics_during_period,
            as_timestamp(start),
            as_timestamp(end) if end is not None else None,
            list(statistic_ids) if statistic_ids is not None else None,
            period,
            list(types),
            self.config.time_zone,
        )

    async def list_statistic_ids(self, statistic_type: str | None = None) -> list[dict[str, Any]]:
        """Known statistics, optionally only "mean" or "sum" ones."""
        return await self._query(statistics_query.list_statistic_ids, statistic_type)

    async def export_csv(
        self, entity_id: str, start: DateLike, end: DateLike, dest: Path | None = None
    ) -> str:
        """CSV of one entity's states (or the path of `dest` once written)."""
        return await self._query(
            export.export_csv, entity_id, as_timestamp(start), as_timestamp(end), dest
        )

    async def backup_database(self, dest: Path) -> None:
        """A consistent copy of the SQLite database at `dest` (PostgreSQL: use pg_dump)."""
        await self._query(database.backup_sqlite, Path(dest))


async def _logged(coro: Any, name: str) -> None:
    try:
        await coro
    except asyncio.CancelledError:
        raise
    except Exception:
        _LOGGER.exception("Recorder %s failed", name)
