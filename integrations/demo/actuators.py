"""Demo actuators: locks, lights, exit-sign switch, siren and valves, with realistic delays."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from hub.clock import Clock
from hub.domains.cover import CoverEntity, CoverEntityFeature
from hub.domains.light import ColorMode, LightEntity, LightEntityFeature
from hub.domains.lock import LockEntity, LockState
from hub.domains.siren import SirenEntity, SirenEntityFeature
from hub.domains.switch import SwitchEntity
from hub.domains.valve import ValveEntity, ValveEntityFeature
from hub.states import State

from .devices import DEVICES

LOCK_DELAY = 2.0  # seconds a bolt takes to move
TRAVEL_TIME = 5.0  # seconds a valve or shutter takes to move fully


class Delayed:
    """Mixin: one pending clock timer per entity, cancelled when replaced or removed."""

    clock: Clock
    _pending: Callable[[], None] | None = None

    def after(self, delay: float, action: Callable[[], None]) -> None:
        self.cancel_pending()

        def run() -> None:
            self._pending = None
            action()

        self._pending = self.clock.call_later(delay, run)

    def cancel_pending(self) -> None:
        if self._pending is not None:
            self._pending()
            self._pending = None


class DemoLock(Delayed, LockEntity):
    """Moves through locking/unlocking to locked/unlocked after LOCK_DELAY; restored."""

    restore = True

    def __init__(self, key: str, name: str, device: str, clock: Clock) -> None:
        super().__init__(name, unique_id=f"demo_{key}_lock", device_info=DEVICES[device].info())
        self.key = key
        self.clock = clock
        self._lock_state = LockState.LOCKED

    def _move(self, moving: LockState, final: LockState) -> None:
        self._lock_state = moving
        self._changed_by = "hub"

        def done() -> None:
            self._lock_state = final
            self.write_state()

        self.after(LOCK_DELAY, done)

    async def lock(self, *, code: str | None = None) -> None:
        if self._lock_state != LockState.LOCKED:
            self._move(LockState.LOCKING, LockState.LOCKED)

    async def unlock(self, *, code: str | None = None) -> None:
        if self._lock_state != LockState.UNLOCKED:
            self._move(LockState.UNLOCKING, LockState.UNLOCKED)

    def set_manually(self, locked: bool, by: str) -> None:
        """A person turned the thumb-turn or badged in (the simulation uses this)."""
        self.cancel_pending()
        self._lock_state = LockState.LOCKED if locked else LockState.UNLOCKED
        self._changed_by = by
        self.write_state()

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        settled = {"locking": LockState.LOCKED, "unlocking": LockState.UNLOCKED}
        try:
            self._lock_state = settled.get(last.state) or LockState(last.state)
        except ValueError:
            return
        self._changed_by = last.attributes.get("changed_by")

    async def removed(self) -> None:
        self.cancel_pending()


class DemoLight(LightEntity):
    """A light that applies commands at once and remembers brightness and colour; restored."""

    restore = True

    def __init__(
        self, key: str, name: str, device: str, modes: set[ColorMode], effects: bool = False
    ) -> None:
        super().__init__(name, unique_id=f"demo_{key}_light", device_info=DEVICES[device].info())
        self.key = key
        self.supported_color_modes = frozenset(modes)
        self._features = LightEntityFeature.TRANSITION
        if effects:
            self._features |= LightEntityFeature.EFFECT | LightEntityFeature.FLASH
            self.effect_list = ["none", "pulse", "rainbow"]
        self._is_on = False
        self._brightness = 200 if modes != {ColorMode.ONOFF} else None
        if ColorMode.COLOR_TEMP in modes:
            self._color_temp_kelvin, self._color_mode = 4000, ColorMode.COLOR_TEMP
        if ColorMode.RGB in modes:
            self._rgb_color, self._color_mode = (255, 180, 90), ColorMode.RGB

    async def turn_on(self, **kwargs: Any) -> None:
        self._is_on = True
        if "brightness" in kwargs:
            self._brightness = kwargs["brightness"]
        if "color_temp_kelvin" in kwargs:
            self._color_temp_kelvin, self._color_mode = kwargs["color_temp_kelvin"], "color_temp"
            self._rgb_color = self._hs_color = None
        if "rgb_color" in kwargs:
            self._rgb_color, self._color_mode = kwargs["rgb_color"], ColorMode.RGB
            self._hs_color = self._color_temp_kelvin = None
        if "hs_color" in kwargs:
            self._hs_color, self._color_mode = kwargs["hs_color"], ColorMode.HS
            self._rgb_color = None
        if "effect" in kwargs:
            self._effect = None if kwargs["effect"] == "none" else kwargs["effect"]

    async def turn_off(self, **kwargs: Any) -> None:
        self._is_on = False

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        self._is_on = last.state == "on"
        attrs = last.attributes
        if attrs.get("brightness") is not None:
            self._brightness = int(attrs["brightness"])
        if attrs.get("color_temp_kelvin") is not None:
            self._color_temp_kelvin = int(attrs["color_temp_kelvin"])
            self._color_mode = ColorMode.COLOR_TEMP
        if attrs.get("rgb_color") is not None and ColorMode.RGB in self.supported_color_modes:
            self._rgb_color = tuple(attrs["rgb_color"])  # type: ignore[assignment]
            self._color_mode = ColorMode.RGB


class DemoSwitch(SwitchEntity):
    def __init__(self, key: str, name: str, device: str, on: bool = True) -> None:
        super().__init__(name, unique_id=f"demo_{key}", device_info=DEVICES[device].info())
        self._is_on = on

    async def turn_on(self, **kwargs: Any) -> None:
        self._is_on = True

    async def turn_off(self, **kwargs: Any) -> None:
        self._is_on = False


class DemoSiren(Delayed, SirenEntity):
    """Sounds until turned off, or for `duration` seconds."""

    available_tones = ["intruder", "fire", "chime"]

    def __init__(self, clock: Clock) -> None:
        super().__init__(
            "Exterior Siren", unique_id="demo_exterior_siren", device_info=DEVICES["siren"].info()
        )
        self.clock = clock
        self._features = SirenEntityFeature(31)  # on, off, tones, volume, duration
        self._is_on = False
        self.tone: str | int | None = None

    async def turn_on(self, **kwargs: Any) -> None:
        self._is_on = True
        self.tone = kwargs.get("tone", "intruder")
        if (duration := kwargs.get("duration")) is not None:
            self.after(float(duration), self._silence)
        else:
            self.cancel_pending()

    def _silence(self) -> None:
        self._is_on = False
        self.write_state()

    async def turn_off(self, **kwargs: Any) -> None:
        self.cancel_pending()
        self._is_on = False

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        return {"tone": self.tone} if self._is_on else {}

    async def removed(self) -> None:
        self.cancel_pending()


class Travel(Delayed):
    """Mixin for covers and valves: move for a time proportional to the distance, then settle.

    Uses the `_position`/`_closed`/`_opening`/`_closing` fields the cover and valve bases read.
    """

    reports_position: bool = True
    _position: int | None = None
    _closed: bool | None = None
    _opening = False
    _closing = False

    def _travel(self, target: int) -> None:
        current = self._position if self.reports_position else (0 if self._closed else 100)
        if current is None or (current == target and not (self._opening or self._closing)):
            return
        self._opening, self._closing = target > current, target < current
        distance = max(abs(target - current), 1) / 100

        def done() -> None:
            self._opening = self._closing = False
            self._closed = target == 0
            if self.reports_position:
                self._position = target
            self.write_state()

        self.after(TRAVEL_TIME * distance, done)

    def _stop(self) -> None:
        self.cancel_pending()
        self._opening = self._closing = False

    async def removed(self) -> None:
        self.cancel_pending()


class DemoValve(Travel, ValveEntity):
    """Takes up to TRAVEL_TIME seconds (opening/closing) before settling; restored."""

    restore = True

    def __init__(self, key: str, name: str, device: str, device_class: str, clock: Clock) -> None:
        super().__init__(
            name,
            unique_id=f"demo_{key}",
            device_info=DEVICES[device].info(),
            device_class=device_class,
        )
        self.clock = clock
        self.reports_position = device_class == "water"
        self._features = (
            ValveEntityFeature.OPEN | ValveEntityFeature.CLOSE | ValveEntityFeature.STOP
        )
        if self.reports_position:
            self._features |= ValveEntityFeature.SET_POSITION
            self._position = 100
        self._closed = False

    async def open_valve(self) -> None:
        self._travel(100)

    async def close_valve(self) -> None:
        self._travel(0)

    async def set_valve_position(self, position: int) -> None:
        self._travel(position)

    async def stop_valve(self) -> None:
        self._stop()

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        self._closed = last.state in ("closed", "closing")
        if self.reports_position:
            self._position = int(
                last.attributes.get("current_position", 0 if self._closed else 100)
            )


class DemoCover(Travel, CoverEntity):
    """A roller shutter with a position; restored."""

    restore = True

    def __init__(self, key: str, name: str, device: str, clock: Clock) -> None:
        super().__init__(
            name,
            unique_id=f"demo_{key}",
            device_info=DEVICES[device].info(),
            device_class="shutter",
        )
        self.clock = clock
        self._features = CoverEntityFeature(15)  # open, close, set position, stop
        self._position, self._closed = 0, True

    async def open_cover(self) -> None:
        self._travel(100)

    async def close_cover(self) -> None:
        self._travel(0)

    async def set_cover_position(self, position: int) -> None:
        self._travel(position)

    async def stop_cover(self) -> None:
        self._stop()

    async def restore_state(self, last: State, extra: Mapping[str, Any] | None) -> None:
        self._position = int(last.attributes.get("current_position", 0))
        self._closed = self._position == 0
