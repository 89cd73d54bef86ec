"""light: on/off with brightness, colour temperature, colours and effects."""

from __future__ import annotations

import colorsys
from enum import IntFlag, StrEnum
from typing import Any

import voluptuous as vol

from ..errors import ValidationError
from .shared import require_feature
from .toggle import ToggleEntity, toggle_services


class ColorMode(StrEnum):
    UNKNOWN = "unknown"
    ONOFF = "onoff"
    BRIGHTNESS = "brightness"
    COLOR_TEMP = "color_temp"
    HS = "hs"
    XY = "xy"
    RGB = "rgb"
    RGBW = "rgbw"
    RGBWW = "rgbww"
    WHITE = "white"


class LightEntityFeature(IntFlag):
    EFFECT = 4
    FLASH = 8
    TRANSITION = 32


DIMMABLE_MODES = frozenset(ColorMode) - {ColorMode.ONOFF, ColorMode.UNKNOWN}
COLOR_MODES = frozenset(
    {ColorMode.HS, ColorMode.XY, ColorMode.RGB, ColorMode.RGBW, ColorMode.RGBWW}
)

_byte = vol.All(vol.Coerce(int), vol.Range(min=0, max=255))
_pct = vol.All(vol.Coerce(float), vol.Range(min=0, max=100))
_kelvin = vol.All(vol.Coerce(int), vol.Range(min=1000, max=40000))
_rgb = vol.All(vol.ExactSequence((_byte, _byte, _byte)), vol.Coerce(tuple))
_hs = vol.All(
    vol.ExactSequence(
        (
            vol.All(vol.Coerce(float), vol.Range(min=0, max=360)),
            vol.All(vol.Coerce(float), vol.Range(min=0, max=100)),
        )
    ),
    vol.Coerce(tuple),
)

TURN_ON_SCHEMA: dict[Any, Any] = {
    vol.Exclusive("brightness", "brightness"): _byte,
    vol.Exclusive("brightness_pct", "brightness"): _pct,
    vol.Exclusive("brightness_step", "brightness"): vol.All(
        vol.Coerce(int), vol.Range(min=-255, max=255)
    ),
    vol.Exclusive("brightness_step_pct", "brightness"): vol.All(
        vol.Coerce(float), vol.Range(min=-100, max=100)
    ),
    vol.Exclusive("color_temp_kelvin", "color"): _kelvin,
    vol.Exclusive("rgb_color", "color"): _rgb,
    vol.Exclusive("hs_color", "color"): _hs,
    vol.Optional("effect"): vol.All(str, vol.Length(max=64)),
    vol.Optional("transition"): vol.All(vol.Coerce(float), vol.Range(min=0, max=6553)),
    vol.Optional("flash"): vol.In(("short", "long")),
}
TURN_OFF_SCHEMA: dict[Any, Any] = {
    vol.Optional("transition"): vol.All(vol.Coerce(float), vol.Range(min=0, max=6553)),
    vol.Optional("flash"): vol.In(("short", "long")),
}


def hs_to_rgb(hs: tuple[float, float]) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb(hs[0] / 360.0, hs[1] / 100.0, 1.0)
    return round(r * 255), round(g * 255), round(b * 255)


def rgb_to_hs(rgb: tuple[int, int, int]) -> tuple[float, float]:
    h, s, _ = colorsys.rgb_to_hsv(*(c / 255.0 for c in rgb))
    return round(h * 360, 3), round(s * 100, 3)


async def _turn_on(entity: LightEntity, **params: Any) -> None:
    normalized = entity.normalize_turn_on(params)
    if normalized.get("brightness") == 0:
        off = {k: v for k, v in normalized.items() if k == "transition"}
        await entity.turn_off(**off)
        return
    await entity.turn_on(**normalized)


async def _toggle(entity: LightEntity, **params: Any) -> None:
    if entity.is_on:
        off = {k: v for k, v in params.items() if k in ("transition", "flash")}
        await entity.turn_off(**off)
    else:
        await _turn_on(entity, **params)


