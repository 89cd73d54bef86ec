"""TOTP enrolment, replay refusal, recovery codes."""

from __future__ import annotations

import pyotp
import pytest

from hub.auth import AuthManager, User
from hub.clock import FakeClock
from hub.errors import ValidationError


async def enrol(manager: AuthManager, user: User, clock: FakeClock) -> tuple[pyotp.TOTP, list[str]]:
    setup = manager.begin_mfa_setup(user)
    assert setup.provisioning_uri.startswith("otpauth://totp/Bastion:")
    totp = pyotp.TOTP(setup.secret)
    codes = await manager.confirm_mfa_setup(user, totp.at(clock.now()))
    return totp, codes


async def test_setup_needs_a_valid_code(
    manager: AuthManager, owner: User, clock: FakeClock
) -> None:
    setup = manager.begin_mfa_setup(owner)
    wrong = str((int(pyotp.TOTP(setup.secret).at(clock.now())) + 1) % 1_000_000).zfill(6)
    with pytest.raises(ValidationError):
        await manager.confirm_mfa_setup(owner, wrong)
    assert not manager.get_user(owner.id).mfa_enabled
    await manager.confirm_mfa_setup(owner, pyotp.TOTP(setup.secret).at(clock.now()))
    assert manager.get_user(owner.id).mfa_enabled
    with pytest.raises(ValidationError, match="No MFA setup"):
        await manager.confirm_mfa_setup(owner, "123456")


async def test_totp_code_cannot_be_reused(
    manager: AuthManager, owner: User, clock: FakeClock
) -> None:
    totp, _ = await enrol(manager, owner, clock)
    # The enrolment code itself is spent.
    assert not await manager.verify_mfa(owner, totp.at(clock.now()))
    await clock.advance(30)
    code = totp.at(clock.now())
    assert await manager.verify_mfa(owner, code)
    assert not await manager.verify_mfa(owner, code)
    await clock.advance(30)  # still inside valid_window=1, but already used
    assert not await manager.verify_mfa(owner, code)
    assert await manager.verify_mfa(owner, totp.at(clock.now()))


async def test_totp_window_and_drift(manager: AuthManager, owner: User, clock: FakeClock) -> None:
    totp, _ = await enrol(manager, owner, clock)
    await clock.advance(120)
    assert await manager.verify_mfa(owner, totp.at(clock.now(), counter_offset=1))
    await clock.advance(120)
    assert not await manager.verify_mfa(owner, totp.at(clock.now(), counter_offset=2))
    assert not await manager.verify_mfa(owner, totp.at(clock.now(), counter_offset=-2))
    assert not await manager.verify_mfa(owner, "abcdef")


async def test_recovery_codes_single_use(
    make_manager, owner: User, manager: AuthManager, clock: FakeClock
) -> None:
    _, codes = await enrol(manager, owner, clock)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert manager.recovery_codes_left(owner) == 10
    assert await manager.verify_mfa(owner, codes[3].upper())
    assert not await manager.verify_mfa(owner, codes[3])
    assert manager.recovery_codes_left(owner) == 9
    reloaded: AuthManager = await make_manager()  # consumption is persisted
    assert not await reloaded.verify_mfa(owner, codes[3])
    assert await reloaded.verify_mfa(owner, codes[4])
    fresh = await reloaded.regenerate_recovery_codes(owner)
    assert not await reloaded.verify_mfa(owner, codes[5])
    assert await reloaded.verify_mfa(owner, fresh[0])


async def test_disable_mfa(manager: AuthManager, owner: User, clock: FakeClock) -> None:
    totp, _ = await enrol(manager, owner, clock)
    await manager.disable_mfa(owner)
    assert not manager.get_user(owner.id).mfa_enabled
    await clock.advance(30)
    assert not await manager.verify_mfa(owner, totp.at(clock.now()))
