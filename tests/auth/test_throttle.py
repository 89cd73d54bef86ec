"""Failed-login slowdown, bans, their persistence and expiry."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from hub.auth import AuthManager, Ban, Failure, LoginThrottle, User
from hub.clock import FakeClock

from .support import CLIENT_ID, IP, PASSWORD, REDIRECT_URI, drive

HANDLER = ["homeassistant", None]
BAD = {"username": "owner", "password": "wrong password!"}


async def fail_once(manager: AuthManager, clock: FakeClock, ip: str = IP) -> None:
    flow = await manager.login_flows.start(CLIENT_ID, REDIRECT_URI, HANDLER, remote_ip=ip)
    await drive(clock, manager.login_flows.step(flow.flow_id, BAD, remote_ip=ip))


async def test_failures_slow_down_then_ban(
    manager: AuthManager, owner: User, clock: FakeClock
) -> None:
    failures: list[Failure] = []
    bans: list[Ban] = []
    manager.throttle.listen_failure(failures.append)
    manager.throttle.listen_ban(bans.append)
    for _ in range(5):
        await fail_once(manager, clock)
    assert [f.delay for f in failures] == [0.5, 1.0, 1.5, 2.0, 0.0]
    assert [f.banned for f in failures] == [False] * 4 + [True]
    assert failures[0].reason == "invalid_auth" and failures[0].remote_ip == IP
    assert [b.remote_ip for b in bans] == [IP]
    assert manager.throttle.is_banned(IP)
    assert manager.throttle.is_banned(f"::ffff:{IP}")


async def test_answer_is_delayed_on_the_clock(
    manager: AuthManager, owner: User, clock: FakeClock
) -> None:
    await fail_once(manager, clock)
    await fail_once(manager, clock)  # the third failure waits 1.5 s
    seen = asyncio.Event()
    manager.throttle.listen_failure(lambda failure: seen.set())
    flow = await manager.login_flows.start(CLIENT_ID, REDIRECT_URI, HANDLER, remote_ip=IP)
    task = asyncio.ensure_future(manager.login_flows.step(flow.flow_id, BAD, remote_ip=IP))
    async with asyncio.timeout(5):
        await seen.wait()
    await clock.advance(1.49)
    assert not task.done()
    await clock.advance(0.01)
    assert (await task).errors == {"base": "invalid_auth"}


async def test_delay_is_capped(tmp_path: Path) -> None:
    clock = FakeClock()
    throttle = LoginThrottle(tmp_path, clock, threshold=100)
    delays = [(await throttle.record_failure(IP, "x")).delay for _ in range(20)]
    assert max(delays) == 5.0 and delays[9] == 5.0 and delays[8] == 4.5


async def test_success_resets_counter(manager: AuthManager, owner: User, clock: FakeClock) -> None:
    for _ in range(4):
        await fail_once(manager, clock)
    flow = await manager.login_flows.start(CLIENT_ID, REDIRECT_URI, HANDLER, remote_ip=IP)
    creds = {"username": "owner", "password": PASSWORD}
    assert (await manager.login_flows.step(flow.flow_id, creds, remote_ip=IP)).type == (
        "create_entry"
    )
    for _ in range(4):
        await fail_once(manager, clock)
    assert not manager.throttle.is_banned(IP)


async def test_failures_outside_window_are_forgotten(
    manager: AuthManager, owner: User, clock: FakeClock
) -> None:
    for _ in range(4):
        await fail_once(manager, clock)
    await clock.advance(timedelta(hours=1))
    await fail_once(manager, clock)
    assert not manager.throttle.is_banned(IP)


async def test_ban_persists_and_expires(make_manager, owner: User, clock: FakeClock) -> None:
    first: AuthManager = await make_manager(login_attempts_threshold=2)
    await fail_once(first, clock)
    await fail_once(first, clock)
    assert first.throttle.is_banned(IP)
    second: AuthManager = await make_manager()
    assert second.throttle.is_banned(IP)
    assert [b.remote_ip for b in second.throttle.bans()] == [IP]
    await clock.advance(timedelta(minutes=59))
    assert second.throttle.is_banned(IP)
    await clock.advance(timedelta(minutes=1))
    assert not second.throttle.is_banned(IP)
    third: AuthManager = await make_manager()
    assert not third.throttle.is_banned(IP)


async def test_configurable_ban_and_unban(make_manager, owner: User, clock: FakeClock) -> None:
    manager: AuthManager = await make_manager(
        login_attempts_threshold=1, ban_duration=timedelta(minutes=5)
    )
    await fail_once(manager, clock)
    assert manager.throttle.is_banned(IP)
    assert await manager.throttle.unban(IP)
    assert not manager.throttle.is_banned(IP)
    again: AuthManager = await make_manager()
    assert not again.throttle.is_banned(IP)
    await fail_once(manager, clock)
    await clock.advance(timedelta(minutes=5))
    assert not manager.throttle.is_banned(IP)


async def test_threshold_zero_slows_but_never_bans(tmp_path: Path, clock: FakeClock) -> None:
    throttle = LoginThrottle(tmp_path, clock, threshold=0)
    failures = [await throttle.record_failure(IP, "invalid_auth") for _ in range(20)]
    assert not any(f.banned for f in failures if f is not None)
    assert not throttle.is_banned(IP)
    assert failures[-1] is not None and failures[-1].delay > 0
