"""One area (partition): arming with exit delay, readiness and bypass, entry delay, triggers,
24-hour zones and cross-sensor verification. Codes are checked by the caller."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from hub.context import Context
from hub.errors import HubError, ValidationError
from hub.states import STATE_ON, STATE_UNAVAILABLE

from .audit import Auditor

DISARMED = "disarmed"
ARMING = "arming"
PENDING = "pending"
TRIGGERED = "triggered"
# Which incident a 24-hour role raises, and whether it makes the panel show `triggered`.
ALWAYS_ARMED_KIND = {
    "smoke": ("fire", True),
    "co": ("co", True),
    "gas": ("gas", True),
    "water_leak": ("water_leak", False),
    "panic": ("panic", True),
    "tamper": ("tamper", True),
}


class NotReadyToArm(HubError):
    """Sensors are open; the message lists them. `open_sensors` holds their entity ids;
    `bypassable` is False when forcing cannot help (they are the ones that cannot be
    bypassed)."""

    def __init__(
        self, message: str, open_sensors: list[str], *, area: str, mode: str, bypassable: bool
    ) -> None:
        super().__init__(message)
        self.open_sensors = open_sensors
        self.area = area
        self.mode = mode
        self.bypassable = bypassable


@dataclass(frozen=True, slots=True)
class Sensor:
    entity_id: str
    role: str
    name: str
    modes: frozenset[str]
    entry_delay: float | None
    bypassable: bool
    trigger_when_unavailable: bool
    arm_after_close: bool
    always_armed: bool

    @classmethod
    def from_config(cls, conf: Mapping[str, Any], name: str) -> Sensor:
        return cls(
            conf["entity_id"],
            conf["role"],
            conf.get("name") or name,
            frozenset(conf["modes"]),
            conf.get("entry_delay"),
            conf["bypassable"],
            conf["trigger_when_unavailable"],
            conf["arm_after_close"],
            conf["always_armed"],
        )

    def opens(self, value: str | None) -> bool:
        """Whether this sensor in state `value` counts as open (unavailable may count)."""
        return value == STATE_ON or (value == STATE_UNAVAILABLE and self.trigger_when_unavailable)


class AreaHooks(Protocol):
    """What an area asks of the system around it."""

    def state_of(self, entity_id: str) -> str | None: ...

    def call_later(self, delay: float, callback: Callable[[], Any]) -> Callable[[], None]: ...

    def now(self) -> datetime: ...

    def changed(self, area: Area) -> None: ...

    def alarm(self, area: Area, kind: str, sensor: Sensor | None, context: Context | None) -> None:
        """The area went off (intrusion, 24-hour zone, unavailable sensor)."""

    def confirmed(self, area: Area, sensor: Sensor) -> None:
        """A second sensor confirmed an unconfirmed alarm."""

    def has_open_incident(self, area: Area) -> bool:
        """An audible incident of the area (restored from before a restart) is still open."""


@dataclass(slots=True)
class Area:
    """The state of one partition; every transition is audited by the methods here."""

    area_id: str
    name: str
    sensors: dict[str, Sensor]
    exit_delay: Mapping[str, float]
    entry_delay: Mapping[str, float]
    sirens: list[str]
    verification: float | None
    hooks: AreaHooks
    audit: Auditor
    state: str = DISARMED
    target_mode: str | None = None  # the mode being armed or that is armed
    bypassed: list[str] = field(default_factory=list)
    changed_by: str | None = None
    trigger_sensors: list[str] = field(default_factory=list)
    delay_until: datetime | None = None  # when the running exit/entry delay ends
    _timer: Callable[[], None] | None = None

    # -- readiness and arming ------------------------------------------------------------
    def is_open(self, sensor: Sensor) -> bool:
        return sensor.opens(self.hooks.state_of(sensor.entity_id))

    def not_ready(self, mode: str) -> list[Sensor]:
        """Sensors active in `mode` that are open (or unavailable) right now."""
        return [s for s in self.sensors.values() if mode in s.modes and self.is_open(s)]

    def check_ready(self, mode: str, force: bool) -> list[Sensor]:
        """The sensors to bypass; raises NotReadyToArm unless `force` may bypass them all."""
        open_sensors = self.not_ready(mode)
        if not open_sensors:
            return []
        names = ", ".join(f"{s.name} ({self._describe(s)})" for s in open_sensors)
        blocking = [s for s in open_sensors if not s.bypassable or s.always_armed]
        if force and not blocking:
            return open_sensors
        if force:
            names = ", ".join(s.name for s in blocking)
            raise NotReadyToArm(
                f"{self.name} cannot be armed: {names} cannot be bypassed",
                [s.entity_id for s in blocking],
                area=self.area_id,
                mode=mode,
                bypassable=False,
            )
        raise NotReadyToArm(
            f"{self.name} is not ready to arm {mode}: {names}",
            [s.entity_id for s in open_sensors],
            area=self.area_id,
            mode=mode,
            bypassable=not blocking,
        )

    def _describe(self, sensor: Sensor) -> str:
        value = self.hooks.state_of(sensor.entity_id)
        return "unavailable" if value == STATE_UNAVAILABLE else "open"

    def arm(self, mode: str, by: str, bypass: list[Sensor], context: Context | None) -> None:
        """Start arming (exit delay) with `bypass` sensors excluded until disarm."""
        if self.state not in (DISARMED,) and not self.state.startswith("armed"):
            raise ValidationError(f"{self.name} cannot be armed while {self.state}")
        self._cancel()
        self.bypassed = [s.entity_id for s in bypass]
        self.target_mode, self.changed_by, self.trigger_sensors = mode, by, []
        delay = self.exit_delay.get(mode, 0.0)
        self.audit.record(
            "alarm.arm",
            context=context,
            target=self.area_id,
            details={"mode": mode, "by": by, "exit_delay": delay, "bypassed": self.bypassed},
        )
        if bypass:
            self.audit.record(
                "alarm.bypass",
                context=context,
                target=self.area_id,
                details={"sensors": self.bypassed, "by": by, "mode": mode},
            )
        if delay > 0:
            self._delay(delay, self._armed)
            self._set(ARMING)
        else:
            self._armed()

    def _armed(self) -> None:
        self._timer = None
        self._set(self.target_mode or "armed_away")

    def disarm(self, by: str, context: Context | None, *, duress: bool = False) -> None:
        self._cancel()
        previous = self.state
        self.target_mode, self.changed_by = None, by
        self.bypassed, self.trigger_sensors = [], []
        self.audit.record(
            "alarm.disarm",
            context=context,
            target=self.area_id,
            details={"by": by, "from": previous, "duress": duress},
        )
        self._set(DISARMED)

    def trigger(self, kind: str, sensor: Sensor | None, context: Context | None) -> None:
        """Go to triggered now and raise the alarm."""
        self._cancel()
        if sensor is not None and sensor.entity_id not in self.trigger_sensors:
            self.trigger_sensors.append(sensor.entity_id)
        already = self.state == TRIGGERED
        self._set(TRIGGERED)
        if not already:
            self.hooks.alarm(self, kind, sensor, context)

    # -- sensors --------------------------------------------------------------------------
    def sensor_changed(self, sensor: Sensor, old: str | None, new: str | None) -> None:
        """React to one sensor's new state."""
        tripped, was_tripped = sensor.opens(new), sensor.opens(old)
        if self.state == ARMING and sensor.arm_after_close and old == STATE_ON and not tripped:
            self._cancel()
            self._armed()
            return
        if not tripped or was_tripped:
            return
        kind = "unavailable" if new == STATE_UNAVAILABLE else "intrusion"
        if sensor.always_armed:
            kind, shows = ALWAYS_ARMED_KIND[sensor.role]
            if new == STATE_UNAVAILABLE:
                kind = "unavailable"
            self.audit.record(
                "alarm.sensor_trip",
                context=None,
                target=self.area_id,
                details={"sensor": sensor.entity_id, "role": sensor.role, "kind": kind},
            )
            if shows:  # every 24-hour trip raises its own alarm, even while triggered
                self._cancel()
                if sensor.entity_id not in self.trigger_sensors:
                    self.trigger_sensors.append(sensor.entity_id)
                self._set(TRIGGERED)
            self.hooks.alarm(self, kind, sensor, None)
            return
        mode = self.state if self.state.startswith("armed") else None
        if self.state == PENDING or self.state == TRIGGERED:
            mode = self.target_mode
        if mode is None or mode not in sensor.modes or sensor.entity_id in self.bypassed:
            return
        self.audit.record(
            "alarm.sensor_trip",
            context=None,
            target=self.area_id,
            details={"sensor": sensor.entity_id, "role": sensor.role, "kind": kind},
        )
        if self.state == TRIGGERED:
            if sensor.entity_id not in self.trigger_sensors:
                self.trigger_sensors.append(sensor.entity_id)
                self.hooks.confirmed(self, sensor)
            return
        if self.state == PENDING:
            if sensor.role == "motion" or sensor.entity_id in self.trigger_sensors:
                return  # followers: walking from the door to the keypad
            self.trigger(kind, sensor, None)
            return
        delay = self._entry_delay(sensor, mode)
        if delay > 0 and kind == "intrusion":
            self.trigger_sensors = [sensor.entity_id]
            self._delay(delay, lambda: self.trigger(kind, sensor, None))
            self._set(PENDING)
        else:
            self.trigger(kind, sensor, None)

    def _entry_delay(self, sensor: Sensor, mode: str) -> float:
        if sensor.entry_delay is not None:
            return sensor.entry_delay
        if sensor.role in ("door",):
            return self.entry_delay.get(mode, 0.0)
        return 0.0

    # -- restart ---------------------------------------------------------------------------
    def restore(self, state: str, extra: Mapping[str, Any]) -> None:
        """Take back the state saved before a restart (timers start in `resume`)."""
        mode = extra.get("mode")
        if not isinstance(mode, str) or not mode.startswith("armed"):
            mode = state if state.startswith("armed") else "armed_away"
        self.state, self.target_mode = state, mode
        self.changed_by = extra.get("changed_by")
        self.bypassed = [e for e in extra.get("bypassed") or [] if e in self.sensors]
        self.trigger_sensors = [e for e in extra.get("trigger_sensors") or [] if e in self.sensors]

    def resume(self) -> None:
        """After a restart: an exit delay starts again in full; an entry delay starts again
        (someone may still disarm); a triggered area stays triggered and its restored incident
        keeps escalating, or (none restored) it raises a new alarm."""
        if self.state in (DISARMED,) or self.state.startswith("armed"):
            return
        self.audit.record(
            "alarm.restored",
            context=None,
            target=self.area_id,
            details={"state": self.state, "mode": self.target_mode},
        )
        mode = self.target_mode or "armed_away"
        if self.state == ARMING:
            self._delay(self.exit_delay.get(mode, 0.0), self._armed)
            self.hooks.changed(self)  # the panel shows the restarted countdown
            return
        sensor = self.sensors.get(self.trigger_sensors[0]) if self.trigger_sensors else None
        if self.state == PENDING:
            delay = self._entry_delay(sensor, mode) if sensor else self.entry_delay.get(mode, 0.0)
            self._delay(delay, lambda: self.trigger("intrusion", sensor, None))
            self.hooks.changed(self)
            return
        if not self.hooks.has_open_incident(self):
            self.hooks.alarm(self, "intrusion", sensor, None)

    # -- helpers --------------------------------------------------------------------------
    def _delay(self, seconds: float, callback: Callable[[], Any]) -> None:
        self.delay_until = self.hooks.now() + timedelta(seconds=seconds)
        self._timer = self.hooks.call_later(seconds, callback)

    def _cancel(self) -> None:
        self.delay_until = None
        if self._timer is not None:
            self._timer()
            self._timer = None

    def _set(self, state: str) -> None:
        self.state = state
        if state not in (ARMING, PENDING):
            self.delay_until = None
        self.hooks.changed(self)
