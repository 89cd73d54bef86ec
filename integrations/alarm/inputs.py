"""Keypads and RFID readers: `alarm_keypad` events, the `alarm.keypad` service, keypad event
entities and `tag_scanned` events turned into panel actions (checked and audited by the system).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from hub.context import Context
from hub.errors import HubError, ValidationError
from hub.events import Event
from hub.integration import IntegrationContext

from .area import DISARMED

if TYPE_CHECKING:
    from .system import AlarmSystem

_LOGGER = logging.getLogger(__name__)

EVENT_KEYPAD = "alarm_keypad"
EVENT_TAG_SCANNED = "tag_scanned"
EVENT_RESULT = "alarm_input_result"


class AlarmInputs:
    """Routes keypad and badge input to the AlarmSystem; the outcome is fired as
    `alarm_input_result` (for keypad beeps/LEDs) and never carries a code or tag id."""

    def __init__(
        self, ctx: IntegrationContext, system: AlarmSystem, config: Mapping[str, Any]
    ) -> None:
        self._ctx = ctx
        self._system = system
        self._keypads: Mapping[str, Mapping[str, Any]] = config["keypads"]
        self._readers: list[Mapping[str, Any]] = list(config["readers"])
        self._keypad_entities = {
            conf["entity_id"]: key for key, conf in self._keypads.items() if conf.get("entity_id")
        }

    def start(self) -> None:
        self._ctx.listen(EVENT_KEYPAD, self._keypad_event)
        if self._readers:
            self._ctx.listen(EVENT_TAG_SCANNED, self._tag_event)
        if self._keypad_entities:
            self._ctx.listen_state(list(self._keypad_entities), self._keypad_entity_event)

    # -- sources --------------------------------------------------------------------------
    def _keypad_event(self, event: Event) -> None:
        data = event.data
        self._spawn(
            str(data.get("keypad") or "keypad"),
            str(data.get("action") or ""),
            data.get("area"),
            event.context,
            code=None if data.get("code") is None else str(data["code"]),
        )

    async def keypad_service(
        self, keypad: str, action: str, area: str | None, code: str | None, context: Context
    ) -> None:
        """`alarm.keypad`: like the event, but the code is redacted from call_service events."""
        await self.perform(keypad, action, area, context, code=code)

    def _keypad_entity_event(self, event: Event) -> None:
        new = event.data.get("new_state")
        if new is None or new.state in ("unavailable", "unknown"):
            return
        key = self._keypad_entities[event.data["entity_id"]]
        action = self._keypads[key]["events"].get(new.attributes.get("event_type"))
        if action is None:
            return  # key presses and events the keypad was not configured to act on
        # Event entities publish their attributes as state: codes never travel this way, so
        # these actions run without a code (a disarm is then refused and counted).
        self._spawn(key, action, None, event.context)

    def _tag_event(self, event: Event) -> None:
        device_id = event.data.get("device_id")
        tag_id = event.data.get("tag_id")
        if not tag_id:
            return
        for reader in self._readers:
            if self._reader_device(reader) == device_id and device_id is not None:
                source = reader.get("entity_id") or f"reader:{device_id}"
                self._spawn(
                    source,
                    reader["action"],
                    reader.get("area"),
                    event.context,
                    tag=str(tag_id),
                    arm_mode=reader["arm_mode"],
                    keypad_conf=False,
                )
                return

    def _reader_device(self, reader: Mapping[str, Any]) -> str | None:
        if reader.get("device_id"):
            return str(reader["device_id"])
        entry = self._ctx.registries.entities.get(reader["entity_id"])
        return entry.device_id if entry is not None else None

    # -- actions --------------------------------------------------------------------------
    def _spawn(
        self,
        source: str,
        action: str,
        area: str | None,
        context: Context,
        **kwargs: Any,
    ) -> None:
        self._ctx.create_task(
            self._guarded(source, action, area, context, **kwargs), f"input-{source}"
        )

    async def _guarded(
        self, source: str, action: str, area: str | None, context: Context, **kwargs: Any
    ) -> None:
        try:
            await self.perform(source, action, area, context, **kwargs)
        except HubError as err:  # already audited by the system; the keypad just beeps
            _LOGGER.info("Input from %s (%s) refused: %s", source, action, err)

    async def perform(
        self,
        source: str,
        action: str,
        area: str | None,
        context: Context,
        *,
        code: str | None = None,
        tag: str | None = None,
        arm_mode: str = "armed_away",
        keypad_conf: bool = True,
    ) -> None:
        """Run one keypad/badge action on the source's areas; fires the result either way."""
        area_ids: list[str] = []
        try:
            area_ids = self._areas(source, area, keypad_conf)
            system = self._system
            if action == "toggle":
                busy = any(system.areas[a].state != DISARMED for a in area_ids)
                action = "disarm" if busy else "arm_" + arm_mode.removeprefix("armed_")
            if action == "disarm":
                await system.disarm(area_ids, code, context, source, tag=tag)
            elif action == "panic":
                await system.panic(area_ids, code, context, source, tag=tag)
            elif action.startswith("arm_"):
                mode = "armed_" + action.removeprefix("arm_")
                await system.arm(area_ids, mode, code, context, source, tag=tag)
            else:
                raise ValidationError(f"Unknown keypad action {action!r}")
        except HubError as err:
            self._result(source, action, area_ids, context, error=str(err))
            raise
        self._result(source, action, area_ids, context, error=None)

    def _areas(self, source: str, area: str | None, keypad_conf: bool) -> list[str]:
        if area is None and keypad_conf:
            area = self._keypads.get(source, {}).get("area")
        if area is None:
            return list(self._system.areas)
        if area not in self._system.areas:
            raise ValidationError(f"Unknown alarm area {area!r}")
        return [area]

    def _result(
        self,
        source: str,
        action: str,
        area_ids: list[str],
        context: Context,
        *,
        error: str | None,
    ) -> None:
        self._ctx.fire(
            EVENT_RESULT,
            {
                "source": source,
                "action": action,
                "areas": area_ids,
                "success": error is None,
                "error": error,
            },
            context=context,
        )
