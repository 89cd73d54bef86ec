"""HTTP login (the Home Assistant login flow) for the access tests."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import CLIENT_ID, ApiEnv


async def start_login(api: ApiEnv, username: str, password: str) -> dict[str, Any]:
    """Start a flow and answer the credentials step; returns the next step."""
    flow = await (
        await api.session.post(
            api.url + "auth/login_flow",
            json={
                "client_id": CLIENT_ID,
                "handler": ["homeassistant", None],
                "redirect_uri": CLIENT_ID + "?auth_callback=1",
            },
        )
    ).json()
    resp = await api.session.post(
        api.url + f"auth/login_flow/{flow['flow_id']}",
        json={"client_id": CLIENT_ID, "username": username, "password": password},
    )
    return await resp.json()


async def answer(api: ApiEnv, step: dict[str, Any], code: str) -> dict[str, Any]:
    resp = await api.session.post(
        api.url + f"auth/login_flow/{step['flow_id']}",
        json={"client_id": CLIENT_ID, "code": code},
    )
    return await resp.json()


async def exchange(api: ApiEnv, done: dict[str, Any]) -> str:
    """Trade a finished flow's code for an access token."""
    assert done["type"] == "create_entry", done
    resp = await api.session.post(
        api.url + "auth/token",
        data={"grant_type": "authorization_code", "client_id": CLIENT_ID, "code": done["result"]},
    )
    assert resp.status == 200
    return (await resp.json())["access_token"]


async def login(api: ApiEnv, username: str, password: str) -> str:
    """A session access token for a user without MFA."""
    return await exchange(api, await start_login(api, username, password))
