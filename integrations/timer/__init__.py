"""timer: countdown helpers (idle/active/paused) driven by the hub clock, with events."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.entity_host import EntityService
from hub.errors import HubError
from hub.integration import IntegrationContext
from hub.states import State
from integrations.homeassistant.yaml_entities import YamlEntity, setup_yaml_entities, slug_keyed

DOMAIN = "timer"
STATUS_IDLE = "idle"
STATUS_ACTIVE = "active"
STATUS_PAUSED = "paused"
EVENT_TIMER_STARTED = "timer.started"
EVENT_TIMER_RESTARTED = "timer.restarted"
EVENT_TIMER_PAUSED = "timer.paused"
EVENT_TIMER_CANCELLED = "timer.cancelled"
EVENT_TIMER_FINISHED = "timer.finished"
EVENT_TIMER_CHANGED = "timer.changed"

ENTRY_SCHEMA = vol.Schema(
    {
        vol.Optional("name"): vol.Any(cv.string, None),
        vol.Optional("icon"): cv.icon,
        vol.Optional("duration", default=timedelta(0)): cv.time_period,
        vol.Optional("restore", default=False): cv.boolean,
    }
)
CONFIG_SCHEMA = slug_keyed(ENTRY_SCHEMA)


def format_duration(delta: timedelta) -> str:
    """`H:MM:SS` as Home Assistant shows timer durations."""
    total = int(delta.total_seconds())
    sign = "-" if total < 0 else ""
    hours, rest = divmod(abs(total), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02}:{seconds:02}"


class Timer(YamlEntity):
    """A countdown; `finishes_at` is wall-clock UTC, `remaining` is kept while paused."""

    domain = DOMAIN
    restore = True  # only used when the YAML entry says `restore: true`

    def __init__(self, ctx: IntegrationContext, conf_id: str, conf: Mapping[str, Any]) -> None:
        super().__init__(conf_id, conf)
        self._ctx = ctx
        self.status = STATUS_IDLE
        self.running_duration: timedelta = conf["duration"]
        self.remaining: timedelta | None = None
        self.end: datetime | None = None
        self._cancel_timer: Callable[[], None] | None = None
        self._restored_end: datetime | None = None

    # -- state -------------------------------------------------------------------------
    @property
    def state(self) -> str:
        return self.status

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        attrs: dict[str, Any] = {
            "duration": format_duration(self.running_duration),
            "editable": False,
        }
        if self.end is not None:
            attrs["finishes_at"] = self.end.isoformat()
        if self.remaining is not None:
            attrs["remaining"] = format_duration(self.remaining)
        if self.conf["restore"]:
            attrs["restore"] = True
        return attrs

    def update_config(self, conf: Mapping[str, Any]) -> None:
        super().update_config(conf)
        if self.status == STATUS_IDLE:
            self.running_duration = conf["duration"]

    # -- restore -----------------------------------------------------------------------
    def extra_restore_data(self) -> dict[str, Any] | None:
        return {
            "status": self.status,
            "end": self.end.isoformat() if self.end else None,
            "remaining": self.remaining.total_seconds() if self.remaining is not None else None,
            "running_duration": self.running_duration.total_seconds(),
        }

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        if not self.conf["restore"] or last.state not in (STATUS_ACTIVE, STATUS_PAUSED):
            return
        extra = extra or {}
        try:
            running = extra.get("running_duration")
            if running is not None:
                self.running_duration = timedelta(seconds=float(running))
            if last.state == STATUS_PAUSED:
                remaining = extra.get("remaining")
                self.remaining = (
                    timedelta(seconds=float(remaining))
                    if remaining is not None
                    else cv.time_period(last.attributes["remaining"])
                )
                self.status = STATUS_PAUSED
                return
            end_text = extra.get("end") or last.attributes["finishes_at"]
            self._restored_end = datetime.fromisoformat(end_text)
        except (KeyError, TypeError, ValueError, vol.Invalid):
            self._ctx.logger.warning("Cannot restore %s; it starts idle", self.entity_id)

    async def added(self) -> None:
        end, self._restored_end = self._restored_end, None
        if end is None:
            return
        remaining = end - self._now()
        if remaining > timedelta(0):
            self.status, self.remaining = STATUS_PAUSED, remaining
            self.start()
        else:
            self.status, self.end = STATUS_ACTIVE, end
            self.finish()

    async def removed(self) -> None:
        self._unschedule()

    # -- actions -----------------------------------------------------------------------
    def _now(self) -> datetime:
        return self._ctx.now().replace(microsecond=0)

    def _fire(self, event_type: str, **data: Any) -> None:
        self._ctx.fire(event_type, {"entity_id": self.entity_id, **data}, self._call_context)

    def _unschedule(self) -> None:
        if self._cancel_timer is not None:
            self._cancel_timer()
            self._cancel_timer = None

    def _schedule(self) -> None:
        self._unschedule()
        assert self.end is not None
        self._cancel_timer = self._ctx.clock.call_at(self.end, self._finished_by_clock)

    def _finished_by_clock(self) -> None:
        self._cancel_timer = None
        self._call_context = None
        self.finish()
        self.write_state()

    def start(self, duration: timedelta | None = None) -> None:
        event = EVENT_TIMER_STARTED
        if self.status in (STATUS_ACTIVE, STATUS_PAUSED):
            event = EVENT_TIMER_RESTARTED
        if duration:
            self.remaining = self.running_duration = duration
        elif not self.remaining:
            self.remaining = self.running_duration
        self.status = STATUS_ACTIVE
        self.end = self._now() + self.remaining
        self._fire(event)
        self._schedule()

    def pause(self) -> None:
        if self.status != STATUS_ACTIVE or self.end is None:
            return
        self._unschedule()
        self.remaining = self.end - self._now()
        self.status = STATUS_PAUSED
        self.end = None
        self._fire(EVENT_TIMER_PAUSED)

    def _reset(self) -> None:
        self._unschedule()
        self.status = STATUS_IDLE
        self.end = None
        self.remaining = None
        self.running_duration = self.conf["duration"]

    def cancel(self) -> None:
        if self.status == STATUS_IDLE:
            return
        self._reset()
        self._fire(EVENT_TIMER_CANCELLED)

    def finish(self) -> None:
        if self.status == STATUS_IDLE:
            return
        finished_at = self.end or self._now()
        self._reset()
        self._fire(EVENT_TIMER_FINISHED, finished_at=finished_at.isoformat())

    def change(self, duration: timedelta) -> None:
        if self.status != STATUS_ACTIVE or self.end is None or self.remaining is None:
            raise HubError(f"Timer {self.entity_id} is not running; only active timers change")
        if self.remaining + duration > self.running_duration:
            raise HubError(f"Cannot change timer {self.entity_id} beyond its duration")
        if self.remaining + duration < timedelta(0):
            raise HubError(f"Cannot change timer {self.entity_id} to negative time remaining")
        self.end += duration
        self.remaining = self.end - self._now()
        self._fire(EVENT_TIMER_CHANGED)
        self._schedule()

    SERVICES = (
        EntityService("start", start, {vol.Optional("duration"): cv.time_period}),
        EntityService("pause", pause),
        EntityService("cancel", cancel),
        EntityService("finish", finish),
        EntityService("change", change, {vol.Required("duration"): cv.time_period}),
    )


async def setup(ctx: IntegrationContext, config: dict[str, Any] | None) -> bool:
    """Create one timer per YAML id and register its services."""
    await setup_yaml_entities(
        ctx, config, CONFIG_SCHEMA, Timer.SERVICES, lambda conf_id, conf: Timer(ctx, conf_id, conf)
    )
    return True
