"""History, logbook and statistics commands, answered by the recorder part when it runs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import voluptuous as vol

from ...errors import ValidationError
from ..permissions import Permission
from . import messages as m

# history/stream and logbook/event_stream live in commands_streams; importing them here lets
# install() register them with the other recorder commands.
from .commands_streams import history_stream, logbook_event_stream  # noqa: F401
from .connection import ActiveConnection
from .registry import command


def _recorder(conn: ActiveConnection, msg: dict[str, Any]) -> Any:
    recorder = getattr(conn.hub, "recorder", None)
    if recorder is None:
        conn.send_error(msg["id"], m.ERR_NOT_SUPPORTED, "The recorder is not enabled")
    return recorder


def _time(value: str | None, what: str) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as err:
        raise ValidationError(f"Invalid {what}") from err
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _readable(conn: ActiveConnection, entity_ids: list[str] | None) -> list[str] | None:
    if conn.is_admin:
        return entity_ids
    if entity_ids is None:
        entity_ids = conn.hub.states.entity_ids()
    return [e for e in entity_ids if conn.can_read(e)]


@command(
    "history/history_during_period",
    {
        vol.Required("start_time"): str,
        vol.Optional("end_time"): str,
        vol.Required("entity_ids"): [str],
        vol.Optional("include_start_time_state", default=True): bool,
        vol.Optional("significant_changes_only", default=True): bool,
        vol.Optional("minimal_response", default=False): bool,
        vol.Optional("no_attributes", default=False): bool,
    },
    Permission.READ,
)
async def history_during_period(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """States per entity in the compressed form (`s`, `a`, `lu`, `lc`)."""
    recorder = _recorder(conn, msg)
    if recorder is None:
        return
    entity_ids = _readable(conn, msg["entity_ids"])
    if not entity_ids:
        conn.send_result(msg["id"], {})
        return
    result = await recorder.history_during_period(
        _time(msg["start_time"], "start_time"),
        _time(msg.get("end_time"), "end_time"),
        entity_ids,
        include_start_time_state=msg["include_start_time_state"],
        significant_changes_only=msg["significant_changes_only"],
        minimal_response=msg["minimal_response"],
        no_attributes=msg["no_attributes"],
    )
    conn.send_result(msg["id"], result)


@command(
    "logbook/get_events",
    {
        vol.Required("start_time"): str,
        vol.Optional("end_time"): str,
        vol.Optional("entity_ids"): [str],
        vol.Optional("context_id"): str,
    },
    Permission.READ,
)
async def logbook_get_events(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    recorder = _recorder(conn, msg)
    if recorder is None:
        return
    start = _time(msg["start_time"], "start_time")
    end = _time(msg.get("end_time"), "end_time") or conn.hub.clock.now()
    entity_ids = _readable(conn, msg.get("entity_ids"))
    if entity_ids is not None and not entity_ids:
        conn.send_result(msg["id"], [])
        return
    auth = conn.api.auth

    def user_name(user_id: str) -> str | None:
        user = auth.get_user(user_id)
        return user.name if user else None

    entries = await recorder.logbook_events(
        start, end, entity_ids, msg.get("context_id"), user_name=user_name
    )
    conn.send_result(msg["id"], entries)


@command(
    "recorder/statistics_during_period",
    {
        vol.Required("start_time"): str,
        vol.Optional("end_time"): str,
        vol.Optional("statistic_ids"): [str],
        vol.Required("period"): vol.In(["5minute", "hour", "day", "week", "month"]),
        vol.Optional("types", default=["mean", "min", "max", "sum", "state", "change"]): [
            vol.In(["change", "last_reset", "max", "mean", "min", "state", "sum"])
        ],
        vol.Optional("units"): dict,
    },
    Permission.READ,
)
async def statistics_during_period(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    recorder = _recorder(conn, msg)
    if recorder is None:
        return
    ids = _readable(conn, msg.get("statistic_ids"))
    result = await recorder.statistics_during_period(
        _time(msg["start_time"], "start_time"),
        _time(msg.get("end_time"), "end_time"),
        ids,
        msg["period"],
        msg["types"],
    )
    conn.send_result(msg["id"], result)


@command(
    "recorder/list_statistic_ids",
    {vol.Optional("statistic_type"): vol.Any(None, "mean", "sum")},
    Permission.READ,
)
async def list_statistic_ids(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    recorder = _recorder(conn, msg)
    if recorder is None:
        return
    items = await recorder.list_statistic_ids(msg.get("statistic_type"))
    if not conn.is_admin:
        items = [i for i in items if conn.can_read(i.get("statistic_id", ""))]
    conn.send_result(msg["id"], items)


@command("recorder/info", {}, Permission.ADMIN)
def recorder_info(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Home Assistant's recorder status shape (backlog, running), plus Bastion's counters."""
    recorder = _recorder(conn, msg)
    if recorder is None:
        return
    status = recorder.status()
    conn.send_result(
        msg["id"],
        {
            "backlog": status.get("backlog", status.get("queue_size", 0)),
            "max_backlog_reached": bool(status.get("dropped")),
            "migration_in_progress": False,
            "migration_is_live": False,
            "recording": bool(status.get("running")),
            "thread_running": bool(status.get("running")),
            "bastion": status,
        },
    )
