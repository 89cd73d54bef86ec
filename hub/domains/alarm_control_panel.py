"""alarm_control_panel: an intrusion alarm armed in modes, disarmed and triggered by code."""

from __future__ import annotations

from enum import IntFlag, StrEnum
from typing import Any

from ..entity import Entity
from ..entity_host import EntityService
from .shared import CODE_SCHEMA, check_code, require_feature


class AlarmControlPanelState(StrEnum):
    DISARMED = "disarmed"
    ARMED_HOME = "armed_home"
    ARMED_AWAY = "armed_away"
    ARMED_NIGHT = "armed_night"
    ARMED_VACATION = "armed_vacation"
    ARMED_CUSTOM_BYPASS = "armed_custom_bypass"
    PENDING = "pending"
    ARMING = "arming"
    DISARMING = "disarming"
    TRIGGERED = "triggered"


class AlarmControlPanelEntityFeature(IntFlag):
    ARM_HOME = 1
    ARM_AWAY = 2
    ARM_NIGHT = 4
    TRIGGER = 8
    ARM_CUSTOM_BYPASS = 16
    ARM_VACATION = 32


class CodeFormat(StrEnum):
    TEXT = "text"
    NUMBER = "number"


_F = AlarmControlPanelEntityFeature
_S = AlarmControlPanelState


def _arm(mode: AlarmControlPanelState, flag: AlarmControlPanelEntityFeature, service: str) -> Any:
    async def handler(entity: AlarmControlPanelEntity, code: str | None = None) -> None:
        require_feature(entity, flag, service)
        if entity.code_arm_required:
            check_code(entity, entity.code_format, code)
        await entity.arm(mode, code=code)

    return handler


async def _disarm(entity: AlarmControlPanelEntity, code: str | None = None) -> None:
    check_code(entity, entity.code_format, code)
    await entity.disarm(code=code)


async def _trigger(entity: AlarmControlPanelEntity, code: str | None = None) -> None:
    require_feature(entity, _F.TRIGGER, "alarm_trigger")
    await entity.trigger(code=code)


class AlarmControlPanelEntity(Entity):
    """State from `alarm_state`. Subclasses implement `arm(mode, code=)`, `disarm(code=)` and
    `trigger(code=)`; the base checks features and the code format (`number`/`text`) first.
    A code is always needed to disarm when `code_format` is set, and to arm when
    `code_arm_required` too. Checking that the code is *correct* is the subclass's job."""

    domain = "alarm_control_panel"
    SERVICES = (
        EntityService("alarm_disarm", _disarm, CODE_SCHEMA),
        EntityService(
            "alarm_arm_home", _arm(_S.ARMED_HOME, _F.ARM_HOME, "alarm_arm_home"), CODE_SCHEMA
        ),
        EntityService(
            "alarm_arm_away", _arm(_S.ARMED_AWAY, _F.ARM_AWAY, "alarm_arm_away"), CODE_SCHEMA
        ),
        EntityService(
            "alarm_arm_night", _arm(_S.ARMED_NIGHT, _F.ARM_NIGHT, "alarm_arm_night"), CODE_SCHEMA
        ),
        EntityService(
            "alarm_arm_vacation",
            _arm(_S.ARMED_VACATION, _F.ARM_VACATION, "alarm_arm_vacation"),
            CODE_SCHEMA,
        ),
        EntityService(
            "alarm_arm_custom_bypass",
            _arm(_S.ARMED_CUSTOM_BYPASS, _F.ARM_CUSTOM_BYPASS, "alarm_arm_custom_bypass"),
            CODE_SCHEMA,
        ),
        EntityService("alarm_trigger", _trigger, CODE_SCHEMA),
    )
    code_format: CodeFormat | None = None
    code_arm_required: bool = True
    _features: AlarmControlPanelEntityFeature = _F(0)
    _alarm_state: AlarmControlPanelState | None = None
    _changed_by: str | None = None

    @property
    def alarm_state(self) -> AlarmControlPanelState | None:
        return self._alarm_state

    @property
    def state(self) -> str | None:
        value = self.alarm_state
        return None if value is None else str(value)

    @property
    def supported_features(self) -> int:
        return int(self._features)

    @property
    def state_attributes(self) -> dict[str, Any]:
        return {
            "code_format": None if self.code_format is None else str(self.code_format),
            "changed_by": self._changed_by,
            "code_arm_required": self.code_arm_required,
        }

    async def arm(self, mode: AlarmControlPanelState, *, code: str | None = None) -> None:
        raise NotImplementedError

    async def disarm(self, *, code: str | None = None) -> None:
        raise NotImplementedError

    async def trigger(self, *, code: str | None = None) -> None:
        raise NotImplementedError
