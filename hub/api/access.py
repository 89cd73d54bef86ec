"""Access decisions shared by REST and websocket: audited denials and what events a user sees."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..audit import denied, get_audit_sink
from ..auth import RefreshToken, User
from ..auth.audit import AuditSink, DelegatingAuditSink
from ..context import Context
from ..errors import Unauthorized
from ..events import EVENT_STATE_CHANGED, Event
from .visibility import Visible

if TYPE_CHECKING:
    from ..runtime import Hub

MAX_TARGETS_IN_RECORD = 50  # entity ids named in one denial record


class AccessDenied(Unauthorized):
    """Unauthorized with the permission and target that were refused (for the audit log)."""

    def __init__(
        self, message: str, *, permission: str, targets: Iterable[str] | str | None = None
    ) -> None:
        super().__init__(message)
        self.permission = permission
        if isinstance(targets, str):
            targets = [targets]
        self.targets: tuple[str, ...] = tuple(sorted(targets or ()))


def audit_denial(
    hub: Hub,
    *,
    user: User | None,
    token: RefreshToken | None,
    permission: str,
    target: str | Iterable[str] | None,
    reason: str,
    entry: str,
    remote: str | None,
) -> None:
    """Record one `access.denied` with who (user, token), what (permission, target) and where."""
    if target is not None and not isinstance(target, str):
        names = sorted(target)
        target = ",".join(names[:MAX_TARGETS_IN_RECORD]) or None
    details: dict[str, Any] = {"entry": entry, "remote_ip": remote}
    if token is not None:
        details["token_id"] = token.id
        details["token_type"] = token.token_type.value
        if token.client_name:
            details["client_name"] = token.client_name
        if token.scope is not None:
            details["token_scope"] = token.scope.as_dict()
    if user is not None:
        details["username"] = user.username
    denied(
        get_audit_sink(hub),
        context=Context(user_id=user.id if user else None),
        target=target,
        permission=permission,
        reason=reason,
        details=details,
    )


class HubAuditSink(DelegatingAuditSink):
    """An AuditSink that finds the hub's audit log at each record (it may start after us)."""

    def __init__(self, hub: Hub) -> None:
        self._hub = hub

    def delegate(self) -> AuditSink:
        return get_audit_sink(self._hub)


def denial_of(err: Unauthorized, fallback_permission: str, fallback_target: str) -> tuple[str, Any]:
    """The (permission, target) an Unauthorized names, or the fallbacks for a plain one."""
    if isinstance(err, AccessDenied):
        return err.permission, err.targets or fallback_target
    return fallback_permission, fallback_target


def _entity_ids_in(data: Any) -> list[str] | None:
    value = data.get("entity_id") if isinstance(data, dict) else None
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str)]
    return None


# Registry update events of entries a user may or may not see: the data key naming the entry
# and the Visible field that holds the ids the user may see.
_REGISTRY_EVENTS = {
    "area_registry_updated": ("area_id", "areas"),
    "floor_registry_updated": ("floor_id", "floors"),
    "label_registry_updated": ("label_id", "labels"),
    "device_registry_updated": ("device_id", "devices"),
}


def event_visible(
    event: Event, can_read: Callable[[str], bool], visible: Callable[[], Visible]
) -> bool:
    """Whether a non-admin may see `event`: every entity id it names must be readable, and an
    area, floor, label or device registry update must be about an entry they may see.

    Covers state_changed and any other event whose data carries `entity_id` (registry
    updates, logbook entries, call_service data...), so no forbidden id leaks through them.
    A removed area, floor, label or device cannot be checked any more, so its removal is
    not shown to non-admins (their next list simply lacks it).
    """
    if event.event_type == EVENT_STATE_CHANGED:
        return can_read(event.data["entity_id"])
    registry = _REGISTRY_EVENTS.get(event.event_type)
    if registry is not None:
        key, kind = registry
        if event.data.get("action") == "remove":
            return False
        return event.data.get(key) in getattr(visible(), kind)
    ids = _entity_ids_in(event.data)
    if ids is None:
        return True
    if event.event_type == "entity_registry_updated" and "old_entity_id" in event.data:
        ids.append(str(event.data["old_entity_id"]))
    return all(can_read(entity_id) for entity_id in ids)
