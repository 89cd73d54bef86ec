"""alarm_control_panel entities: one per area and a master panel over every area."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from hub.context import Context
from hub.domains.alarm_control_panel import (
    AlarmControlPanelEntity,
    AlarmControlPanelEntityFeature,
    AlarmControlPanelState,
    CodeFormat,
)
from hub.states import State

from .area import ARMING, DISARMED, PENDING, TRIGGERED, Sensor

if TYPE_CHECKING:
    from .system import AlarmSystem

_F = AlarmControlPanelEntityFeature
FEATURES = (
    _F.ARM_HOME | _F.ARM_AWAY | _F.ARM_NIGHT | _F.ARM_VACATION | _F.ARM_CUSTOM_BYPASS | _F.TRIGGER
)


class Panel(AlarmControlPanelEntity):
    """A panel over `area_ids`; codes, rights and audit live in the AlarmSystem."""

    restore = True
    restore_promptly = True  # an armed or triggered panel must survive a power cut

    def __init__(self, system: AlarmSystem, key: str, name: str, area_ids: list[str]) -> None:
        super().__init__(name, unique_id=f"alarm_{key}")
        self.suggested_object_id = key
        self.key = key
        self._system = system
        self.area_ids = area_ids
        self.code_format = CodeFormat.NUMBER if system.numeric_codes else CodeFormat.TEXT
        self.code_arm_required = system.code_arm_required
        self._features = FEATURES

    def _context(self) -> Context:
        return self._call_context or Context()

    @property
    def alarm_state(self) -> AlarmControlPanelState | None:
        states = [self._system.areas[a].state for a in self.area_ids]
        for busy in (TRIGGERED, PENDING, ARMING):
            if busy in states:
                return AlarmControlPanelState(busy)
        if len(set(states)) == 1:
            return AlarmControlPanelState(states[0])
        return AlarmControlPanelState(DISARMED)  # mixed: not every area is armed

    @property
    def state_attributes(self) -> dict[str, Any]:
        attrs = super().state_attributes
        areas = [self._system.areas[a] for a in self.area_ids]
        attrs["changed_by"] = next((a.changed_by for a in areas if a.changed_by), None)
        return attrs

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        areas = [self._system.areas[a] for a in self.area_ids]
        not_ready = [s.entity_id for s in self.open_sensors()]
        end = self.delay_end()
        attrs: dict[str, Any] = {
            "ready_to_arm": not not_ready,
            "open_sensors": not_ready,
            "bypassed_sensors": [e for a in areas for e in a.bypassed],
            "trigger_sensors": [e for a in areas for e in a.trigger_sensors],
            "delay_until": end.isoformat() if end is not None else None,
        }
        if len(areas) > 1:
            attrs["areas"] = {a.area_id: a.state for a in areas}
        return attrs

    def open_sensors(self) -> list[Sensor]:
        """The sensors that keep the panel from arming away right now (open or unavailable)."""
        return [s for a in self.area_ids for s in self._system.areas[a].not_ready("armed_away")]

    @property
    def arming_mode(self) -> str | None:
        """The mode being armed, armed, or that an entry delay/alarm belongs to (None while
        disarmed, or when the areas differ)."""
        modes = {self._system.areas[a].target_mode for a in self.area_ids}
        return modes.pop() if len(modes) == 1 else None

    def delay_end(self) -> datetime | None:
        """End of the delay the panel shows: the first entry delay to run out (the alarm
        sounds then), else the last exit delay (the panel is armed then); None otherwise."""
        state = self.alarm_state
        areas = [self._system.areas[a] for a in self.area_ids]
        ends = [a.delay_until for a in areas if a.state == state and a.delay_until is not None]
        if not ends or state not in (PENDING, ARMING):
            return None
        return min(ends) if state == PENDING else max(ends)

    async def arm(self, mode: AlarmControlPanelState, *, code: str | None = None) -> None:
        await self._system.arm(self.area_ids, str(mode), code, self._context(), self.entity_id)

    async def disarm(self, *, code: str | None = None) -> None:
        await self._system.disarm(self.area_ids, code, self._context(), self.entity_id)

    async def trigger(self, *, code: str | None = None) -> None:
        await self._system.panic(self.area_ids, code, self._context(), self.entity_id)

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        """After a restart an area comes back in its last state (see Area.resume)."""
        if len(self.area_ids) != 1 or last.state == DISARMED:
            return
        self._system.areas[self.area_ids[0]].restore(last.state, extra or {})

    def extra_restore_data(self) -> dict[str, Any] | None:
        if len(self.area_ids) != 1:
            return None
        area = self._system.areas[self.area_ids[0]]
        return {
            "mode": area.target_mode,
            "changed_by": area.changed_by,
            "bypassed": list(area.bypassed),
            "trigger_sensors": list(area.trigger_sensors),
        }
