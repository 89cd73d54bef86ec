"""The hub and the CLI share the auth file: edits on either side reach the other, none undone."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import orjson

from hub.auth import AuthManager, Role, UserRole
from hub.auth.shared_file import RELOAD_INTERVAL
from hub.clock import FakeClock

from .support import PASSWORD, cheap_hasher

Make = Callable[..., Awaitable[AuthManager]]


async def _pair(make_manager: Make) -> tuple[AuthManager, AuthManager]:
    """A hub with an owner and a user, and a CLI process loaded after them."""
    hub = await make_manager()
    await hub.add_user("owner", "The Owner", PASSWORD, role=UserRole.OWNER)
    await hub.add_user("alice", "Alice", PASSWORD)
    cli = await make_manager()
    return hub, cli


async def test_cli_revocation_reaches_hub_and_is_not_resurrected(
    make_manager: Make, clock: FakeClock
) -> None:
    hub, cli = await _pair(make_manager)
    alice = hub.get_user_by_name("alice")
    assert alice is not None
    access = await hub.create_long_lived_token(alice, "kitchen tablet", 30)
    found = await hub.validate_access_token(access)
    assert found is not None
    token = found[1]

    await cli.load()  # the CLI is a fresh process started after the token existed
    assert await cli.revoke(token.id)

    await clock.advance(RELOAD_INTERVAL)
    assert await hub.validate_access_token(access) is None
    assert hub.get_refresh_token(token.id) is None

    await hub.save()  # the hub's next save must not bring the token back
    fresh = await make_manager()
    assert fresh.get_refresh_token(token.id) is None


async def test_hub_stale_write_does_not_undo_revocation(
    make_manager: Make, clock: FakeClock
) -> None:
    """The hub writes (last-used bookkeeping) before it noticed the CLI's revocation."""
    hub, cli = await _pair(make_manager)
    alice = hub.get_user_by_name("alice")
    assert alice is not None
    token, _ = await hub.create_refresh_token(alice, client_id="https://app.example/")
    await cli.load()
    assert await cli.revoke(token.id)

    # The hub has not re-read the file yet and touches the token itself.
    await hub.create_long_lived_token(alice, "other", 30)
    assert hub.get_refresh_token(token.id) is None  # its save merged the deletion
    fresh = await make_manager()
    assert fresh.get_refresh_token(token.id) is None


async def test_cli_deactivation_and_removal_reach_hub(make_manager: Make, clock: FakeClock) -> None:
    hub, cli = await _pair(make_manager)
    await hub.add_user("bob", "Bob", PASSWORD)
    await cli.load()
    alice = hub.get_user_by_name("alice")
    bob = hub.get_user_by_name("bob")
    assert alice is not None and bob is not None
    alice_access = await hub.create_long_lived_token(alice, "a", 30)
    bob_access = await hub.create_long_lived_token(bob, "b", 30)
    assert await hub.validate_access_token(alice_access) is not None
    await cli.load()

    await cli.update_user(alice.id, is_active=False)
    await cli.remove_user(bob.id)
    await clock.advance(RELOAD_INTERVAL)

    assert await hub.validate_access_token(alice_access) is None
    assert await hub.validate_access_token(bob_access) is None
    hub_alice = hub.get_user(alice.id)
    assert hub_alice is not None and not hub_alice.is_active
    assert hub.get_user(bob.id) is None
    assert await hub.authenticate("alice", PASSWORD) is None

    await hub.save()
    fresh = await make_manager()
    assert fresh.get_user(bob.id) is None
    fresh_alice = fresh.get_user(alice.id)
    assert fresh_alice is not None and not fresh_alice.is_active
    assert fresh.list_refresh_tokens(bob) == []


async def test_cli_password_and_role_changes_reach_hub(
    make_manager: Make, clock: FakeClock
) -> None:
    hub, cli = await _pair(make_manager)
    alice = hub.get_user_by_name("alice")
    assert alice is not None
    session, _ = await hub.create_refresh_token(alice, client_id="https://app.example/")
    await cli.set_role(Role(id="cleaner", name="Cleaner"))
    await cli.set_password(alice.id, "a much newer password")
    await cli.update_user(alice.id, role=UserRole.ADMIN, role_ids=["cleaner"])

    await clock.advance(RELOAD_INTERVAL)
    assert await hub.authenticate("alice", PASSWORD) is None
    assert await hub.authenticate("alice", "a much newer password") is not None
    assert hub.get_refresh_token(session.id) is None  # a password change ends sessions
    current = hub.get_user(alice.id)
    assert current is not None and current.role is UserRole.ADMIN
    assert current.role_ids == ("cleaner",)
    assert hub.get_role("cleaner") is not None

    await hub.save()
    fresh = await make_manager()
    again = fresh.get_user(alice.id)
    assert again is not None and again.role is UserRole.ADMIN


