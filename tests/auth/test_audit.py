"""What the auth core reports to the audit sink, and that a CLI can use it with asyncio.run."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import argon2

from hub.auth import AuditAction, AuthManager, User
from hub.clock import FakeClock
from hub.context import Context

from .support import CLIENT_ID, IP, PASSWORD, REDIRECT_URI, cheap_hasher, drive


class RecordingSink:
    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []

    def record(
        self,
        action: str,
        *,
        user_id: str | None,
        context: Context | None,
        target: str | None,
        outcome: str,
        details: Mapping[str, Any],
    ) -> None:
        self.records.append(
            {
                "action": action,
                "user_id": user_id,
                "target": target,
                "outcome": outcome,
                "details": dict(details),
            }
        )

    def actions(self) -> list[tuple[str, str]]:
        return [(r["action"], r["outcome"]) for r in self.records]


async def test_audit_records(make_manager, clock: FakeClock) -> None:
    sink = RecordingSink()
    manager: AuthManager = await make_manager(audit=sink, login_attempts_threshold=2)
    admin_ctx = Context(user_id="admin-id")
    owner: User = await manager.add_user(
        "owner", "Owner", PASSWORD, role="owner", context=admin_ctx
    )
    handler = ["homeassistant", None]
    flow = await manager.login_flows.start(CLIENT_ID, REDIRECT_URI, handler, remote_ip=IP)
    creds = {"username": "owner", "password": PASSWORD}
    result = await manager.login_flows.step(flow.flow_id, creds, remote_ip=IP)
    grant = await manager.exchange_code(CLIENT_ID, result.result)
    await manager.revoke(grant.token.id, context=admin_ctx)
    for _ in range(2):
        flow = await manager.login_flows.start(CLIENT_ID, REDIRECT_URI, handler, remote_ip=IP)
        bad = {"username": "owner\x1b[31m", "password": "nope nope nope"}
        await drive(clock, manager.login_flows.step(flow.flow_id, bad, remote_ip=IP))
    assert await manager.unban(IP, context=admin_ctx)

    assert sink.actions() == [
        (AuditAction.USER_CREATE, "success"),
        (AuditAction.LOGIN, "success"),
        (AuditAction.TOKEN_CREATE, "success"),
        (AuditAction.TOKEN_REVOKE, "success"),
        (AuditAction.LOGIN, "failure"),
        (AuditAction.LOGIN, "failure"),
        (AuditAction.IP_BAN, "success"),
        (AuditAction.IP_UNBAN, "success"),
    ]
    assert sink.records[0]["user_id"] == "admin-id" and sink.records[0]["target"] == owner.id
    assert sink.records[4]["details"]["username"] == "owner[31m"
    assert sink.records[6]["target"] == IP
    assert PASSWORD not in repr(sink.records)
    assert grant.refresh_token not in repr(sink.records)
    assert grant.access_token not in repr(sink.records)


def test_cli_style_usage(tmp_path: Path) -> None:
    """The CLI runs short asyncio.run sessions while no hub (or a hub) uses the directory."""

    async def add_user_and_token() -> str:
        auth = AuthManager(tmp_path, FakeClock(), password_hasher=cheap_hasher())
        await auth.load()
        user = await auth.add_user("robot", "Robot", PASSWORD)
        token = await auth.create_long_lived_token(user, "CLI", days=30)
        await auth.close()
        return token

    async def validate(token: str) -> bool:
        auth = AuthManager(tmp_path, FakeClock(), password_hasher=cheap_hasher())
        await auth.load()
        try:
            return await auth.validate_access_token(token) is not None
        finally:
            await auth.close()

    token = asyncio.run(add_user_and_token())
    assert asyncio.run(validate(token))


async def test_production_hasher_defaults_are_strong(tmp_path: Path) -> None:
    """Without a hasher option the stored hashes use argon2-cffi's RFC 9106 defaults."""
    auth = AuthManager(tmp_path)
    await auth.load()
    await auth.add_user("alice", "Alice", PASSWORD)
    default = argon2.PasswordHasher()
    stored = (tmp_path / ".storage" / "auth").read_text()
    assert f"m={default.memory_cost},t={default.time_cost}," in stored
    assert default.memory_cost >= 65536
