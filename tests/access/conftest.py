"""A small business on a real hub + HTTP server: areas, roles, users and tokens for the
authorisation matrix (the owner, an admin, an office worker, a cleaner with an evening
window, a guest whose access expired, a read-only token and a lobby-only token)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

import aiohttp
import pytest

from hub.audit import get_audit_sink
from hub.auth import Grant, Policy, Role, TimeWindow, TokenScope, UserRole
from tests.api.conftest import PASSWORD, ApiEnv, MakeApi, command, make_api  # noqa: F401

OFFICE_LAMP = "light.office_lamp"
OFFICE_DOOR = "lock.office_door"
SERVER_LOCK = "lock.server_room"
LOBBY_LIGHT = "light.lobby"
ALL = {OFFICE_LAMP, OFFICE_DOOR, SERVER_LOCK, LOBBY_LIGHT}


@dataclass
class Site:
    """The running API plus one token per caller of the matrix."""

    api: ApiEnv
    tokens: dict[str, str] = field(default_factory=dict)
    user_ids: dict[str, str] = field(default_factory=dict)
    calls: list[tuple[str, set[str]]] = field(default_factory=list)
    next_id: int = 100

    def headers(self, caller: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[caller]}"}

    def msg_id(self) -> int:
        self.next_id += 1
        return self.next_id

    async def ws(self, caller: str) -> aiohttp.ClientWebSocketResponse:
        return await self.api.ws(self.tokens[caller])

    async def denials(self, **filters: Any) -> list[dict[str, Any]]:
        log = get_audit_sink(self.api.hub)
        return await log.query(action="access.denied", **filters)  # type: ignore[attr-defined]


async def _build(api: ApiEnv) -> Site:
    hub, auth = api.hub, api.auth
    regs = hub.registries
    for name in ("Office", "Server room", "Lobby"):
        regs.areas.create(name)
    regs.labels.create("Lights")
    for entity_id, area, labels in (
        (OFFICE_LAMP, "office", ("lights",)),
        (OFFICE_DOOR, "office", ()),
        (SERVER_LOCK, "server_room", ()),
        (LOBBY_LIGHT, "lobby", ("lights",)),
    ):
        domain, object_id = entity_id.split(".")
        entry = regs.entities.get_or_create(
            domain, "demo", object_id, suggested_object_id=object_id, area_id=area, labels=labels
        )
        assert entry.entity_id == entity_id
    for other in hub.states.entity_ids():  # zone.home etc.: keep the matrix exact
        hub.states.remove(other)
    hub.states.set(OFFICE_LAMP, "off")
    hub.states.set(LOBBY_LIGHT, "off")
    hub.states.set(OFFICE_DOOR, "locked")
    hub.states.set(SERVER_LOCK, "locked")

    site = Site(api)

    def handler(new_state: str) -> Any:
        def handle(call: Any) -> None:
            targets = set(call.entity_ids or ())
            site.calls.append((call.service, targets))
            for entity_id in targets:
                hub.states.set(entity_id, new_state, context=call.context)

        return handle

    hub.services.register("light", "turn_on", handler("on"))
    hub.services.register("lock", "unlock", handler("unlocked"))

    await auth.set_role(
        Role(
            "office",
            "Office staff",
            (Policy("p1", (Grant(frozenset({"control"}), areas=frozenset({"office"})),)),),
        )
    )
    await auth.set_role(
        Role(
            "cleaner",
            "Cleaner",
            (
                Policy(
                    "evenings",
                    (Grant(frozenset({"control"}), entity_ids=frozenset({OFFICE_DOOR})),),
                    windows=(TimeWindow(frozenset(range(5)), time(18, 0), time(20, 0)),),
                ),
            ),
        )
    )
    await auth.set_role(
        Role(
            "guest",
            "Guest",
            (
                Policy(
                    "visit",
                    (Grant(frozenset({"control"}), areas=frozenset({"lobby"})),),
                    expires_at=datetime(2026, 1, 1, tzinfo=UTC),
                ),
            ),
        )
    )
    for name, role, role_ids in (
        ("owner", UserRole.OWNER, ()),
        ("admin", UserRole.ADMIN, ()),
        ("office", UserRole.USER, ("office",)),
        ("cleaner", UserRole.USER, ("cleaner",)),
        ("guest", UserRole.USER, ("guest",)),
    ):
        user = await auth.add_user(name, name.title(), PASSWORD, role=role, role_ids=role_ids)
        site.user_ids[name] = user.id
        site.tokens[name] = await auth.create_long_lived_token(user, f"{name} token", 30)
    owner = auth.get_user(site.user_ids["owner"])
    assert owner is not None
    site.tokens["read_only"] = await auth.create_long_lived_token(
        owner, "dashboard", 30, scope=TokenScope(read_only=True)
    )
    site.tokens["lobby_token"] = await auth.create_long_lived_token(
        owner, "lobby tablet", 30, scope=TokenScope(areas=frozenset({"lobby"}))
    )
    return site


@pytest.fixture
async def site(make_api: MakeApi) -> Site:  # noqa: F811
    return await _build(await make_api())
