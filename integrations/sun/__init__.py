"""sun: the `sun.sun` entity (above/below horizon, next events, position) for the home location.

The astronomy itself lives in `hub.sun`, shared with the automation engine.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from hub.entity import Entity
from hub.events import EVENT_CORE_CONFIG_UPDATE, Event
from hub.integration import IntegrationContext
from hub.sun import Location, next_event, position

DOMAIN = "sun"
STATE_ABOVE_HORIZON = "above_horizon"
STATE_BELOW_HORIZON = "below_horizon"

# How often the position (elevation/azimuth) is refreshed, by elevation band (degrees).
POSITION_INTERVALS = ((-18.0, timedelta(minutes=20)), (10.0, timedelta(minutes=4)))
DAY_INTERVAL = timedelta(minutes=10)

_ATTR_EVENTS = (
    ("next_dawn", "dawn"),
    ("next_dusk", "dusk"),
    ("next_midnight", "midnight"),
    ("next_noon", "noon"),
    ("next_rising", "sunrise"),
    ("next_setting", "sunset"),
)


def _interval(elevation: float) -> timedelta:
    for below, interval in POSITION_INTERVALS:
        if elevation < below:
            return interval
    return DAY_INTERVAL


class Sun(Entity):
    """`sun.sun`: rewrites itself at each next sun event and refreshes its position."""

    domain = DOMAIN

    def __init__(self, ctx: IntegrationContext) -> None:
        super().__init__("Sun", icon=None)
        self.suggested_object_id = "sun"
        self._ctx = ctx
        self.location = Location.of(ctx.core)
        self.next: dict[str, datetime | None] = {}
        self.elevation = 0.0
        self.azimuth = 0.0
        self._cancel_event: Callable[[], None] | None = None
        self._cancel_position: Callable[[], None] | None = None

    @property
    def state(self) -> str | None:
        rising, setting = self.next.get("next_rising"), self.next.get("next_setting")
        if rising is None and setting is None:
            return STATE_ABOVE_HORIZON if self.elevation > 0 else STATE_BELOW_HORIZON
        if rising is None or (setting is not None and setting < rising):
            return STATE_ABOVE_HORIZON
        return STATE_BELOW_HORIZON

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        attrs: dict[str, Any] = {
            key: value.isoformat() if value is not None else None
            for key, value in self.next.items()
        }
        attrs["elevation"] = round(self.elevation, 2)
        attrs["azimuth"] = round(self.azimuth, 2)
        noon, midnight = self.next.get("next_noon"), self.next.get("next_midnight")
        attrs["rising"] = bool(noon and midnight and noon < midnight)
        return attrs

    def relocate(self) -> None:
        """Take the (possibly changed) core location and recompute everything."""
        self.location = Location.of(self._ctx.core)
        self._update_events()
        self._update_position()

    def _update_events(self) -> None:
        now = self._ctx.now()
        self.next = {key: next_event(self.location, event, now) for key, event in _ATTR_EVENTS}
        self.elevation, self.azimuth = position(self.location, now)
        if self._cancel_event is not None:
            self._cancel_event()
        upcoming = [when for when in self.next.values() if when is not None]
        self._cancel_event = (
            self._ctx.clock.call_at(min(upcoming), self._on_event) if upcoming else None
        )
        self.write_state()

    def _on_event(self) -> None:
        self._cancel_event = None
        self._update_events()

    def _update_position(self) -> None:
        now = self._ctx.now()
        self.elevation, self.azimuth = position(self.location, now)
        self.write_state()
        if self._cancel_position is not None:
            self._cancel_position()
        self._cancel_position = self._ctx.clock.call_later(
            _interval(self.elevation).total_seconds(), self._update_position
        )

    async def added(self) -> None:
        self.relocate()

    async def removed(self) -> None:
        for cancel in (self._cancel_event, self._cancel_position):
            if cancel is not None:
                cancel()
        self._cancel_event = self._cancel_position = None


async def setup(ctx: IntegrationContext, config: Any) -> bool:
    """Publish `sun.sun` and follow core location changes."""
    sun = Sun(ctx)
    await ctx.add_entities([sun])

    def core_updated(event: Event) -> None:
        sun.relocate()

    ctx.listen(EVENT_CORE_CONFIG_UPDATE, core_updated)
    return True
