"""TOTP over websocket (setup, confirm, disable) and in the HTTP login flow, on a fixed clock."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pyotp

from hub.auth import UserRole

from .conftest import PASSWORD, Site, command
from .support import answer, exchange, login, start_login


def _totp(uri: str) -> pyotp.TOTP:
    secret = parse_qs(urlparse(uri).query)["secret"][0]
    return pyotp.TOTP(secret)


async def test_enrol_then_login_with_totp_and_recovery_code(site: Site) -> None:
    api = site.api
    clock = api.clock
    ws = await api.ws(await login(api, "admin", PASSWORD))
    setup = await command(ws, {"id": 1, "type": "auth/mfa/setup"})
    uri = setup["result"]["provisioning_uri"]
    assert uri.startswith("otpauth://totp/") and "issuer=Bastion" in uri
    totp = _totp(uri)
    wrong = await command(ws, {"id": 2, "type": "auth/mfa/confirm", "code": "000000"})
    assert not wrong["success"]
    confirm = await command(ws, {"id": 3, "type": "auth/mfa/confirm", "code": totp.at(clock.now())})
    codes = confirm["result"]["recovery_codes"]
    assert len(codes) == 10
    me = await command(ws, {"id": 4, "type": "auth/current_user"})
    assert me["result"]["mfa_modules"][0]["enabled"] is True

    # The password alone is no longer enough.
    await clock.advance(60)
    step = await start_login(api, "admin", PASSWORD)
    assert step["type"] == "form" and step["step_id"] == "mfa"
    bad = await answer(api, step, "123456")
    assert bad["errors"] == {"base": "invalid_code"}
    code = totp.at(clock.now())
    token = await exchange(api, await answer(api, step, code))
    assert (await command(await api.ws(token), {"id": 1, "type": "ping"}))["type"] == "pong"

    # The same code cannot be replayed; a later one and a recovery code work once.
    again = await start_login(api, "admin", PASSWORD)
    assert (await answer(api, again, code))["errors"] == {"base": "invalid_code"}
    await clock.advance(30)
    await exchange(api, await answer(api, again, totp.at(clock.now())))
    recovery = await start_login(api, "admin", PASSWORD)
    await exchange(api, await answer(api, recovery, codes[0]))
    reused = await start_login(api, "admin", PASSWORD)
    assert (await answer(api, reused, codes[0]))["errors"] == {"base": "invalid_code"}

    # Both login steps are in the audit log.
    log = site.api.hub.parts["audit"].log
    mfa_logins = await log.query(action="auth.login_mfa", user_id=site.user_ids["admin"])
    assert [r["outcome"] for r in mfa_logins].count("failure") == 3
    enabled = await log.query(action="auth.mfa_enable", user_id=site.user_ids["admin"])
    assert len(enabled) == 1

    # Disabling needs a valid code, and is refused while the policy requires MFA for admins.
    api.auth.require_mfa_for = frozenset({UserRole.ADMIN})
    await clock.advance(30)
    refused = await command(ws, {"id": 5, "type": "auth/mfa/disable", "code": totp.at(clock.now())})
    assert refused["error"]["code"] == "unauthorized"
    api.auth.require_mfa_for = frozenset()
    assert not (await command(ws, {"id": 6, "type": "auth/mfa/disable", "code": "1"}))["success"]
    done = await command(ws, {"id": 7, "type": "auth/mfa/disable", "code": totp.at(clock.now())})
    assert done["success"]
    assert (await start_login(api, "admin", PASSWORD))["type"] == "create_entry"


async def test_required_mfa_is_enrolled_during_login(site: Site) -> None:
    api = site.api
    api.auth.require_mfa_for = frozenset({UserRole.OWNER, UserRole.ADMIN})
    step = await start_login(api, "owner", PASSWORD)
    assert step["step_id"] == "mfa_setup"
    totp = _totp(step["description_placeholders"]["uri"])
    done = await answer(api, step, totp.at(api.clock.now()))
    assert len(done["description_placeholders"]["recovery_codes"].split()) == 10
    await exchange(api, done)
    await api.clock.advance(timedelta(minutes=1))
    assert (await start_login(api, "owner", PASSWORD))["step_id"] == "mfa"
    # Plain users are not covered by the policy.
    assert (await start_login(api, "office", PASSWORD))["type"] == "create_entry"


async def test_long_lived_or_scoped_tokens_cannot_touch_mfa(site: Site) -> None:
    ws = await site.ws("admin")
    reply = await command(ws, {"id": 1, "type": "auth/mfa/setup"})
    assert reply["error"]["code"] == "unauthorized"