async def test_cli_role_removal_and_replacement_stick(make_manager: Make, clock: FakeClock) -> None:
    hub, cli = await _pair(make_manager)
    await hub.set_role(Role(id="guest", name="Guest"))
    await hub.set_role(Role(id="cleaner", name="Cleaner"))
    await cli.load()
    await cli.remove_role("guest")
    await cli.set_role(Role(id="cleaner", name="Cleaning crew"))

    await hub.save()  # before the hub looked at the file
    assert hub.get_role("guest") is None
    cleaner = hub.get_role("cleaner")
    assert cleaner is not None and cleaner.name == "Cleaning crew"

    # A role deleted and created again later is there.
    await clock.advance(5)
    await hub.set_role(Role(id="guest", name="Guest again"))
    await cli.save()
    guest = cli.get_role("guest")
    assert guest is not None and guest.name == "Guest again"


async def test_concurrent_additions_on_both_sides_are_kept(
    make_manager: Make, clock: FakeClock
) -> None:
    hub, cli = await _pair(make_manager)
    await hub.add_user("from.hub", "From Hub", PASSWORD)
    await cli.add_user("from.cli", "From CLI", PASSWORD)
    hub_user = hub.get_user_by_name("from.hub")
    cli_user = cli.get_user_by_name("from.cli")
    assert hub_user is not None and cli_user is not None
    await cli.create_long_lived_token(cli_user, "cli token", 5)
    await hub.set_role(Role(id="hub-role", name="Hub role"))

    await clock.advance(RELOAD_INTERVAL)
    await hub.sync()
    await cli.sync()
    for manager in (hub, cli, await make_manager()):
        assert manager.get_user_by_name("from.hub") is not None
        assert manager.get_user_by_name("from.cli") is not None
        assert manager.get_role("hub-role") is not None
        assert len(manager.list_refresh_tokens(cli_user)) == 1


async def test_running_hub_adopts_token_created_by_cli(
    make_manager: Make, clock: FakeClock
) -> None:
    hub, cli = await _pair(make_manager)
    alice = cli.get_user_by_name("alice")
    assert alice is not None
    access = await cli.create_long_lived_token(alice, "script", 5)
    await clock.advance(RELOAD_INTERVAL)
    found = await hub.validate_access_token(access)
    assert found is not None and found[0].id == alice.id


async def test_revocation_noticed_without_a_request(make_manager: Make, clock: FakeClock) -> None:
    """Open websocket connections look at get_refresh_token; the watcher keeps it current."""
    hub, cli = await _pair(make_manager)
    alice = hub.get_user_by_name("alice")
    assert alice is not None
    access = await hub.create_long_lived_token(alice, "socket", 30)
    found = await hub.validate_access_token(access)
    assert found is not None
    hub.watch()  # as the running hub does at start
    revision = hub.revision
    await cli.load()
    await cli.revoke(found[1].id)

    await clock.advance(RELOAD_INTERVAL)  # the watcher's check is due
    for _ in range(1000):  # it stats and reads the file in a worker thread; let that finish
        if hub.get_refresh_token(found[1].id) is None:
            break
        await asyncio.sleep(0.005)
    assert hub.get_refresh_token(found[1].id) is None
    assert hub.revision > revision  # websocket connections rebuild their checkers


async def test_version_1_file_migrates(tmp_path: Path, clock: FakeClock) -> None:
    v1 = AuthManager(tmp_path, clock, password_hasher=cheap_hasher())
    await v1.load()
    user = await v1.add_user("owner", "The Owner", PASSWORD, role=UserRole.OWNER)
    access = await v1.create_long_lived_token(user, "old", 30)
    await v1.set_role(Role(id="guest", name="Guest"))
    await v1.close()
    path = tmp_path / ".storage" / "auth"
    current = orjson.loads(path.read_bytes())["data"]

    def values(family: str) -> list[dict[str, object]]:
        return [item["value"] for item in current[family]["records"].values()]

    old_doc = {
        "version": 1,
        "key": "auth",
        "data": {
            "users": values("users"),
            "password_hashes": {
                key: item["value"] for key, item in current["password_hashes"]["records"].items()
            },
            "refresh_tokens": values("refresh_tokens"),
            "mfa": {},
            "roles": values("roles"),
        },
    }
    path.write_bytes(orjson.dumps(old_doc))

    migrated = AuthManager(tmp_path, clock, password_hasher=cheap_hasher())
    await migrated.load()
    try:
        assert await migrated.authenticate("owner", PASSWORD) is not None
        assert await migrated.validate_access_token(access) is not None
        assert migrated.get_role("guest") is not None
        assert orjson.loads(path.read_bytes())["version"] == 2
    finally:
        await migrated.close()


async def test_real_cli_process_revokes_in_running_hub(tmp_path: Path) -> None:
    """The real `bastion token revoke` in another process, against a hub on the real clock."""
    hub = AuthManager(tmp_path, password_hasher=cheap_hasher())
    await hub.load()
    try:
        owner = await hub.add_user("owner", "The Owner", PASSWORD, role=UserRole.OWNER)
        access = await hub.create_long_lived_token(owner, "script", 5)
        found = await hub.validate_access_token(access)
        assert found is not None
        result = await asyncio.to_thread(
            subprocess.run,
            [
                sys.executable,
                "-m",
                "hub",
                "token",
                "revoke",
                found[1].id,
                "--config",
                str(tmp_path),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert await hub.sync()  # what the watcher or the next request does within a second
        assert await hub.validate_access_token(access) is None
        await hub.save()
        assert hub.get_refresh_token(found[1].id) is None
    finally:
        await hub.close()
