"""Verified access tokens are cached, but revocation, deactivation, expiry and forgery still win."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import jwt

from hub.auth import AuthManager, User
from hub.auth.access_tokens import Verified, VerifiedTokens, parse_access_token
from hub.clock import FakeClock

from .support import PASSWORD

CLIENT = "https://app.example.org/"


async def _cached_access(manager: AuthManager, user: User) -> str:
    token, _ = await manager.create_refresh_token(user, client_id=CLIENT)
    access = manager.create_access_token(token)
    assert await manager.validate_access_token(access) is not None  # now cached
    assert await manager.validate_access_token(access) is not None  # served from the cache
    return access


async def test_cached_token_refused_after_revoke(manager: AuthManager, owner: User) -> None:
    access = await _cached_access(manager, owner)
    result = await manager.validate_access_token(access)
    assert result is not None
    assert await manager.revoke(result[1].id)
    assert await manager.validate_access_token(access) is None


async def test_cached_token_refused_after_user_deactivation(
    manager: AuthManager, owner: User
) -> None:
    alice = await manager.add_user("alice", "Alice", PASSWORD)
    access = await _cached_access(manager, alice)
    await manager.update_user(alice.id, is_active=False)
    assert await manager.validate_access_token(access) is None
    await manager.update_user(alice.id, is_active=True)
    assert await manager.validate_access_token(access) is not None


async def test_cached_token_refused_after_user_removal(manager: AuthManager, owner: User) -> None:
    alice = await manager.add_user("alice", "Alice", PASSWORD)
    access = await _cached_access(manager, alice)
    await manager.remove_user(alice.id)
    assert await manager.validate_access_token(access) is None


async def test_cached_token_refused_after_expiry(
    manager: AuthManager, owner: User, clock: FakeClock
) -> None:
    access = await _cached_access(manager, owner)
    await clock.advance(timedelta(minutes=30) - timedelta(seconds=1))
    assert await manager.validate_access_token(access) is not None
    await clock.advance(1)
    assert await manager.validate_access_token(access) is None
    assert await manager.validate_access_token(access) is None


async def test_cached_long_lived_token_refused_after_its_expiry(
    manager: AuthManager, owner: User, clock: FakeClock
) -> None:
    access = await manager.create_long_lived_token(owner, "Short", days=1)
    assert await manager.validate_access_token(access) is not None
    await clock.advance(timedelta(days=1) - timedelta(seconds=1))
    assert await manager.validate_access_token(access) is not None
    await clock.advance(1)
    assert await manager.validate_access_token(access) is None


async def test_cli_revocation_reaches_cached_token(make_manager, clock: FakeClock) -> None:
    hub_side: AuthManager = await make_manager()
    owner = await hub_side.add_user("owner", "Owner", PASSWORD, role="owner")
    access = await hub_side.create_long_lived_token(owner, "Robot")
    found = await hub_side.validate_access_token(access)
    assert found is not None
    cli: AuthManager = await make_manager()
    assert await cli.revoke(found[1].id)
    await clock.advance(1)  # the hub re-reads the shared file within RELOAD_INTERVAL
    assert await hub_side.validate_access_token(access) is None


def _segment(data: dict[str, object]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


async def test_tampered_token_refused_while_valid_one_is_cached(
    manager: AuthManager, owner: User
) -> None:
    token, _ = await manager.create_refresh_token(owner, client_id=CLIENT)
    other, _ = await manager.create_refresh_token(owner, client_id="https://other.example/")
    access = await _cached_access(manager, owner)
    head, payload, signature = access.split(".")
    flipped = signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB")
    claims = jwt.decode(access, options={"verify_signature": False})
    longer = _segment({**claims, "exp": claims["exp"] + 3600})
    forged = jwt.encode(claims, other.jwt_key, algorithm="HS256")
    for bad in (
        f"{head}.{payload}.{flipped}",
        f"{head}.{longer}.{signature}",  # longer lifetime, original signature
        f"{head}.{payload}.",
        f"{head}.{payload}",
        f"{head}.{payload}.{signature}.{signature}",
        f" {access}",
        forged,
        jwt.encode(claims, None, algorithm="none"),
    ):
        assert await manager.validate_access_token(bad) is None, bad
    assert await manager.validate_access_token(access) is not None
    assert await manager.validate_access_token(f"{head}.{payload}.{flipped}") is None
    assert token.id != other.id


async def test_tokens_signed_by_pyjwt_still_accepted(
    manager: AuthManager, owner: User, clock: FakeClock
) -> None:
    """Tokens handed out before the hmac verifier (PyJWT's encoding) keep working."""
    token, _ = await manager.create_refresh_token(owner, client_id=CLIENT)
    iat = int(clock.now().timestamp())
    legacy = jwt.encode(
        {"iss": token.id, "iat": iat, "exp": iat + 1800}, token.jwt_key, algorithm="HS256"
    )
    assert await manager.validate_access_token(legacy) == (owner, token)
    ours = manager.create_access_token(token)
    claims = jwt.decode(ours, token.jwt_key, algorithms=["HS256"], options={"verify_exp": False})
    assert claims == {"iss": token.id, "iat": iat, "exp": iat + 1800}


def test_parse_refuses_malformed_tokens() -> None:
    good = jwt.encode({"iss": "abc", "iat": 1, "exp": 2}, "k" * 64, algorithm="HS256")
    parsed = parse_access_token(good)
    assert parsed is not None and parsed.issuer == "abc" and parsed.signed_by("k" * 64)
    assert not parsed.signed_by("j" * 64)
    head, payload, signature = good.split(".")
    for junk in (
        "",
        "a.b.c",
        "x" * 5000,
        f"{head}.{payload}.{signature}==",
        f"{head}.{payload}.{signature.replace('-', '+').replace('_', '/')}+",
        jwt.encode({"iss": "abc", "iat": 1, "exp": 2}, "k" * 64, algorithm="HS512"),
        jwt.encode({"iss": "abc", "iat": True, "exp": 2}, "k" * 64, algorithm="HS256"),
        f"{head}.{_segment({'iss': 5, 'iat': 1, 'exp': 2})}.{signature}",
        jwt.encode({"iss": "abc", "iat": 1}, "k" * 64, algorithm="HS256"),
        f"{_segment({'alg': 'HS256'})}.{base64.urlsafe_b64encode(b'[1]').decode()}.{signature}",
        f"{head}.{payload}.{signature}\u00e9",
    ):
        assert parse_access_token(junk) is None, junk


def test_verified_cache_is_bounded_and_dropped_on_revision_change() -> None:
    cache = VerifiedTokens(size=3)
    entry = Verified("id", "key", 0.0, 10.0)
    for n in range(5):
        cache.add(f"t{n}", entry, revision=1)
    assert len(cache) == 3
    assert "t4" not in repr(cache) and "key" not in repr(cache)
    assert cache.get("t0", 1) is None and cache.get("t4", 1) is entry
    cache.get("t2", 1)  # most recently used survives the next insertion
    cache.add("t5", entry, revision=1)
    assert cache.get("t2", 1) is entry and cache.get("t3", 1) is None
    assert cache.get("t4", 2) is None  # another revision: everything dropped
    assert len(cache) == 0
