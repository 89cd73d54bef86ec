"""Users, roles, tokens and the audit log managed over websocket, as the UI does it."""

from __future__ import annotations

from typing import Any

from hub.auth import UserRole

from .conftest import LOBBY_LIGHT, OFFICE_DOOR, PASSWORD, SERVER_LOCK, Site, command
from .support import login

CONTRACTOR_POLICY = {"grants": [{"permissions": ["control"], "areas": ["server_room"]}]}


async def _states(ws: Any, msg_id: int) -> set[str]:
    reply = await command(ws, {"id": msg_id, "type": "get_states"})
    return {s["entity_id"] for s in reply["result"]}


async def test_roles_and_users_lifecycle(site: Site) -> None:
    api = site.api
    ws = await api.ws(await login(api, "owner", PASSWORD))
    role = await command(
        ws,
        {
            "id": 1,
            "type": "bastion/roles/create",
            "name": "IT contractor",
            "policies": [CONTRACTOR_POLICY],
        },
    )
    assert role["result"]["id"] == "it_contractor"
    created = await command(
        ws,
        {"id": 2, "type": "config/auth/create", "name": "Sam", "role_ids": ["it_contractor"]},
    )
    user = created["result"]["user"]
    assert user["group_ids"] == ["system-users"] and user["credentials"] == []
    creds = await command(
        ws,
        {
            "id": 3,
            "type": "config/auth_provider/homeassistant/create",
            "user_id": user["id"],
            "username": "sam",
            "password": "a long enough password",
        },
    )
    assert creds["success"], creds

    sam = await api.ws(await login(api, "sam", "a long enough password"))
    assert await _states(sam, 1) == {SERVER_LOCK}

    # A role change applies to connections that are already open.
    updated = await command(
        ws,
        {
            "id": 4,
            "type": "bastion/roles/update",
            "role_id": "it_contractor",
            "policies": [{"grants": [{"permissions": ["read"], "entity_ids": [LOBBY_LIGHT]}]}],
        },
    )
    assert updated["result"]["user_ids"] == [user["id"]]
    assert await _states(sam, 2) == {LOBBY_LIGHT}
    listed = await command(ws, {"id": 5, "type": "bastion/roles/list"})
    assert {r["id"] for r in listed["result"]} == {"office", "cleaner", "guest", "it_contractor"}

    # Users: list, move to another role, deactivate (the open socket is cut off), delete.
    users = await command(ws, {"id": 6, "type": "config/auth/list"})
    assert "sam" in {u["username"] for u in users["result"]}
    moved = await command(
        ws, {"id": 7, "type": "config/auth/update", "user_id": user["id"], "role_ids": ["office"]}
    )
    assert moved["result"]["user"]["role_ids"] == ["office"]
    assert OFFICE_DOOR in await _states(sam, 3)
    await command(
        ws, {"id": 8, "type": "config/auth/update", "user_id": user["id"], "is_active": False}
    )
    await sam.send_json({"id": 4, "type": "get_states"})
    assert (await sam.receive_json(timeout=5))["error"]["code"] == "unauthorized"
    deleted = await command(ws, {"id": 9, "type": "config/auth/delete", "user_id": user["id"]})
    assert deleted["success"]
    assert api.auth.get_user(user["id"]) is None
    gone = await command(ws, {"id": 10, "type": "bastion/roles/delete", "role_id": "it_contractor"})
    assert gone["success"]

    # Every change is in the audit log, attributed to the owner.
    owner_id = site.user_ids["owner"]
    audit = await command(
        ws,
        {"id": 11, "type": "audit/list", "limit": 50, "action": "permission.", "user_id": owner_id},
    )
    records = audit["result"]
    assert {r["target"] for r in records} == {"role:it_contractor", user["id"]}
    assert len(records) == 4  # create, update, delete role; role_ids change of the user
    assert all(r["username"] == "owner" for r in records)
    assert set(records[0]) >= {
        "seq", "time", "action", "user_id", "username", "actor", "target", "outcome", "details"
    }  # fmt: skip
    user_records = await command(
        ws, {"id": 12, "type": "audit/list", "limit": 50, "target": user["id"]}
    )
    actions = {r["action"] for r in user_records["result"]}
    assert {"auth.user_create", "auth.user_update", "auth.user_remove"} <= actions
    assert "auth.password_change" in actions
    verify = await command(ws, {"id": 13, "type": "audit/verify"})
    assert verify["result"]["ok"] is True and verify["result"]["problems"] == []


