"""Auth over HTTP: onboarding, login flow, token grants, expiry, revocation, throttle and ban."""

from __future__ import annotations

from datetime import timedelta

from hub.api.server import all_routes
from hub.api.websocket.registry import commands_for

from .conftest import CLIENT_ID, PASSWORD, ApiEnv, command


async def test_onboarding_creates_owner_and_logs_in(api: ApiEnv) -> None:
    session = api.session
    code = api.server.setup_code
    assert code is not None
    status = await (await session.get(api.url + "api/onboarding")).json()
    assert {"step": "user", "done": False} in status
    body = {
        "client_id": CLIENT_ID,
        "name": "Alice",
        "username": "alice",
        "password": PASSWORD,
        "language": "en",
    }
    wrong = await session.post(api.url + "api/onboarding/users", json={**body, "code": "XXXX"})
    assert wrong.status == 401
    resp = await session.post(api.url + "api/onboarding/users", json={**body, "code": code})
    assert resp.status == 200
    auth_code = (await resp.json())["auth_code"]
    assert auth_code
    tokens = await session.post(
        api.url + "auth/token",
        data={"grant_type": "authorization_code", "client_id": CLIENT_ID, "code": auth_code},
    )
    grant = await tokens.json()
    assert grant["token_type"] == "Bearer" and grant["expires_in"] == 1800
    again = await session.post(api.url + "api/onboarding/users", json={**body, "code": code})
    assert again.status == 403
    status = await (await session.get(api.url + "api/onboarding")).json()
    assert all(step["done"] for step in status)
    me = await session.get(
        api.url + "api/", headers={"Authorization": f"Bearer {grant['access_token']}"}
    )
    assert me.status == 200


async def _login(api: ApiEnv, username: str, password: str) -> dict:
    session = api.session
    flow = await (
        await session.post(
            api.url + "auth/login_flow",
            json={
                "client_id": CLIENT_ID,
                "handler": ["homeassistant", None],
                "redirect_uri": CLIENT_ID + "?auth_callback=1",
            },
        )
    ).json()
    assert flow["type"] == "form" and flow["step_id"] == "init"
    resp = await session.post(
        api.url + f"auth/login_flow/{flow['flow_id']}",
        json={"client_id": CLIENT_ID, "username": username, "password": password},
    )
    return await resp.json()


async def test_login_flow_refresh_expiry_and_revoke(api: ApiEnv) -> None:
    await api.user("owner")
    session = api.session
    providers = await (await session.get(api.url + "auth/providers")).json()
    assert providers["providers"][0]["type"] == "homeassistant"
    result = await _login(api, "owner", PASSWORD)
    assert result["type"] == "create_entry"
    grant = await (
        await session.post(
            api.url + "auth/token",
            data={
                "grant_type": "authorization_code",
                "client_id": CLIENT_ID,
                "code": result["result"],
            },
        )
    ).json()
    access, refresh = grant["access_token"], grant["refresh_token"]
    headers = {"Authorization": f"Bearer {access}"}
    assert (await session.get(api.url + "api/states", headers=headers)).status == 200
    # Access tokens expire after 30 minutes; the refresh token gets a new one.
    await api.clock.advance(timedelta(minutes=31))
    assert (await session.get(api.url + "api/states", headers=headers)).status == 401
    renewed = await (
        await session.post(
            api.url + "auth/token",
            data={"grant_type": "refresh_token", "client_id": CLIENT_ID, "refresh_token": refresh},
        )
    ).json()
    headers = {"Authorization": f"Bearer {renewed['access_token']}"}
    assert (await session.get(api.url + "api/states", headers=headers)).status == 200
    ws = await api.ws(renewed["access_token"])
    # Revocation kills the access token and the refresh token.
    revoke = await session.post(api.url + "auth/token", data={"action": "revoke", "token": refresh})
    assert revoke.status == 200
    assert (await session.get(api.url + "api/states", headers=headers)).status == 401
    bad = await session.post(
        api.url + "auth/token",
        data={"grant_type": "refresh_token", "client_id": CLIENT_ID, "refresh_token": refresh},
    )
    assert bad.status == 400 and (await bad.json())["error"] == "invalid_grant"
    await ws.close()


async def test_wrong_password_throttle_then_ban(make_api) -> None:  # type: ignore[no-untyped-def]
    api = await make_api(threshold=3)
    await api.user("owner")
    failed = []
    api.hub.bus.listen("bastion_login_failed", failed.append)
    first = await _login(api, "owner", "wrong password!")
    assert first["type"] == "form" and first["errors"] == {"base": "invalid_auth"}
    await _login(api, "owner", "wrong password!")
    third = await _login(api, "owner", "wrong password!")
    assert third["type"] == "abort"
    assert len(failed) == 3 and failed[-1].data["banned"] is True
    # Banned: every request from this address is refused, even with a valid token.
    token = await api.token()
    resp = await api.session.get(api.url + "api/", headers={"Authorization": f"Bearer {token}"})
    assert resp.status == 403
    # The ban is persisted and lifted after its duration.
    assert api.auth.throttle.bans()
    await api.clock.advance(timedelta(hours=1, seconds=1))
    resp = await api.session.get(api.url + "api/", headers={"Authorization": f"Bearer {token}"})
    assert resp.status == 200


async def test_bad_bearer_tokens_lead_to_ban(make_api) -> None:  # type: ignore[no-untyped-def]
    api = await make_api(threshold=2)
    for _ in range(2):
        resp = await api.session.get(api.url + "api/", headers={"Authorization": "Bearer junk"})
        assert resp.status == 401
    resp = await api.session.get(api.url + "auth/providers")
    assert resp.status == 403


async def test_websocket_token_expiry_and_revocation(api: ApiEnv) -> None:
    owner = await api.user("owner")
    token, _ = await api.auth.create_refresh_token(owner, client_id=CLIENT_ID)
    access = api.auth.create_access_token(token)
    ws = await api.ws(access)
    assert (await command(ws, {"id": 1, "type": "ping"}))["type"] == "pong"
    await api.auth.revoke(token.id)
    late = await api.raw_ws()
    await late.receive_json()
    await late.send_json({"type": "auth", "access_token": access})
    assert (await late.receive_json())["type"] == "auth_invalid"


def test_public_views_and_commands_are_listed() -> None:
    """The only views reachable without a token; every websocket command needs one."""
    public = sorted((r.method, r.path) for r in all_routes() if r.permission.value == "public")
    assert public == [
        ("DELETE", "/auth/login_flow/{flow_id}"),
        ("GET", "/api/camera_proxy/{entity_id}"),
        ("GET", "/api/onboarding"),
        ("GET", "/api/webhook/{webhook_id}"),
        ("GET", "/api/websocket"),
        ("GET", "/auth/providers"),
        ("HEAD", "/api/webhook/{webhook_id}"),
        ("POST", "/api/onboarding/users"),
        ("POST", "/api/webhook/{webhook_id}"),
        ("POST", "/auth/login_flow"),
        ("POST", "/auth/login_flow/{flow_id}"),
        ("POST", "/auth/token"),
        ("PUT", "/api/webhook/{webhook_id}"),
    ]


async def test_every_command_declares_permission(api: ApiEnv) -> None:
    commands = list(commands_for(api.hub))
    assert len(commands) > 30
    admin_only = {c.type for c in commands if c.permission.value == "admin"}
    for expected in (
        "fire_event",
        "config/auth/create",
        "bastion/roles/create",
        "audit/list",
        "config/entity_registry/update",
        "config/area_registry/create",
        "system_health/info",
    ):
        assert expected in admin_only