class LightEntity(ToggleEntity):
    """Subclasses implement `turn_on(**kw)` receiving normalised fields only:
    brightness (1-255), color_temp_kelvin, rgb_color or hs_color (in a mode the light
    supports), effect, transition, flash; and `turn_off(**kw)`."""

    domain = "light"
    SERVICES = toggle_services(
        TURN_ON_SCHEMA, TURN_OFF_SCHEMA, on_handler=_turn_on, toggle_handler=_toggle
    )
    supported_color_modes: frozenset[ColorMode] = frozenset({ColorMode.ONOFF})
    min_color_temp_kelvin: int = 2000
    max_color_temp_kelvin: int = 6500
    effect_list: list[str] | None = None
    _features: LightEntityFeature = LightEntityFeature(0)
    _brightness: int | None = None
    _color_mode: ColorMode | None = None
    _color_temp_kelvin: int | None = None
    _hs_color: tuple[float, float] | None = None
    _rgb_color: tuple[int, int, int] | None = None
    _effect: str | None = None

    @property
    def brightness(self) -> int | None:
        return self._brightness

    @property
    def color_mode(self) -> ColorMode | None:
        if self._color_mode is not None:
            return self._color_mode
        if len(self.supported_color_modes) == 1:
            return next(iter(self.supported_color_modes))
        return None

    @property
    def supported_features(self) -> int:
        return int(self._features)

    @property
    def capability_attributes(self) -> dict[str, Any]:
        attrs: dict[str, Any] = {
            "supported_color_modes": sorted(str(m) for m in self.supported_color_modes)
        }
        if ColorMode.COLOR_TEMP in self.supported_color_modes:
            attrs["min_color_temp_kelvin"] = self.min_color_temp_kelvin
            attrs["max_color_temp_kelvin"] = self.max_color_temp_kelvin
        if self._features & LightEntityFeature.EFFECT:
            attrs["effect_list"] = list(self.effect_list or [])
        return attrs

    @property
    def state_attributes(self) -> dict[str, Any]:
        on = bool(self.is_on)
        modes = self.supported_color_modes
        mode = self.color_mode
        attrs: dict[str, Any] = {"color_mode": str(mode) if on and mode is not None else None}
        if modes & DIMMABLE_MODES:
            attrs["brightness"] = self.brightness if on else None
        if ColorMode.COLOR_TEMP in modes:
            kelvin = self._color_temp_kelvin if on else None
            attrs["color_temp_kelvin"] = kelvin
        if modes & COLOR_MODES:
            hs = self._hs_color or (rgb_to_hs(self._rgb_color) if self._rgb_color else None)
            rgb = self._rgb_color or (hs_to_rgb(self._hs_color) if self._hs_color else None)
            attrs["hs_color"] = hs if on else None
            attrs["rgb_color"] = rgb if on else None
        if self._features & LightEntityFeature.EFFECT:
            attrs["effect"] = self._effect if on else None
        return attrs

    def normalize_turn_on(self, params: dict[str, Any]) -> dict[str, Any]:
        """Resolve percentages/steps to a brightness and colours to a supported mode."""
        out = dict(params)
        current = self.brightness if self.is_on and self.brightness is not None else 0
        if "brightness_pct" in out:
            out["brightness"] = round(out.pop("brightness_pct") * 255 / 100)
        elif "brightness_step" in out:
            out["brightness"] = max(0, min(255, current + out.pop("brightness_step")))
        elif "brightness_step_pct" in out:
            step = round(out.pop("brightness_step_pct") * 255 / 100)
            out["brightness"] = max(0, min(255, current + step))
        modes = self.supported_color_modes
        if "brightness" in out and not modes & DIMMABLE_MODES:
            raise ValidationError(f"{self.entity_id} cannot be dimmed")
        if "color_temp_kelvin" in out:
            if ColorMode.COLOR_TEMP not in modes:
                raise ValidationError(f"{self.entity_id} does not support colour temperature")
            out["color_temp_kelvin"] = max(
                self.min_color_temp_kelvin,
                min(self.max_color_temp_kelvin, out["color_temp_kelvin"]),
            )
        if "rgb_color" in out and ColorMode.RGB not in modes:
            if ColorMode.HS not in modes:
                raise ValidationError(f"{self.entity_id} does not support colours")
            out["hs_color"] = rgb_to_hs(out.pop("rgb_color"))
        if "hs_color" in out and ColorMode.HS not in modes:
            if ColorMode.RGB not in modes:
                raise ValidationError(f"{self.entity_id} does not support colours")
            out["rgb_color"] = hs_to_rgb(out.pop("hs_color"))
        if "effect" in out:
            require_feature(self, LightEntityFeature.EFFECT, "turn_on with effect")
            if out["effect"] not in (self.effect_list or []):
                raise ValidationError(f"Unknown effect {out['effect']!r} for {self.entity_id}")
        if "flash" in out:
            require_feature(self, LightEntityFeature.FLASH, "turn_on with flash")
        if "transition" in out and not self._features & LightEntityFeature.TRANSITION:
            out.pop("transition")  # lights without transitions just switch
        return out
