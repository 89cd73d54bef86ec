"""ESPHome entities the hub commands: switch, button, number, select, text, lock, siren,
alarm_control_panel."""

from __future__ import annotations

from typing import Any

from aioesphomeapi import (
    AlarmControlPanelCommand,
    AlarmControlPanelEntityState,
    AlarmControlPanelInfo,
    ButtonInfo,
    EntityInfo,
    EntityState,
    LockCommand,
    LockEntityState,
    LockInfo,
    NumberInfo,
    NumberMode,
    NumberState,
    SelectInfo,
    SelectState,
    SirenInfo,
    SirenState,
    SwitchInfo,
    SwitchState,
    TextInfo,
    TextMode,
    TextState,
)

from hub.domains import alarm_control_panel as acp
from hub.domains import button, lock, number, select, siren, switch, text

from ..entity import EsphomeEntity, device_class, enum_name, finite, missing


class EsphomeSwitch(EsphomeEntity, switch.SwitchEntity):
    INFO = SwitchInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, SwitchInfo)
        super().update_info(info)
        self._device_class = device_class(info.device_class, frozenset(switch.SwitchDeviceClass))

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, SwitchState)
        self._is_on = None if missing(state) else state.state

    async def turn_on(self, **kwargs: Any) -> None:
        self.client.switch_command(self.key, True)
        if self.info.assumed_state:  # type: ignore[attr-defined]
            self._is_on = True

    async def turn_off(self, **kwargs: Any) -> None:
        self.client.switch_command(self.key, False)
        if self.info.assumed_state:  # type: ignore[attr-defined]
            self._is_on = False


class EsphomeButton(EsphomeEntity, button.ButtonEntity):
    INFO = ButtonInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, ButtonInfo)
        super().update_info(info)
        self._device_class = device_class(info.device_class, frozenset(button.ButtonDeviceClass))

    def update_from(self, state: EntityState) -> None:
        """Buttons have no device state."""

    async def press(self) -> None:
        self.client.button_command(self.key)


_NUMBER_MODES = {
    NumberMode.BOX: number.NumberMode.BOX,
    NumberMode.SLIDER: number.NumberMode.SLIDER,
}


class EsphomeNumber(EsphomeEntity, number.NumberEntity):
    INFO = NumberInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, NumberInfo)
        super().update_info(info)
        self.min_value, self.max_value = info.min_value, info.max_value
        self.step = info.step or 1.0
        self.mode = _NUMBER_MODES.get(info.mode, number.NumberMode.AUTO)  # type: ignore[arg-type]
        self._unit = info.unit_of_measurement or None
        self._device_class = info.device_class or None

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, NumberState)
        self._native_value = None if missing(state) else finite(state.state)

    async def set_value(self, value: float) -> None:
        self.client.number_command(self.key, value)


class EsphomeSelect(EsphomeEntity, select.SelectEntity):
    INFO = SelectInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, SelectInfo)
        super().update_info(info)
        self.options = list(info.options)

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, SelectState)
        self._current_option = None if missing(state) else state.state

    async def select_option(self, option: str) -> None:
        self.client.select_command(self.key, option)


class EsphomeText(EsphomeEntity, text.TextEntity):
    INFO = TextInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, TextInfo)
        super().update_info(info)
        self.min_length, self.max_length = info.min_length, info.max_length
        self.pattern = info.pattern or None
        self.mode = text.TextMode.PASSWORD if info.mode == TextMode.PASSWORD else text.TextMode.TEXT

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, TextState)
        self._native_value = None if missing(state) else state.state

    async def set_value(self, value: str) -> None:
        self.client.text_command(self.key, value)


