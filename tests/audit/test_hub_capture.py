"""Through a real hub: security-relevant calls, tags, integrations and auth are audited."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from hub.audit import AuditLog, denied, get_audit_sink
from hub.auth.audit import NullAuditSink
from hub.auth.users import UserRole
from hub.clock import FakeClock
from hub.context import Context
from hub.runtime import Hub
from hub.services import ServiceCall
from tests.conftest import HubFactory


def log_of(hub: Hub) -> AuditLog:
    sink = get_audit_sink(hub)
    assert isinstance(sink, AuditLog)
    return sink


async def records(hub: Hub, **filters: Any) -> list[dict[str, Any]]:
    log = log_of(hub)
    await hub.bus.drain()
    await log.flush()
    return list(reversed(await log.query(**filters)))


def register(hub: Hub, *names: str) -> list[ServiceCall]:
    calls: list[ServiceCall] = []
    for name in names:
        domain, service = name.split(".")
        hub.services.register(domain, service, calls.append)
    return calls


async def test_lock_call_is_recorded_with_the_user(make_hub: HubFactory) -> None:
    hub = await make_hub("homeassistant:\n")
    calls = register(hub, "lock.unlock", "light.turn_on")
    ctx = Context(user_id="user-42")
    await hub.services.call(
        "lock", "unlock", {"entity_id": "lock.front_door", "code": "2468"}, context=ctx
    )
    await hub.services.call("light", "turn_on", {"entity_id": "light.hall"}, context=ctx)
    assert len(calls) == 2
    (record,) = await records(hub, action="service.call")
    assert record["user_id"] == "user-42"
    assert record["actor"] == "user:user-42"
    assert record["context_id"] == ctx.id
    assert record["target"] == "lock.front_door"
    assert record["outcome"] == "success"
    assert record["details"] == {"service": "lock.unlock", "data": {"code": "***"}}
    assert (await log_of(hub).verify()).ok


async def test_generic_turn_off_on_a_cover_is_recorded(make_hub: HubFactory) -> None:
    hub = await make_hub("homeassistant:\n")
    hub.states.set("cover.garage", "open")
    hub.states.set("light.hall", "on")
    register(hub, "cover.close_cover", "light.turn_off")
    ctx = Context(user_id="user-7")
    await hub.services.call(
        "homeassistant", "turn_off", {"entity_id": ["cover.garage", "light.hall"]}, context=ctx
    )
    found = await records(hub, action="service.call")
    assert [(r["details"]["service"], r["target"]) for r in found] == [
        ("homeassistant.turn_off", "cover.garage"),
        ("cover.close_cover", "cover.garage"),
    ]
    assert {r["user_id"] for r in found} == {"user-7"}


async def test_automation_is_named_as_the_actor(make_hub: HubFactory) -> None:
    hub = await make_hub("homeassistant:\n")
    register(hub, "alarm_control_panel.alarm_arm_away")
    run = Context()
    hub.bus.fire(
        "automation_triggered", {"entity_id": "automation.leave", "name": "Leave"}, context=run
    )
    await hub.services.call(
        "alarm_control_panel",
        "alarm_arm_away",
        {"entity_id": "alarm_control_panel.home"},
        context=run.child(),
    )
    (record,) = await records(hub, action="service.call")
    assert record["actor"] == "automation:automation.leave"
    assert record["parent_id"] == run.id


async def test_tags_integrations_and_generic_events(make_hub: HubFactory) -> None:
    hub = await make_hub("homeassistant:\n")
    hub.bus.fire(
        "tag_scanned",
        {"tag_id": "04-A2-FF", "device_id": "reader1", "name": "Front"},
        context=Context(user_id="u1"),
    )
    hub.bus.fire(
        "bastion_audit",
        {
            "action": "alarm.code_failed",
            "target": "alarm_control_panel.home",
            "outcome": "failure",
            "details": {"code": "0000", "attempt": 3},
        },
    )
    hub.bus.fire("bastion_audit", {"target": "no action"})
    loads = await records(hub, action="integration.load")
    assert {"homeassistant"} <= {r["target"] for r in loads}
    (tag,) = await records(hub, action="tag.scan")
    assert tag["target"] == "04-A2-FF" and tag["actor"] == "device:reader1"
    assert tag["user_id"] == "u1"
    (code,) = await records(hub, action="alarm.")
    assert code["outcome"] == "failure"
    assert code["details"] == {"code": "***", "attempt": 3}
    assert (await log_of(hub).verify()).ok


async def test_denied_helper_and_auth_manager_share_the_log(make_hub: HubFactory) -> None:
    hub = await make_hub("homeassistant:\n")
    ctx = Context(user_id="guest")
    denied(
        get_audit_sink(hub),
        context=ctx,
        target="lock.server_room",
        permission="control",
        reason="outside the time window",
    )
    user = await hub.auth.add_user("alice", "Alice", "a long enough password", role=UserRole.USER)
    (created,) = await records(hub, action="auth.user_create")
    assert created["target"] == user.id and created["details"]["role"] == "user"
    (record,) = await records(hub, action="access.denied")
    assert record["outcome"] == "denied"
    assert record["user_id"] == "guest" and record["target"] == "lock.server_room"
    assert record["details"] == {"permission": "control", "reason": "outside the time window"}


async def test_disabled_audit_is_a_null_sink(make_hub: HubFactory, config_dir: Path) -> None:
    hub = await make_hub("homeassistant:\naudit:\n  enabled: false\n")
    assert "audit" not in hub.parts
    assert isinstance(get_audit_sink(hub), NullAuditSink)
    assert not (config_dir / "audit.db").exists()


async def test_retention_runs_daily_from_the_hub(make_hub: HubFactory, clock: FakeClock) -> None:
    hub = await make_hub("homeassistant:\naudit:\n  retention_days: 1\n")
    log = log_of(hub)
    log.append("config.change", user_id="admin")
    await log.flush()
    first = (await log.head())["seq"]
    await clock.advance(timedelta(days=2))
    pruned: list[dict[str, Any]] = []
    for _ in range(200):  # the retention task finishes on the writer thread
        await log.flush()
        pruned = await log.query(action="audit.prune")
        if pruned:
            break
    assert pruned and pruned[0]["details"]["removed"] >= first
    assert await log.query(action="config.change") == []
    assert (await log.verify()).ok
