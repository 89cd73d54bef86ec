"""Permission checks: built-in roles, policies on areas, time windows, expiry, token scope."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from hub.auth import (
    ADMIN,
    CONTROL,
    EDIT,
    READ,
    AuthManager,
    EntityInfo,
    Grant,
    Policy,
    Role,
    TimeWindow,
    TokenScope,
    User,
    UserRole,
)
from hub.errors import ValidationError

from .support import PASSWORD

# 2026-01-05 is a Monday.
MONDAY_NOON = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


class Registry:
    """A tiny stand-in for the entity/device/area registries."""

    def __init__(self) -> None:
        self.entities = {
            "light.kitchen": EntityInfo("light.kitchen", "light", "dev1", "kitchen", "ground"),
            "lock.front": EntityInfo("lock.front", "lock", "dev2", "hall", "ground"),
            "sensor.attic": EntityInfo(
                "sensor.attic", "sensor", None, "attic", "top", frozenset({"climate"})
            ),
        }

    def entity_info(self, entity_id: str) -> EntityInfo | None:
        return self.entities.get(entity_id)


async def make_user(manager: AuthManager, role: Role | None = None, **kwargs) -> User:
    if role is not None:
        await manager.set_role(role)
        kwargs["role_ids"] = [role.id]
    return await manager.add_user("someone", "Someone", PASSWORD, **kwargs)


async def test_owner_and_admin_can_do_everything(manager: AuthManager, owner: User) -> None:
    admin = await manager.add_user("admin", "Admin", PASSWORD, role=UserRole.ADMIN)
    for user in (owner, admin):
        checker = manager.permission_checker(user, Registry())
        for permission in (READ, CONTROL, EDIT, ADMIN):
            assert checker.can(permission, "lock.front", MONDAY_NOON)
        assert checker.can(CONTROL, "light.unknown", MONDAY_NOON)
        assert checker.can_admin()
        assert not checker.can("fly", "lock.front", MONDAY_NOON)


async def test_plain_user_default_deny(manager: AuthManager) -> None:
    checker = manager.permission_checker(await make_user(manager), Registry())
    assert not checker.can(READ, "light.kitchen", MONDAY_NOON)
    assert not checker.can_admin()


async def test_area_policy(manager: AuthManager) -> None:
    role = Role(
        "kitchen_staff",
        "Kitchen staff",
        (Policy("p1", (Grant(frozenset({CONTROL}), areas=frozenset({"kitchen"})),)),),
    )
    user = await make_user(manager, role)
    checker = manager.permission_checker(user, Registry())
    assert checker.can(CONTROL, "light.kitchen", MONDAY_NOON)
    assert checker.can(READ, "light.kitchen", MONDAY_NOON)  # control implies read
    assert not checker.can(EDIT, "light.kitchen", MONDAY_NOON)
    assert not checker.can(ADMIN, "light.kitchen", MONDAY_NOON)
    assert not checker.can(READ, "lock.front", MONDAY_NOON)


@pytest.mark.parametrize(
    ("grant", "entity_id", "expected"),
    [
        (Grant(frozenset({READ}), floors=frozenset({"top"})), "sensor.attic", True),
        (Grant(frozenset({READ}), floors=frozenset({"top"})), "light.kitchen", False),
        (Grant(frozenset({READ}), labels=frozenset({"climate"})), "sensor.attic", True),
        (Grant(frozenset({READ}), devices=frozenset({"dev2"})), "lock.front", True),
        (Grant(frozenset({READ}), domains=frozenset({"light"})), "light.garage", True),
        (Grant(frozenset({READ}), entity_ids=frozenset({"lock.front"})), "lock.front", True),
        (Grant(frozenset({READ}), entity_ids=frozenset({"lock.front"})), "lock.back", False),
    ],
)
async def test_grant_targets(
    manager: AuthManager, grant: Grant, entity_id: str, expected: bool
) -> None:
    user = await make_user(manager, Role("r", "R", (Policy("p", (grant,)),)))
    checker = manager.permission_checker(user, Registry())
    assert checker.can(READ, entity_id, MONDAY_NOON) is expected


async def test_time_window_is_time_zone_aware(manager: AuthManager) -> None:
    weekdays_9_to_17_paris = TimeWindow(
        frozenset(range(5)), time(9), time(17), time_zone="Europe/Paris"
    )
    policy = Policy(
        "work",
        (Grant(frozenset({CONTROL}), domains=frozenset({"lock"})),),
        windows=(weekdays_9_to_17_paris,),
    )
    user = await make_user(manager, Role("cleaner", "Cleaner", (policy,)))
    checker = manager.permission_checker(user, Registry())
    assert checker.can(CONTROL, "lock.front", MONDAY_NOON)  # 13:00 in Paris
    assert checker.can(CONTROL, "lock.front", MONDAY_NOON.replace(hour=8))  # 09:00 Paris
    assert not checker.can(CONTROL, "lock.front", MONDAY_NOON.replace(hour=7, minute=59))
    assert not checker.can(CONTROL, "lock.front", MONDAY_NOON.replace(hour=16))  # 17:00
    assert not checker.can(CONTROL, "lock.front", MONDAY_NOON + timedelta(days=5))  # Saturday


def test_overnight_window() -> None:
    night = TimeWindow(frozenset({4}), time(22), time(6))  # Friday night, UTC
    friday = datetime(2026, 1, 9, tzinfo=UTC)
    assert night.contains(friday.replace(hour=23))
    assert night.contains(friday.replace(hour=5) + timedelta(days=1))  # Saturday 05:00
    assert not night.contains(friday.replace(hour=5))  # Friday 05:00 belongs to Thursday
    assert not night.contains(friday.replace(hour=12))
    with pytest.raises(ValidationError):
        TimeWindow(frozenset({7}))
    with pytest.raises(ValidationError):
        TimeWindow(time_zone="Mars/Olympus")


async def test_policy_expiry(manager: AuthManager) -> None:
    policy = Policy(
        "guest",
        (Grant(frozenset({CONTROL}), entity_ids=frozenset({"lock.front"})),),
        expires_at=MONDAY_NOON + timedelta(days=2),
    )
    user = await make_user(manager, Role("guest", "Guest", (policy,)))
    checker = manager.permission_checker(user, Registry())
    assert checker.can(CONTROL, "lock.front", MONDAY_NOON + timedelta(days=1))
    assert not checker.can(CONTROL, "lock.front", MONDAY_NOON + timedelta(days=2))


async def test_read_only_token_can_never_control(manager: AuthManager, owner: User) -> None:
    await manager.create_long_lived_token(owner, "Wall display", scope=TokenScope(read_only=True))
    (token,) = manager.list_refresh_tokens(owner)
    checker = manager.permission_checker(owner, Registry(), token)
    assert checker.can(READ, "lock.front", MONDAY_NOON)
    assert not checker.can(CONTROL, "lock.front", MONDAY_NOON)
    assert not checker.can(EDIT, "lock.front", MONDAY_NOON)
    assert not checker.can_admin()


async def test_token_scope_narrows_entities(manager: AuthManager, owner: User) -> None:
    scope = TokenScope(entity_ids=frozenset({"lock.front"}), areas=frozenset({"attic"}))
    await manager.create_long_lived_token(owner, "Door tablet", scope=scope)
    (token,) = manager.list_refresh_tokens(owner)
    checker = manager.permission_checker(owner, Registry(), token)
    assert checker.can(CONTROL, "lock.front", MONDAY_NOON)
    assert checker.can(CONTROL, "sensor.attic", MONDAY_NOON)
    assert not checker.can(READ, "light.kitchen", MONDAY_NOON)


async def test_inactive_user_and_removed_role(manager: AuthManager, owner: User) -> None:
    role = Role("r", "R", (Policy("p", (Grant(frozenset({READ}), domains=frozenset({"light"})),)),))
    user = await make_user(manager, role)
    assert manager.permission_checker(user, Registry()).can(READ, "light.kitchen", MONDAY_NOON)
    await manager.remove_role("r")
    assert manager.get_user(user.id).role_ids == ()
    assert not manager.permission_checker(user, Registry()).can(READ, "light.kitchen", MONDAY_NOON)
    await manager.update_user(owner.id, name="Owner")
    admin = await manager.add_user("admin", "Admin", PASSWORD, role=UserRole.ADMIN)
    await manager.update_user(admin.id, is_active=False)
    assert not manager.permission_checker(admin, Registry()).can(READ, "light.x", MONDAY_NOON)


async def test_roles_persist(make_manager) -> None:
    first: AuthManager = await make_manager()
    window = TimeWindow(frozenset({0}), time(8), time(9), "Europe/Paris")
    grant = Grant(frozenset({EDIT}), areas=frozenset({"hall"}), labels=frozenset({"x"}))
    role = Role("r", "R", (Policy("p", (grant,), "P", (window,), MONDAY_NOON),))
    await first.set_role(role)
    second: AuthManager = await make_manager()
    assert second.get_role("r") == role
    with pytest.raises(ValidationError, match="Unknown permission"):
        Grant(frozenset({"fly"}))
