"""What a device may ask of the hub (ESPHome "homeassistant" actions, events and state reads):
refused unless the user allowed it for that device; every request is audited."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aioesphomeapi import HomeassistantServiceCall

from hub.context import Context
from hub.entity import sanitize
from hub.errors import HubError
from hub.events import Event
from hub.states import valid_entity_id

if TYPE_CHECKING:
    from aioesphomeapi import APIClient

    from hub.integration import IntegrationContext

_LOGGER = logging.getLogger(__name__)

EVENT_AUDIT = "bastion_audit"
AUDIT_ACTION = "esphome.device_action"
ACTION_TIMEOUT = 30.0
REFUSED_MESSAGE = "refused: this device is not allowed to call hub services"


class HubAccess:
    """Handles one connected session's requests to the hub on behalf of one device."""

    def __init__(
        self,
        ctx: IntegrationContext,
        client: APIClient,
        device_name: str,
        allowed: bool,
    ) -> None:
        self._ctx = ctx
        self._client = client
        self._device = device_name
        self._allowed = allowed
        self._unsubs: list[Callable[[], None]] = []
        self._tasks: set[asyncio.Task[None]] = set()

    def close(self) -> None:
        """The session ended: stop streaming states and cancel running calls."""
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()
        for task in self._tasks:
            task.cancel()

    def _audit(self, kind: str, target: str, outcome: str, error: str | None = None) -> None:
        data: dict[str, Any] = {
            "action": AUDIT_ACTION,
            "integration": "esphome",
            "device": self._device,
            "kind": kind,
            "target": sanitize(target, 255),
            "outcome": outcome,
        }
        if error:
            data["error"] = sanitize(error, 255)
        self._ctx.fire(EVENT_AUDIT, data)

    # -- actions and events ---------------------------------------------------------------
    def on_service_call(self, call: HomeassistantServiceCall) -> None:
        kind = "event" if call.is_event else "action"
        if not self._allowed:
            _LOGGER.warning(
                "Refused %s %s requested by ESPHome device %s (not allowed for this device)",
                kind,
                sanitize(call.service, 255),
                self._device,
            )
            self._audit(kind, call.service, "refused")
            self._respond(call, False, REFUSED_MESSAGE)
            return
        if call.is_event:
            self._fire_event(call)
            return
        task = self._ctx.create_task(self._run_action(call), f"{self._device}:action")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _fire_event(self, call: HomeassistantServiceCall) -> None:
        event_type = call.service
        if not event_type.startswith("esphome."):
            self._audit("event", event_type, "refused", "device events must start with esphome.")
            return
        self._ctx.fire(event_type, {**call.data, "device": self._device}, context=Context())
        self._audit("event", event_type, "success")

    async def _run_action(self, call: HomeassistantServiceCall) -> None:
        domain, _, service = call.service.partition(".")
        data: dict[str, Any] = dict(call.data)
        try:
            for key, source in call.data_template.items():
                # Rendered in the hub's sandbox; device variables are plain strings.
                data[key] = self._ctx.templates.template(source).render(call.variables)
            async with asyncio.timeout(ACTION_TIMEOUT):
                await self._ctx.call_service(domain, service, data, context=Context())
        except (HubError, TimeoutError) as err:  # TemplateError is a HubError
            self._audit("action", call.service, "failure", str(err) or type(err).__name__)
            self._respond(call, False, str(err))
            return
        self._audit("action", call.service, "success")
        self._respond(call, True, "")

    def _respond(self, call: HomeassistantServiceCall, success: bool, error: str) -> None:
        if call.call_id:
            self._client.send_homeassistant_action_response(call.call_id, success, error)

    # -- state reads ---------------------------------------------------------------------------
    def on_state_subscription(self, entity_id: str, attribute: str | None) -> None:
        """The device wants to follow a hub entity's state (or one attribute of it)."""
        if not self._may_read(entity_id):
            return
        self._send_state(entity_id, attribute)

        def changed(event: Event) -> None:
            self._send_state(entity_id, attribute)

        self._unsubs.append(self._ctx.listen_state([entity_id], changed))

    def on_state_request(self, entity_id: str, attribute: str | None) -> None:
        """The device wants one state now."""
        if self._may_read(entity_id):
            self._send_state(entity_id, attribute)

    def _may_read(self, entity_id: str) -> bool:
        if not self._allowed or not valid_entity_id(entity_id):
            self._audit("state", entity_id, "refused")
            return False
        self._audit("state", entity_id, "success")
        return True

    def _send_state(self, entity_id: str, attribute: str | None) -> None:
        state = self._ctx.states.get(entity_id)
        if state is None:
            value = "unavailable"
        elif attribute:
            value = str(state.attributes.get(attribute, ""))
        else:
            value = state.state
        self._client.send_home_assistant_state(entity_id, attribute, value)
