"""Core websocket commands: ping, states, config, services, panels, events, service calls."""

from __future__ import annotations

import platform
from typing import Any

import voluptuous as vol

from ...events import EVENT_STATE_CHANGED, MATCH_ALL, Event
from ...notifications import Notification
from .. import core_info
from ..access import AccessDenied, event_visible
from ..permissions import Permission
from ..service_calls import authorize_call, call_tracking_changes
from . import messages as m
from .connection import ActiveConnection
from .registry import command

# Event types a non-admin may subscribe to (state_changed is filtered per entity).
USER_EVENT_TYPES = frozenset(
    {
        EVENT_STATE_CHANGED,
        "area_registry_updated",
        "device_registry_updated",
        "entity_registry_updated",
        "floor_registry_updated",
        "label_registry_updated",
        "core_config_updated",
        "component_loaded",
        "service_registered",
        "service_removed",
        "themes_updated",
        "panels_updated",
        "lovelace_updated",
        "persistent_notifications_updated",
        "recorder_5min_statistics_generated",
        "recorder_hourly_statistics_generated",
        "shopping_list_updated",
    }
)
EVENT_TYPE = vol.All(str, vol.Length(min=1, max=64))


@command("ping", {}, Permission.READ)
def ping(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    conn.send(m.pong_message(msg["id"]))


@command("get_states", {}, Permission.READ)
def get_states(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """All states the user may read, assembled from each state's cached JSON."""
    states = conn.hub.states.all()
    if not conn.is_admin:
        states = [s for s in states if conn.can_read(s.entity_id)]
    conn.send(m.result_raw(msg["id"], b"[" + b",".join(s.json() for s in states) + b"]"))


@command("get_config", {}, Permission.READ)
def get_config(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    conn.send_result(msg["id"], core_info.core_config(conn.hub))


@command("get_services", {}, Permission.READ)
def get_services(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    conn.send_result(msg["id"], core_info.services(conn.hub))


@command("get_panels", {}, Permission.READ)
def get_panels(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    conn.send_result(msg["id"], core_info.panels(conn.is_admin))


@command("subscribe_events", {vol.Optional("event_type", default=MATCH_ALL): EVENT_TYPE}, "read")
def subscribe_events(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Stream bus events; all types (and types beyond the user allowlist) need admin."""
    event_type = msg["event_type"]
    msg_id = msg["id"]
    admin = conn.is_admin
    if not admin and event_type not in USER_EVENT_TYPES:
        raise AccessDenied(
            f"Subscribing to {event_type} events needs admin rights",
            permission="admin",
            targets=f"event:{event_type}",
        )

    def forward(event: Event) -> None:
        # Re-checked per event: rights can change (or a time window close) mid-subscription.
        if not conn.is_admin:
            if event.event_type not in USER_EVENT_TYPES:
                return
            if not event_visible(event, conn.can_read, conn.visible):
                return
        conn.send_event_raw(msg_id, event.json())

    def recheck() -> None:
        # A demoted admin keeps only subscriptions a plain user could have opened.
        if not conn.is_admin and event_type not in USER_EVENT_TYPES:
            conn.end_subscription(msg_id, f"{event_type} events need admin rights", "admin")

    unlisten = conn.hub.bus.listen(event_type, forward)
    unwatch = conn.watch_rights(msg_id, recheck)

    def unsubscribe() -> None:
        unlisten()
        unwatch()

    conn.subscriptions[msg_id] = unsubscribe
    conn.send_result(msg_id)


@command("unsubscribe_events", {vol.Required("subscription"): int}, Permission.READ)
def unsubscribe_events(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """End any subscription this connection holds (events, entities, templates, triggers)."""
    unsubscribe = conn.subscriptions.pop(msg["subscription"], None)
    if unsubscribe is None:
        conn.send_error(msg["id"], m.ERR_NOT_FOUND, "Subscription not found.")
        return
    unsubscribe()
    conn.send_result(msg["id"])


_TARGET = vol.Schema(
    {
        vol.Optional(key): vol.Any(str, [str])
        for key in ("entity_id", "device_id", "area_id", "floor_id", "label_id")
    }
)


@command(
    "call_service",
    {
        vol.Required("domain"): vol.All(str, vol.Length(min=1, max=64)),
        vol.Required("service"): vol.All(str, vol.Length(min=1, max=64)),
        vol.Optional("service_data", default={}): dict,
        vol.Optional("target"): _TARGET,
        vol.Optional("return_response", default=False): bool,
    },
    Permission.CONTROL,
)
async def call_service(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Call a service (always blocking); non-admins need control of every target entity."""
    hub = conn.hub
    domain, service = msg["domain"], msg["service"]
    if not hub.services.has(domain, service):
        conn.send_error(msg["id"], m.ERR_NOT_FOUND, f"Service {domain}.{service} not found.")
        return
    target = msg.get("target")
    authorize_call(hub, conn.can, conn.is_admin, msg["service_data"], target, f"{domain}.{service}")
    context = conn.context(msg)
    response, _ = await call_tracking_changes(
        hub, domain, service, msg["service_data"], target, context, msg["return_response"]
    )
    result: dict[str, Any] = {"context": context.as_dict()}
    if msg["return_response"]:
        result["response"] = response
    conn.send_result(msg["id"], result)


@command(
    "fire_event",
    {vol.Required("event_type"): EVENT_TYPE, vol.Optional("event_data", default={}): dict},
    Permission.ADMIN,
)
def fire_event(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    if msg["event_type"] == MATCH_ALL:
        raise AccessDenied(
            "Cannot fire the match-all event type", permission="admin", targets="event:*"
        )
    context = conn.context(msg)
    conn.hub.bus.fire(msg["event_type"], msg["event_data"], context=context, origin="REMOTE")
    conn.send_result(msg["id"], {"context": context.as_dict()})


@command("persistent_notification/subscribe", {}, Permission.READ)
def subscribe_notifications(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Current notifications, then every change, as HA's `{type, notifications}` events."""
    msg_id = msg["id"]
    notifications = conn.hub.notifications

    def forward(update_type: str, changed: dict[str, Notification]) -> None:
        conn.send_event(
            msg_id,
            {
                "type": "updated" if update_type == "changed" else update_type,
                "notifications": {k: v.as_dict() for k, v in changed.items()},
            },
        )

    conn.subscriptions[msg_id] = notifications.subscribe(forward)
    conn.send_result(msg_id)
    current = {k: v.as_dict() for k, v in notifications.all().items()}
    conn.send_event(msg_id, {"type": "current", "notifications": current})


@command(
    "persistent_notification/dismiss",
    {vol.Required("notification_id"): str},
    Permission.CONTROL,
)
def dismiss_notification(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    conn.hub.notifications.dismiss(msg["notification_id"])
    conn.send_result(msg["id"])


@command("system_health/info", {}, Permission.ADMIN)
def system_health(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Health facts per part, streamed like HA (initial data, then finish)."""
    hub = conn.hub
    api = conn.api
    uptime = (hub.clock.now() - api.started_at).total_seconds()
    data: dict[str, Any] = {
        "homeassistant": {
            "info": {
                "installation_type": "Bastion",
                "version": core_info.VERSION,
                "python_version": platform.python_version(),
                "os_name": platform.system(),
                "timezone": str(hub.time_zone),
                "config_dir": str(hub.config_dir),
                "entities": len(hub.states),
                "integrations": len(hub.loader.components()),
                "uptime_seconds": round(uptime),
            }
        },
        "http": {
            "info": {
                "websocket_clients": len(api.connections),
                "tls": api.config.uses_tls,
                "banned_ips": len(api.auth.throttle.bans()),
            }
        },
    }
    recorder = getattr(hub, "recorder", None)
    if recorder is not None and hasattr(recorder, "status"):
        data["recorder"] = {"info": recorder.status()}
    conn.send_result(msg["id"])
    conn.send_event(msg["id"], {"type": "initial", "data": data})
    conn.send_event(msg["id"], {"type": "finish"})