async def test_admin_commands_refused_and_audited_for_others(site: Site) -> None:
    ws = await site.ws("office")
    for msg_id, msg in enumerate(
        (
            {"type": "config/auth/list"},
            {"type": "bastion/roles/list"},
            {"type": "audit/list", "limit": 5},
            {"type": "audit/verify"},
            {"type": "config/auth/delete", "user_id": site.user_ids["owner"]},
        ),
        start=1,
    ):
        reply = await command(ws, {"id": msg_id, **msg})
        assert reply["error"]["code"] == "unauthorized", msg
    denials = await site.denials(user_id=site.user_ids["office"])
    assert {d["target"] for d in denials} == {
        "config/auth/list",
        "bastion/roles/list",
        "audit/list",
        "audit/verify",
        "config/auth/delete",
    }
    assert all(d["details"]["permission"] == "admin" for d in denials)
    # The read-only and area-scoped owner tokens are not admin tokens either.
    for caller in ("read_only", "lobby_token"):
        scoped = await site.ws(caller)
        reply = await command(scoped, {"id": 1, "type": "config/auth/list"})
        assert reply["error"]["code"] == "unauthorized"
    # An admin cannot make owners or touch the owner.
    admin = await site.ws("admin")
    promote = await command(
        admin,
        {
            "id": 1,
            "type": "config/auth/update",
            "user_id": site.user_ids["office"],
            "role": "owner",
        },
    )
    assert promote["error"]["code"] == "unauthorized"
    remove_owner = await command(
        admin, {"id": 2, "type": "config/auth/delete", "user_id": site.user_ids["owner"]}
    )
    assert remove_owner["error"]["code"] == "unauthorized"
    assert site.api.auth.get_user(site.user_ids["owner"]).role is UserRole.OWNER  # type: ignore[union-attr]


async def test_scoped_long_lived_tokens_listed_and_revoked(site: Site) -> None:
    api = site.api
    ws = await api.ws(await login(api, "owner", PASSWORD))
    made = await command(
        ws,
        {
            "id": 1,
            "type": "auth/long_lived_access_token",
            "client_name": "Office panel",
            "lifespan": 7,
            "scope": {"read_only": True, "areas": ["office"]},
        },
    )
    token = made["result"]
    panel = await api.ws(token)
    assert await _states(panel, 1) == {"light.office_lamp", OFFICE_DOOR}
    call = await command(
        panel,
        {
            "id": 2,
            "type": "call_service",
            "domain": "light",
            "service": "turn_on",
            "target": {"entity_id": "light.office_lamp"},
        },
    )
    assert call["error"]["code"] == "unauthorized"
    listed = await command(ws, {"id": 2, "type": "auth/refresh_tokens"})
    (item,) = [t for t in listed["result"] if t["client_name"] == "Office panel"]
    assert item["scope"] == {"read_only": True, "areas": ["office"], "entity_ids": []}
    assert item["last_used_ip"] == "127.0.0.1" and item["last_used_at"] is not None
    assert item["expire_at"] is not None and item["type"] == "long_lived_access_token"
    current = [t for t in listed["result"] if t["is_current"]]
    assert len(current) == 1 and current[0]["type"] == "normal"

    # Admins see and revoke other users' tokens; plain users cannot.
    others = await command(
        ws, {"id": 3, "type": "auth/refresh_tokens", "user_id": site.user_ids["office"]}
    )
    (office_token,) = others["result"]
    office = await site.ws("office")
    peek = await command(
        office, {"id": 1, "type": "auth/refresh_tokens", "user_id": site.user_ids["owner"]}
    )
    assert peek["error"]["code"] == "unauthorized"
    revoke = await command(
        ws, {"id": 4, "type": "auth/delete_refresh_token", "refresh_token_id": item["id"]}
    )
    assert revoke["success"]
    resp = await api.session.get(api.url + "api/", headers={"Authorization": f"Bearer {token}"})
    assert resp.status == 401
    assert office_token["client_name"] == "office token"
