"""The Home Assistant-shaped login flow, code exchange and MFA steps."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest

from hub.auth import PROVIDERS, AuthManager, InvalidGrant, IpBanned, User, UserRole
from hub.clock import FakeClock
from hub.errors import NotFound, ValidationError

from .support import CLIENT_ID, IP, PASSWORD, REDIRECT_URI, drive

HANDLER = ["homeassistant", None]
CREDS = {"username": "owner", "password": PASSWORD}


async def start(manager: AuthManager) -> str:
    result = await manager.login_flows.start(CLIENT_ID, REDIRECT_URI, HANDLER, remote_ip=IP)
    wire = result.as_dict()
    assert wire["type"] == "form" and wire["step_id"] == "init"
    assert wire["handler"] == HANDLER and wire["errors"] == {}
    assert wire["data_schema"] == [
        {"name": "username", "type": "string", "required": True},
        {"name": "password", "type": "string", "required": True},
    ]
    return result.flow_id


async def test_providers() -> None:
    assert PROVIDERS == [{"name": "Bastion Local", "id": None, "type": "homeassistant"}]


async def test_login_and_code_exchange(manager: AuthManager, owner: User) -> None:
    flow_id = await start(manager)
    result = await manager.login_flows.step(flow_id, CREDS, remote_ip=IP)
    wire = result.as_dict()
    assert wire["type"] == "create_entry" and isinstance(wire["result"], str)
    grant = await manager.exchange_code(CLIENT_ID, result.result, remote_ip=IP)
    body = grant.as_dict()
    assert set(body) == {
        "access_token",
        "token_type",
        "expires_in",
        "refresh_token",
        "ha_auth_provider",
    }
    assert body["expires_in"] == 1800
    user, token = await manager.validate_access_token(grant.access_token)
    assert user == owner and token.client_id == CLIENT_ID and token.last_used_ip == IP
    refreshed = await manager.refresh(CLIENT_ID, grant.refresh_token)
    assert await manager.validate_access_token(refreshed.access_token) is not None
    with pytest.raises(InvalidGrant):  # codes are single-use
        await manager.exchange_code(CLIENT_ID, result.result)
    with pytest.raises(NotFound):  # the flow is finished
        await manager.login_flows.step(flow_id, CREDS)


async def test_code_bound_to_client_and_time(
    manager: AuthManager, owner: User, clock: FakeClock
) -> None:
    result = await manager.login_flows.step(await start(manager), CREDS)
    with pytest.raises(InvalidGrant):
        await manager.exchange_code("https://evil.example/", result.result)
    with pytest.raises(InvalidGrant):  # a wrong client burns the code too
        await manager.exchange_code(CLIENT_ID, result.result)
    result = await manager.login_flows.step(await start(manager), CREDS)
    await clock.advance(timedelta(minutes=10))
    with pytest.raises(InvalidGrant):
        await manager.exchange_code(CLIENT_ID, result.result)


async def test_wrong_password_keeps_flow_alive(
    manager: AuthManager, owner: User, clock: FakeClock
) -> None:
    flow_id = await start(manager)
    bad = {"username": "owner", "password": "not the password"}
    result = await drive(clock, manager.login_flows.step(flow_id, bad, remote_ip=IP))
    assert result.type == "form" and result.errors == {"base": "invalid_auth"}
    unknown = {"username": "ghost", "password": PASSWORD}
    result = await drive(clock, manager.login_flows.step(flow_id, unknown, remote_ip=IP))
    assert result.errors == {"base": "invalid_auth"}
    result = await manager.login_flows.step(flow_id, CREDS, remote_ip=IP)
    assert result.type == "create_entry"


async def test_flow_aborts_after_max_attempts(
    manager: AuthManager, owner: User, clock: FakeClock
) -> None:
    flow_id = await start(manager)
    bad = {"username": "owner", "password": "not the password"}
    for _ in range(4):
        result = await drive(clock, manager.login_flows.step(flow_id, bad))  # no IP: no ban
        assert result.type == "form"
    result = await drive(clock, manager.login_flows.step(flow_id, bad))
    assert result.as_dict()["reason"] == "too_many_attempts"
    with pytest.raises(NotFound):
        await manager.login_flows.step(flow_id, CREDS)


async def test_start_validation(manager: AuthManager) -> None:
    with pytest.raises(NotFound):
        await manager.login_flows.start(CLIENT_ID, REDIRECT_URI, ["other", None])
    with pytest.raises(ValidationError):
        await manager.login_flows.start(CLIENT_ID, "https://evil.example/cb", HANDLER)
    await manager.login_flows.start(
        "https://home-assistant.io/iOS", "homeassistant://auth-callback", HANDLER
    )


async def test_login_with_mfa(manager: AuthManager, owner: User, clock: FakeClock) -> None:
    setup = manager.begin_mfa_setup(owner)
    totp = pyotp.TOTP(setup.secret)
    codes = await manager.confirm_mfa_setup(owner, totp.at(clock.now()))
    await clock.advance(30)

    flow_id = await start(manager)
    result = await manager.login_flows.step(flow_id, CREDS, remote_ip=IP)
    assert result.type == "form" and result.step_id == "mfa"
    assert result.as_dict()["data_schema"] == [{"name": "code", "type": "string", "required": True}]
    wrong = str((int(totp.at(clock.now())) + 1) % 1_000_000).zfill(6)
    result = await drive(clock, manager.login_flows.step(flow_id, {"code": wrong}, remote_ip=IP))
    assert result.step_id == "mfa" and result.errors == {"base": "invalid_code"}
    result = await manager.login_flows.step(flow_id, {"code": totp.at(clock.now())})
    assert result.type == "create_entry"
    assert await manager.exchange_code(CLIENT_ID, result.result)

    # A recovery code works in place of the TOTP code.
    flow_id = await start(manager)
    await manager.login_flows.step(flow_id, CREDS)
    result = await manager.login_flows.step(flow_id, {"code": codes[0]})
    assert result.type == "create_entry"


async def test_policy_requires_mfa_enrolment(make_manager, clock: FakeClock) -> None:
    manager: AuthManager = await make_manager(require_mfa_for=["owner", "admin"])
    owner = await manager.add_user("owner", "Owner", PASSWORD, role=UserRole.OWNER)
    await manager.add_user("plain", "Plain", PASSWORD)
    result = await manager.login_flows.step(
        await start(manager), {"username": "plain", "password": PASSWORD}
    )
    assert result.type == "create_entry"

    flow_id = await start(manager)
    result = await manager.login_flows.step(flow_id, CREDS)
    assert result.step_id == "mfa_setup"
    totp = pyotp.TOTP(result.description_placeholders["secret"])
    assert result.description_placeholders["uri"].startswith("otpauth://")
    result = await drive(clock, manager.login_flows.step(flow_id, {"code": "000000"}))
    assert result.errors == {"base": "invalid_code"}
    result = await manager.login_flows.step(flow_id, {"code": totp.at(clock.now())})
    assert result.type == "create_entry"
    assert len(result.description_placeholders["recovery_codes"].split()) == 10
    assert manager.get_user(owner.id).mfa_enabled


async def test_banned_ip_cannot_start(manager: AuthManager, owner: User, clock: FakeClock) -> None:
    bad = {"username": "owner", "password": "not the password"}
    flow_id = await start(manager)
    for _ in range(4):
        await drive(clock, manager.login_flows.step(flow_id, bad, remote_ip=IP))
    result = await drive(clock, manager.login_flows.step(flow_id, bad, remote_ip=IP))
    assert result.type == "abort"
    with pytest.raises(IpBanned):
        await manager.login_flows.start(CLIENT_ID, REDIRECT_URI, HANDLER, remote_ip=IP)
    # Other addresses are unaffected.
    await manager.login_flows.start(CLIENT_ID, REDIRECT_URI, HANDLER, remote_ip="192.0.2.99")
