"""What a keypad shows per panel (state, readiness with sensor names, delays, lockout,
incidents) as immutable snapshots, and a feed that says when they may have changed."""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hub.events import Event

from .area import ARMING, PENDING

if TYPE_CHECKING:
    from hub.integration import IntegrationContext

    from .area import Sensor
    from .panel import Panel
    from .system import AlarmSystem

_LOGGER = logging.getLogger(__name__)

Unsubscribe = Callable[[], None]


@dataclass(frozen=True, slots=True)
class NamedSensor:
    entity_id: str
    name: str

    def wire(self) -> dict[str, str]:
        return {"entity_id": self.entity_id, "name": self.name}


def _remaining(end: float | None, now: float) -> int | None:
    """Whole seconds left until `end` (rounded up); None when nothing is running."""
    if end is None or end <= now:
        return None
    return math.ceil(end - now - 1e-9)


@dataclass(frozen=True, slots=True)
class PanelStatus:
    """One panel at one moment. Times are absolute (POSIX seconds), so two snapshots of an
    unchanged panel compare equal; the wire form turns them into seconds remaining."""

    entity_id: str
    name: str
    areas: tuple[str, ...]
    state: str
    arming_mode: str | None
    open_sensors: tuple[NamedSensor, ...]
    bypassed_sensors: tuple[NamedSensor, ...]
    trigger_sensors: tuple[NamedSensor, ...]
    delay_end: float | None  # the exit delay while arming, the entry delay while pending
    lockout_end: float | None  # code entry on this panel is locked until then
    active_incidents: int
    changed_by: str | None
    code_format: str | None
    code_arm_required: bool

    def wire(self, now: float) -> dict[str, Any]:
        """The JSON form at `now`: delays and lockout as whole seconds left (or None)."""
        delay = _remaining(self.delay_end, now)
        return {
            "entity_id": self.entity_id,
            "name": self.name,
            "areas": list(self.areas),
            "state": self.state,
            "arming_mode": self.arming_mode,
            "ready_to_arm": not self.open_sensors,
            "open_sensors": [s.wire() for s in self.open_sensors],
            "bypassed_sensors": [s.wire() for s in self.bypassed_sensors],
            "trigger_sensors": [s.wire() for s in self.trigger_sensors],
            "exit_delay_remaining": delay if self.state == ARMING else None,
            "entry_delay_remaining": delay if self.state == PENDING else None,
            "lockout_remaining": _remaining(self.lockout_end, now),
            "active_incidents": self.active_incidents,
            "changed_by": self.changed_by,
            "code_format": self.code_format,
            "code_arm_required": self.code_arm_required,
        }


class StatusFeed:
    """Builds PanelStatus snapshots and calls its listeners (once per loop turn, however
    many changes the turn made) when a panel's state, the incidents or a lockout changed."""

    def __init__(self, ctx: IntegrationContext, system: AlarmSystem) -> None:
        self._ctx = ctx
        self._system = system
        self._listeners: list[Callable[[], None]] = []
        self._pending: asyncio.Handle | None = None

    def start(self) -> None:
        """Follow the panels' states and the escalator and lockout hooks (after the snapshot
        installed its persistence hooks, which keep running first)."""
        system = self._system
        self._ctx.listen_state([p.entity_id for p in system.panels], self._panel_changed)
        escalator, lockout = system.escalator, system.codes.lockout
        escalator.on_change = _chain(escalator.on_change, self.changed)
        lockout.on_change = _chain(lockout.on_change, self.changed)
        self._ctx.on_unload(self._stop)

    def now(self) -> float:
        return self._ctx.clock.timestamp()

    def panel(self, key: str) -> Panel | None:
        """The panel with this entity id or area key (`master` for the master panel)."""
        for panel in self._system.panels:
            if key in (panel.entity_id, panel.key):
                return panel
        return None

    def statuses(self) -> dict[str, PanelStatus]:
        """Every panel's status now, by entity id, in entity id order."""
        panels = sorted(self._system.panels, key=lambda p: p.entity_id)
        return {p.entity_id: self.status(p) for p in panels if p.entity_id}

    def status(self, panel: Panel) -> PanelStatus:
        system = self._system
        now = self.now()
        areas = [system.areas[a] for a in panel.area_ids]
        state = self._ctx.states.get(panel.entity_id)
        name = state.attributes.get("friendly_name") if state is not None else None
        end = panel.delay_end()
        active = sum(
            1
            for i in system.escalator.incidents.values()
            if i.area in panel.area_ids and i.status == "active" and not i.silent
        )
        return PanelStatus(
            entity_id=panel.entity_id,
            name=str(name or panel.name),
            areas=tuple(panel.area_ids),
            state=str(panel.alarm_state),
            arming_mode=panel.arming_mode,
            open_sensors=tuple(self._named(s) for s in panel.open_sensors()),
            bypassed_sensors=tuple(
                self._named(a.sensors[e]) for a in areas for e in a.bypassed if e in a.sensors
            ),
            trigger_sensors=tuple(
                self._named(a.sensors[e])
                for a in areas
                for e in a.trigger_sensors
                if e in a.sensors
            ),
            delay_end=end.timestamp() if end is not None else None,
            lockout_end=system.codes.lockout.until(panel.entity_id, now),
            active_incidents=active,
            changed_by=next((a.changed_by for a in areas if a.changed_by), None),
            code_format=str(panel.code_format) if panel.code_format is not None else None,
            code_arm_required=bool(panel.code_arm_required),
        )

    def named(self, entity_id: str) -> NamedSensor:
        """A sensor of any area with the name a keypad shows for it."""
        for area in self._system.areas.values():
            sensor = area.sensors.get(entity_id)
            if sensor is not None:
                return self._named(sensor)
        return NamedSensor(entity_id, entity_id)

    def _named(self, sensor: Sensor) -> NamedSensor:
        return NamedSensor(sensor.entity_id, self._system.sensor_name(sensor))

    def listen(self, listener: Callable[[], None]) -> Unsubscribe:
        """Call `listener` after changes (it reads `statuses()` and keeps what it needs)."""
        self._listeners.append(listener)

        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove

    def changed(self) -> None:
        """Something a status shows may have changed: tell the listeners at the end of this
        loop turn (an arm or disarm changes areas, incidents and lockouts in one go)."""
        if self._pending is None and self._listeners:
            self._pending = asyncio.get_running_loop().call_soon(self._notify)

    def _panel_changed(self, event: Event) -> None:
        self.changed()

    def _notify(self) -> None:
        self._pending = None
        for listener in list(self._listeners):
            try:
                listener()
            except Exception:  # one subscriber must not stop the others
                _LOGGER.exception("Alarm status listener failed")

    def _stop(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        self._listeners.clear()


def _chain(first: Callable[[], None], then: Callable[[], None]) -> Callable[[], None]:
    """A hook that runs `first` (e.g. persistence), then `then`."""

    def both() -> None:
        first()
        then()

    return both
