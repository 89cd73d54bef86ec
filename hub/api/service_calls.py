"""Service calls from API clients: permission check on every targeted entity, change tracking."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..context import Context
from ..errors import ValidationError
from ..events import EVENT_STATE_CHANGED, Event
from ..runtime import Hub
from ..services import TARGET_KEYS, ServiceResponse, Target
from .access import AccessDenied

SERVICE_CALL_TIMEOUT = 300.0  # seconds; a service that hangs longer is reported as timeout


def _merged_target(data: Mapping[str, Any], target: Mapping[str, Any] | None) -> Target:
    merged = {k: data[k] for k in TARGET_KEYS if k in data}
    if target:
        merged.update({k: target[k] for k in TARGET_KEYS if target.get(k) is not None})
    return Target.from_data(merged)


def authorize_call(
    hub: Hub,
    can: Callable[[str, str], bool],
    is_admin: bool,
    data: Mapping[str, Any],
    target: Mapping[str, Any] | None,
    service: str = "",
) -> set[str]:
    """Non-admins may only call services on entities they may control (default deny).

    The check runs on the expanded target (areas, floors, labels and devices resolved to
    entities exactly as the call will resolve them), not on the request; returns that set.
    """
    if is_admin:
        return set()
    if target and any(isinstance(v, str) and "{{" in v for v in target.values()):
        raise ValidationError("Templates are not allowed in target")
    tgt = _merged_target(data, target)
    if not tgt:
        raise AccessDenied(
            "Calling a service without an entity target needs admin rights",
            permission="admin",
            targets=service or None,
        )
    if tgt.all_entities:
        raise AccessDenied(
            "Targeting all entities needs admin rights", permission="admin", targets="all"
        )
    entity_ids = hub.services.resolve(tgt)
    if not entity_ids:
        raise AccessDenied(
            "The target matches no entity you may control",
            permission="control",
            targets=service or None,
        )
    denied = sorted(e for e in entity_ids if not can("control", e))
    if denied:
        raise AccessDenied(
            f"Not allowed to control {', '.join(denied[:5])}",
            permission="control",
            targets=denied,
        )
    return entity_ids


async def call_tracking_changes(
    hub: Hub,
    domain: str,
    service: str,
    data: Mapping[str, Any],
    target: Mapping[str, Any] | None,
    context: Context,
    return_response: bool,
) -> tuple[ServiceResponse, list[Any]]:
    """Call a service (blocking) and collect the states it changed under this context."""
    changed: dict[str, Any] = {}

    def collect(event: Event) -> None:
        if event.context.id == context.id or event.context.parent_id == context.id:
            new_state = event.data.get("new_state")
            if new_state is not None:
                changed[event.data["entity_id"]] = new_state

    unsubscribe = hub.bus.listen(EVENT_STATE_CHANGED, collect)
    try:
        response = await hub.services.call(
            domain,
            service,
            data,
            target=target,
            context=context,
            blocking=True,
            return_response=return_response,
            timeout=SERVICE_CALL_TIMEOUT,
        )
    finally:
        unsubscribe()
    return response, list(changed.values())
