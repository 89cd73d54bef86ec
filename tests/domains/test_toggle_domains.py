"""switch, light, fan and siren through their services."""

from __future__ import annotations

from typing import Any

import pytest

from hub.domains.fan import FanEntity, FanEntityFeature
from hub.domains.light import ColorMode, LightEntity, LightEntityFeature
from hub.domains.siren import SirenEntity, SirenEntityFeature
from hub.domains.switch import SwitchEntity
from hub.errors import ValidationError

from .conftest import Core


class Plug(SwitchEntity):
    _is_on = False

    async def turn_on(self, **kwargs: Any) -> None:
        self._is_on = True

    async def turn_off(self, **kwargs: Any) -> None:
        self._is_on = False


class Lamp(LightEntity):
    def __init__(self, name: str, modes: set[ColorMode], features: int = 0) -> None:
        super().__init__(name)
        self.supported_color_modes = frozenset(modes)
        self._features = LightEntityFeature(features)
        self.effect_list = ["rainbow", "pulse"]
        self._is_on = False
        self.calls: list[dict[str, Any]] = []

    async def turn_on(self, **kwargs: Any) -> None:
        self.calls.append(kwargs)
        self._is_on = True
        if "brightness" in kwargs:
            self._brightness = kwargs["brightness"]
        elif self._brightness is None:
            self._brightness = 255
        for key, mode in (
            ("rgb_color", ColorMode.RGB),
            ("hs_color", ColorMode.HS),
            ("color_temp_kelvin", ColorMode.COLOR_TEMP),
        ):
            if key in kwargs:
                self._rgb_color = self._hs_color = self._color_temp_kelvin = None
                setattr(self, f"_{key}", kwargs[key])
                self._color_mode = mode
        if "effect" in kwargs:
            self._effect = kwargs["effect"]

    async def turn_off(self, **kwargs: Any) -> None:
        self._is_on = False


async def test_switch_on_off_toggle(core: Core) -> None:
    eid = await core.add(Plug("Desk plug"))
    assert eid == "switch.desk_plug"
    assert core.states.get(eid).state == "off"
    await core.call("switch", "turn_on", entity_id=eid)
    assert core.states.get(eid).state == "on"
    await core.call("switch", "toggle", entity_id=eid)
    assert core.states.get(eid).state == "off"
    with pytest.raises(ValidationError):
        await core.call("switch", "turn_on", entity_id=eid, brightness=4)


async def test_unavailable_entity_is_skipped(core: Core) -> None:
    plug = Plug("Plug")
    eid = await core.add(plug)
    plug.set_available(False)
    assert core.states.get(eid).state == "unavailable"
    await core.call("switch", "turn_on", entity_id=eid)
    assert plug.is_on is False
    assert core.states.get(eid).state == "unavailable"


async def test_light_brightness_forms(core: Core) -> None:
    lamp = Lamp("Desk", {ColorMode.BRIGHTNESS})
    eid = await core.add(lamp)
    state = core.states.get(eid)
    assert state.state == "off"
    assert state.attributes["supported_color_modes"] == ["brightness"]
    assert state.attributes["brightness"] is None
    await core.call("light", "turn_on", entity_id=eid, brightness_pct=50)
    state = core.states.get(eid)
    assert state.state == "on"
    assert state.attributes["brightness"] == 128
    assert state.attributes["color_mode"] == "brightness"
    await core.call("light", "turn_on", entity_id=eid, brightness_step=-28)
    assert core.states.get(eid).attributes["brightness"] == 100
    await core.call("light", "turn_on", entity_id=eid, brightness_step_pct=100)
    assert core.states.get(eid).attributes["brightness"] == 255
    await core.call("light", "turn_on", entity_id=eid, brightness=0)
    assert core.states.get(eid).state == "off"


async def test_light_invalid_data(core: Core) -> None:
    eid = await core.add(Lamp("Plain", {ColorMode.ONOFF}))
    with pytest.raises(ValidationError, match="brightness"):
        await core.call("light", "turn_on", entity_id=eid, brightness=300)
    with pytest.raises(ValidationError):
        await core.call("light", "turn_on", entity_id=eid, brightness=10, brightness_pct=10)
    with pytest.raises(ValidationError, match="cannot be dimmed"):
        await core.call("light", "turn_on", entity_id=eid, brightness=10)
    with pytest.raises(ValidationError, match="colours"):
        await core.call("light", "turn_on", entity_id=eid, rgb_color=[255, 0, 0])
    with pytest.raises(ValidationError, match="effect"):
        await core.call("light", "turn_on", entity_id=eid, effect="rainbow")
    with pytest.raises(ValidationError):
        await core.call("light", "turn_on", entity_id=eid, flash="sometimes")


