"""Refresh and access tokens: validity, expiry, revocation, forgery, long-lived, CLI pickup."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest

from hub.auth import AuthManager, InvalidGrant, TokenScope, TokenType, User
from hub.clock import FakeClock
from hub.errors import ValidationError

from .support import PASSWORD

CLIENT = "https://app.example.org/"


async def test_access_token_valid_until_expiry(
    manager: AuthManager, owner: User, clock: FakeClock
) -> None:
    token, _ = await manager.create_refresh_token(owner, client_id=CLIENT)
    access = manager.create_access_token(token)
    assert await manager.validate_access_token(access) == (owner, token)
    await clock.advance(timedelta(minutes=30) - timedelta(seconds=1))
    assert await manager.validate_access_token(access) is not None
    await clock.advance(1)
    assert await manager.validate_access_token(access) is None


async def test_configurable_access_token_lifetime(make_manager, clock: FakeClock) -> None:
    auth: AuthManager = await make_manager(access_token_lifetime=timedelta(minutes=5))
    user = await auth.add_user("alice", "Alice", PASSWORD)
    token, _ = await auth.create_refresh_token(user, client_id=CLIENT)
    access = auth.create_access_token(token)
    await clock.advance(299)
    assert await auth.validate_access_token(access) is not None
    await clock.advance(1)
    assert await auth.validate_access_token(access) is None


async def test_revocation_kills_access_tokens(manager: AuthManager, owner: User) -> None:
    token, _ = await manager.create_refresh_token(owner, client_id=CLIENT)
    access = manager.create_access_token(token)
    assert await manager.revoke(token.id)
    assert await manager.validate_access_token(access) is None
    assert not await manager.revoke(token.id)


async def test_forged_and_malformed_tokens_refused(manager: AuthManager, owner: User) -> None:
    token, _ = await manager.create_refresh_token(owner, client_id=CLIENT)
    other, _ = await manager.create_refresh_token(owner, client_id="https://other.example/")
    access = manager.create_access_token(token)
    head, payload, signature = access.split(".")
    flipped = signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB")
    assert await manager.validate_access_token(f"{head}.{payload}.{flipped}") is None
    claims = jwt.decode(access, options={"verify_signature": False})
    # Right issuer, signed with another token's key.
    forged = jwt.encode(claims, other.jwt_key, algorithm="HS256")
    assert await manager.validate_access_token(forged) is None
    # Longer lifetime, re-signed with a guessed key.
    claims["exp"] += 3600
    assert await manager.validate_access_token(jwt.encode(claims, "x" * 32)) is None
    unsigned = jwt.encode(claims, None, algorithm="none")
    assert await manager.validate_access_token(unsigned) is None
    no_exp = jwt.encode({"iss": token.id, "iat": claims["iat"]}, token.jwt_key, algorithm="HS256")
    assert await manager.validate_access_token(no_exp) is None
    for junk in ("", "abc", "a.b.c", "x" * 10000):
        assert await manager.validate_access_token(junk) is None


async def test_inactive_user_tokens_refused(manager: AuthManager, owner: User) -> None:
    user = await manager.add_user("alice", "Alice", PASSWORD)
    token, value = await manager.create_refresh_token(user, client_id=CLIENT)
    access = manager.create_access_token(token)
    await manager.update_user(user.id, is_active=False)
    assert await manager.validate_access_token(access) is None
    with pytest.raises(InvalidGrant):
        await manager.refresh(CLIENT, value)


async def test_refresh_flow(manager: AuthManager, owner: User, clock: FakeClock) -> None:
    token, value = await manager.create_refresh_token(owner, client_id=CLIENT)
    await clock.advance(3600)
    grant = await manager.refresh(CLIENT, value, remote_ip="192.0.2.1")
    assert grant.expires_in == 1800 and grant.refresh_token is None
    assert grant.as_dict()["token_type"] == "Bearer"
    assert await manager.validate_access_token(grant.access_token) is not None
    used = manager.get_refresh_token(token.id)
    assert used is not None and used.last_used_ip == "192.0.2.1"
    assert used.last_used_at == clock.now()
    with pytest.raises(InvalidGrant):
        await manager.refresh("https://evil.example/", value)
    with pytest.raises(InvalidGrant):
        await manager.refresh(CLIENT, value[:-1] + ("1" if value.endswith("0") else "0"))
    assert await manager.revoke_refresh_token_value(value)
    with pytest.raises(InvalidGrant):
        await manager.refresh(CLIENT, value)


async def test_idle_refresh_token_expires(
    manager: AuthManager, owner: User, clock: FakeClock
) -> None:
    _, value = await manager.create_refresh_token(owner, client_id=CLIENT)
    await clock.advance(timedelta(days=89))
    await manager.refresh(CLIENT, value)
    await clock.advance(timedelta(days=89))
    await manager.refresh(CLIENT, value)
    await clock.advance(timedelta(days=90))
    with pytest.raises(InvalidGrant):
        await manager.refresh(CLIENT, value)


async def test_long_lived_token(manager: AuthManager, owner: User, clock: FakeClock) -> None:
    access = await manager.create_long_lived_token(owner, "Grafana", days=400)
    (token,) = manager.list_refresh_tokens(owner)
    assert token.token_type is TokenType.LONG_LIVED and token.client_name == "Grafana"
    assert token.client_id is None
    assert token.expire_at == token.created_at + timedelta(days=400)  # listed with its expiry
    await clock.advance(timedelta(days=399))
    result = await manager.validate_access_token(access, remote_ip="192.0.2.7")
    assert result is not None and result[1].last_used_ip == "192.0.2.7"
    await clock.advance(timedelta(days=1))
    assert await manager.validate_access_token(access) is None
    with pytest.raises(ValidationError, match="already exists"):
        await manager.create_long_lived_token(owner, "Grafana")
    with pytest.raises(ValidationError, match="days"):
        await manager.create_long_lived_token(owner, "Other", days=0)


async def test_default_long_lived_token_lasts_ten_years(
    manager: AuthManager, owner: User, clock: FakeClock
) -> None:
    access = await manager.create_long_lived_token(owner, "Script")
    await clock.advance(timedelta(days=3649))
    assert await manager.validate_access_token(access) is not None
    await clock.advance(timedelta(days=1))
    assert await manager.validate_access_token(access) is None


async def test_token_type_rules(manager: AuthManager, owner: User) -> None:
    with pytest.raises(ValidationError, match="client_id"):
        await manager.create_refresh_token(owner)
    with pytest.raises(ValidationError, match="System tokens"):
        await manager.create_refresh_token(owner, token_type=TokenType.SYSTEM)
    system = await manager.add_system_user("Backup agent")
    token, _ = await manager.create_refresh_token(system, token_type=TokenType.SYSTEM)
    access = manager.create_access_token(token)
    assert await manager.validate_access_token(access) is not None


async def test_scope_is_stored(make_manager) -> None:
    first: AuthManager = await make_manager()
    user = await first.add_user("alice", "Alice", PASSWORD)
    scope = TokenScope(read_only=True, entity_ids=frozenset({"light.kitchen"}))
    await first.create_long_lived_token(user, "Dashboard", scope=scope)
    second: AuthManager = await make_manager()
    (token,) = second.list_refresh_tokens(user)
    assert token.scope == scope
    assert "jwt_key" not in token.public_dict() and "token_hash" not in token.public_dict()


async def test_running_hub_picks_up_tokens_created_by_cli(make_manager, clock: FakeClock) -> None:
    hub_side: AuthManager = await make_manager()
    owner = await hub_side.add_user("owner", "Owner", PASSWORD, role="owner")
    # The CLI loads its own manager on the same directory while the hub runs.
    cli: AuthManager = await make_manager()
    cli_user = await cli.add_user("robot", "Robot", PASSWORD)
    access = await cli.create_long_lived_token(cli_user, "From CLI")
    result = await hub_side.validate_access_token(access)
    assert result is not None and result[0].username == "robot"

    # A second CLI token inside the same second waits for the next reload window.
    access2 = await cli.create_long_lived_token(cli_user, "Second")
    assert await hub_side.validate_access_token(access2) is None
    await clock.advance(1)
    assert await hub_side.validate_access_token(access2) is not None

    # The hub's own saves keep what the CLI wrote.
    third = await cli.create_long_lived_token(owner, "Third")
    await hub_side.update_user(owner.id, name="Owner Renamed")
    fresh: AuthManager = await make_manager()
    assert await fresh.validate_access_token(third) is not None
    assert fresh.get_user(owner.id).name == "Owner Renamed"
