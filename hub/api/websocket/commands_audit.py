"""Audit log queries over websocket (admin): `audit/list` with filters and `audit/verify`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import voluptuous as vol

from ...audit import get_audit_sink
from ...errors import NotReady
from ..permissions import Permission
from .connection import ActiveConnection
from .registry import command

MAX_LIMIT = 1000  # records one audit/list answers at most
FILTER = vol.Any(None, vol.All(str, vol.Length(min=1, max=256)))


def _when(value: Any) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as err:
        raise vol.Invalid(f"invalid time {value!r}") from err
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _log(conn: ActiveConnection) -> Any:
    log = get_audit_sink(conn.hub)
    if not hasattr(log, "query"):
        raise NotReady("The audit log is not enabled")
    return log


@command(
    "audit/list",
    {
        vol.Optional("limit", default=100): vol.All(int, vol.Range(min=1, max=MAX_LIMIT)),
        vol.Optional("before_seq"): vol.Any(None, vol.All(int, vol.Range(min=1))),
        vol.Optional("user_id"): FILTER,
        vol.Optional("target"): FILTER,
        vol.Optional("entity_id"): FILTER,
        vol.Optional("action"): FILTER,
        vol.Optional("start_time"): vol.Any(None, _when),
        vol.Optional("end_time"): vol.Any(None, _when),
    },
    Permission.ADMIN,
)
async def audit_list(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Records newest first: `{seq, time, action, user_id, username, actor, target, outcome,
    details, context_id, parent_id}`; page with `before_seq` = the last seq received."""
    records = await _log(conn).query(
        user_id=msg.get("user_id"),
        entity_id=msg.get("entity_id"),
        target=msg.get("target"),
        action=msg.get("action"),
        start=msg.get("start_time"),
        end=msg.get("end_time"),
        limit=msg["limit"],
        before_seq=msg.get("before_seq"),
    )
    auth = conn.api.auth
    names: dict[str, str | None] = {}

    def username(user_id: str | None) -> str | None:
        if user_id is None:
            return None
        if user_id not in names:
            user = auth.get_user(user_id)
            names[user_id] = (user.username or user.name) if user else None
        return names[user_id]

    result = [
        {
            "seq": r.get("seq"),
            "time": r.get("time"),
            "action": r.get("action"),
            "user_id": r.get("user_id"),
            "username": username(r.get("user_id")),
            "actor": r.get("actor"),
            "target": r.get("target"),
            "outcome": r.get("outcome"),
            "details": r.get("details"),
            "context_id": r.get("context_id"),
            "parent_id": r.get("parent_id"),
        }
        for r in records
    ]
    conn.send_result(msg["id"], result)


@command("audit/verify", {}, Permission.ADMIN)
async def audit_verify(conn: ActiveConnection, msg: dict[str, Any]) -> None:
    """Check the whole hash chain: `{ok, count, head_seq, head_hash, problems: [...]}`."""
    report = await _log(conn).verify()
    conn.send_result(
        msg["id"],
        {
            "ok": not report.problems,
            "count": report.count,
            "head_seq": report.head_seq,
            "head_hash": report.head_hash,
            "problems": [
                {"seq": p.seq, "kind": p.kind, "message": p.message, "text": str(p)}
                for p in report.problems
            ],
        },
    )