async def test_light_colours_convert_to_supported_mode(core: Core) -> None:
    lamp = Lamp("Feature", {ColorMode.HS, ColorMode.COLOR_TEMP}, LightEntityFeature.EFFECT)
    eid = await core.add(lamp)
    await core.call("light", "turn_on", entity_id=eid, rgb_color=[255, 0, 0])
    assert lamp.calls[-1] == {"hs_color": (0.0, 100.0)}
    attrs = core.states.get(eid).attributes
    assert attrs["color_mode"] == "hs"
    assert attrs["rgb_color"] == (255, 0, 0)
    await core.call("light", "turn_on", entity_id=eid, color_temp_kelvin=9000)
    attrs = core.states.get(eid).attributes
    assert attrs["color_temp_kelvin"] == 6500  # clamped to the light's range
    assert attrs["color_mode"] == "color_temp"
    assert attrs["min_color_temp_kelvin"] == 2000
    await core.call("light", "turn_on", entity_id=eid, effect="pulse", transition=2)
    assert lamp.calls[-1] == {"effect": "pulse"}  # no TRANSITION feature: dropped
    assert core.states.get(eid).attributes["effect_list"] == ["rainbow", "pulse"]
    with pytest.raises(ValidationError, match="Unknown effect"):
        await core.call("light", "turn_on", entity_id=eid, effect="disco")
    await core.call("light", "toggle", entity_id=eid)
    attrs = core.states.get(eid).attributes
    assert core.states.get(eid).state == "off"
    assert attrs["hs_color"] is None and attrs["effect"] is None


class Fan(FanEntity):
    preset_modes = ["eco", "boost"]
    _features = (
        FanEntityFeature.SET_SPEED
        | FanEntityFeature.PRESET_MODE
        | FanEntityFeature.TURN_ON
        | FanEntityFeature.TURN_OFF
    )
    speed_count = 4

    async def turn_on(self, **kwargs: Any) -> None:
        self._is_on = True
        self._percentage = kwargs.get("percentage", self._percentage or 25)
        self._preset_mode = kwargs.get("preset_mode")

    async def turn_off(self, **kwargs: Any) -> None:
        self._is_on = False

    async def set_percentage(self, percentage: int) -> None:
        self._is_on, self._percentage = True, percentage

    async def set_preset_mode(self, preset_mode: str) -> None:
        self._is_on, self._preset_mode = True, preset_mode


async def test_fan_services(core: Core) -> None:
    eid = await core.add(Fan("Ceiling"))
    await core.call("fan", "turn_on", entity_id=eid, percentage=50)
    attrs = core.states.get(eid).attributes
    assert (attrs["percentage"], attrs["percentage_step"]) == (50, 25.0)
    await core.call("fan", "increase_speed", entity_id=eid)
    assert core.states.get(eid).attributes["percentage"] == 75
    await core.call("fan", "set_preset_mode", entity_id=eid, preset_mode="boost")
    assert core.states.get(eid).attributes["preset_mode"] == "boost"
    with pytest.raises(ValidationError, match="not valid"):
        await core.call("fan", "set_preset_mode", entity_id=eid, preset_mode="turbo")
    with pytest.raises(ValidationError, match=r"does not support fan.oscillate"):
        await core.call("fan", "oscillate", entity_id=eid, oscillating=True)
    with pytest.raises(ValidationError):
        await core.call("fan", "set_percentage", entity_id=eid, percentage=120)
    await core.call("fan", "set_percentage", entity_id=eid, percentage=0)
    assert core.states.get(eid).state == "off"


class Siren(SirenEntity):
    available_tones = ["fire", "intruder"]
    _features = SirenEntityFeature.TURN_ON | SirenEntityFeature.TURN_OFF | SirenEntityFeature.TONES

    async def turn_on(self, **kwargs: Any) -> None:
        self._is_on = True
        self.last = kwargs

    async def turn_off(self, **kwargs: Any) -> None:
        self._is_on = False


async def test_siren_tones_and_features(core: Core) -> None:
    siren = Siren("Hall siren")
    eid = await core.add(siren)
    assert core.states.get(eid).attributes["available_tones"] == ["fire", "intruder"]
    await core.call("siren", "turn_on", entity_id=eid, tone="intruder")
    assert siren.last == {"tone": "intruder"} and core.states.get(eid).state == "on"
    await core.call("siren", "toggle", entity_id=eid)
    assert core.states.get(eid).state == "off"
    with pytest.raises(ValidationError, match="not available"):
        await core.call("siren", "turn_on", entity_id=eid, tone="doorbell")
    with pytest.raises(ValidationError, match="volume_level"):
        await core.call("siren", "turn_on", entity_id=eid, volume_level=0.5)
    with pytest.raises(ValidationError):
        await core.call("siren", "turn_on", entity_id=eid, volume_level=2)