class EsphomeLock(EsphomeEntity, lock.LockEntity):
    INFO = LockInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, LockInfo)
        super().update_info(info)
        self._features = (
            lock.LockEntityFeature.OPEN if info.supports_open else lock.LockEntityFeature(0)
        )
        self.code_format = (info.code_format or r"^.+$") if info.requires_code else None

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, LockEntityState)
        name = enum_name(state.state)
        self._lock_state = lock.LockState(name) if name in set(lock.LockState) else None

    async def lock(self, *, code: str | None = None) -> None:
        self.client.lock_command(self.key, LockCommand.LOCK, code)

    async def unlock(self, *, code: str | None = None) -> None:
        self.client.lock_command(self.key, LockCommand.UNLOCK, code)

    async def open(self, *, code: str | None = None) -> None:
        self.client.lock_command(self.key, LockCommand.OPEN, code)


class EsphomeSiren(EsphomeEntity, siren.SirenEntity):
    INFO = SirenInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, SirenInfo)
        super().update_info(info)
        features = siren.SirenEntityFeature.TURN_ON | siren.SirenEntityFeature.TURN_OFF
        if info.tones:
            features |= siren.SirenEntityFeature.TONES
        if info.supports_volume:
            features |= siren.SirenEntityFeature.VOLUME_SET
        if info.supports_duration:
            features |= siren.SirenEntityFeature.DURATION
        self._features = features
        self.available_tones = list(info.tones) or None

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, SirenState)
        self._is_on = state.state

    async def turn_on(self, **kwargs: Any) -> None:
        tone = kwargs.get("tone")
        self.client.siren_command(
            self.key,
            True,
            tone=None if tone is None else str(tone),
            volume=kwargs.get("volume_level"),
            duration=kwargs.get("duration"),
        )

    async def turn_off(self, **kwargs: Any) -> None:
        self.client.siren_command(self.key, False)


_ARM_COMMANDS = {
    acp.AlarmControlPanelState.ARMED_HOME: AlarmControlPanelCommand.ARM_HOME,
    acp.AlarmControlPanelState.ARMED_AWAY: AlarmControlPanelCommand.ARM_AWAY,
    acp.AlarmControlPanelState.ARMED_NIGHT: AlarmControlPanelCommand.ARM_NIGHT,
    acp.AlarmControlPanelState.ARMED_VACATION: AlarmControlPanelCommand.ARM_VACATION,
    acp.AlarmControlPanelState.ARMED_CUSTOM_BYPASS: AlarmControlPanelCommand.ARM_CUSTOM_BYPASS,
}


class EsphomeAlarmControlPanel(EsphomeEntity, acp.AlarmControlPanelEntity):
    INFO = AlarmControlPanelInfo

    def update_info(self, info: EntityInfo) -> None:
        assert isinstance(info, AlarmControlPanelInfo)
        super().update_info(info)
        # ESPHome uses Home Assistant's feature bits.
        self._features = acp.AlarmControlPanelEntityFeature(info.supported_features & 0x3F)
        self.code_format = acp.CodeFormat.NUMBER if info.requires_code else None
        self.code_arm_required = info.requires_code_to_arm

    def update_from(self, state: EntityState) -> None:
        assert isinstance(state, AlarmControlPanelEntityState)
        name = enum_name(state.state)
        valid = set(acp.AlarmControlPanelState)
        self._alarm_state = acp.AlarmControlPanelState(name) if name in valid else None

    async def arm(self, mode: acp.AlarmControlPanelState, *, code: str | None = None) -> None:
        self.client.alarm_control_panel_command(self.key, _ARM_COMMANDS[mode], code)

    async def disarm(self, *, code: str | None = None) -> None:
        self.client.alarm_control_panel_command(self.key, AlarmControlPanelCommand.DISARM, code)

    async def trigger(self, *, code: str | None = None) -> None:
        self.client.alarm_control_panel_command(self.key, AlarmControlPanelCommand.TRIGGER, code)


CLASSES: tuple[type[EsphomeEntity], ...] = (
    EsphomeSwitch,
    EsphomeButton,
    EsphomeNumber,
    EsphomeSelect,
    EsphomeText,
    EsphomeLock,
    EsphomeSiren,
    EsphomeAlarmControlPanel,
)
