"""siren: on/off with optional tone, volume and duration."""

from __future__ import annotations

from enum import IntFlag
from typing import Any

import voluptuous as vol

from ..errors import ValidationError
from .shared import require_feature
from .toggle import ToggleEntity, toggle_services


class SirenEntityFeature(IntFlag):
    TURN_ON = 1
    TURN_OFF = 2
    TONES = 4
    VOLUME_SET = 8
    DURATION = 16


TURN_ON_SCHEMA: dict[Any, Any] = {
    vol.Optional("tone"): vol.Any(vol.Coerce(int), vol.All(str, vol.Length(max=64))),
    vol.Optional("volume_level"): vol.All(vol.Coerce(float), vol.Range(min=0, max=1)),
    vol.Optional("duration"): vol.All(vol.Coerce(int), vol.Range(min=1, max=3600)),
}


async def _turn_on(entity: SirenEntity, **params: Any) -> None:
    require_feature(entity, SirenEntityFeature.TURN_ON, "turn_on")
    if "tone" in params:
        require_feature(entity, SirenEntityFeature.TONES, "turn_on with tone")
        tones = entity.available_tones or []
        if params["tone"] not in tones:
            raise ValidationError(f"Tone {params['tone']!r} is not available on {entity.entity_id}")
    if "volume_level" in params:
        require_feature(entity, SirenEntityFeature.VOLUME_SET, "turn_on with volume_level")
    if "duration" in params:
        require_feature(entity, SirenEntityFeature.DURATION, "turn_on with duration")
    await entity.turn_on(**params)


async def _turn_off(entity: SirenEntity) -> None:
    require_feature(entity, SirenEntityFeature.TURN_OFF, "turn_off")
    await entity.turn_off()


async def _toggle(entity: SirenEntity, **params: Any) -> None:
    if entity.is_on:
        await _turn_off(entity)
    else:
        await _turn_on(entity, **params)


class SirenEntity(ToggleEntity):
    """turn_on receives optional `tone` (one of available_tones), `volume_level` (0-1) and
    `duration` (seconds), each only when the matching feature is declared."""

    domain = "siren"
    SERVICES = toggle_services(
        TURN_ON_SCHEMA, on_handler=_turn_on, off_handler=_turn_off, toggle_handler=_toggle
    )
    available_tones: list[str | int] | None = None
    _features: SirenEntityFeature = SirenEntityFeature.TURN_ON | SirenEntityFeature.TURN_OFF

    @property
    def supported_features(self) -> int:
        return int(self._features)

    @property
    def capability_attributes(self) -> dict[str, Any]:
        if self._features & SirenEntityFeature.TONES:
            return {"available_tones": list(self.available_tones or [])}
        return {}
