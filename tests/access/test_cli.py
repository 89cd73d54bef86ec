"""`bastion role …`, `bastion user set-role` and scoped `bastion token create`, in-process."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest

from hub.auth.manager import AuthManager
from hub.cli import main


def _load(config_dir: Path) -> AuthManager:
    manager = AuthManager(config_dir)
    asyncio.run(manager.load())
    return manager


def test_roles_users_and_scoped_tokens(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = ["--config", str(config_dir)]
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert main(["user", "add", "cleaner", "--password-stdin", *cfg]) == 0
    assert (
        main(
            [
                "role",
                "create",
                "cleaner",
                "--name",
                "Cleaner",
                "--grant",
                "control:entity=lock.front_door",
                "--grant",
                "read:area=lobby,office",
                "--window",
                "0-4@18:00-20:00",
                "--time-zone",
                "Europe/Paris",
                "--expires",
                "2027-01-01",
                *cfg,
            ]
        )
        == 0
    )
    assert main(["user", "set-role", "cleaner", "--roles", "cleaner", *cfg]) == 0
    assert main(["role", "create", "bad", "--grant", "control:room=x", *cfg]) == 1
    assert main(["user", "set-role", "cleaner", "--roles", "nope", *cfg]) == 1
    capsys.readouterr()

    assert main(["role", "list", *cfg]) == 0
    listing = capsys.readouterr().out
    assert "cleaner\tCleaner\tusers: cleaner" in listing and "Europe/Paris" in listing

    args = ["token", "create", "cleaner", "--name", "door tablet", "--days", "2"]
    assert main([*args, "--read-only", "--area", "lobby", "--entity", "lock.front_door", *cfg]) == 0
    token = capsys.readouterr().out.strip()
    assert token.count(".") == 2  # a JWT

    manager = _load(config_dir)
    user = manager.get_user_by_name("cleaner")
    assert user is not None and user.role_ids == ("cleaner",)
    role = manager.get_role("cleaner")
    assert role is not None
    (policy,) = role.policies
    assert policy.windows[0].weekdays == frozenset(range(5))
    assert policy.expires_at is not None and policy.expires_at.year == 2027
    (stored,) = manager.list_refresh_tokens(user)
    assert stored.scope is not None and stored.scope.read_only
    assert stored.scope.areas == {"lobby"} and stored.scope.entity_ids == {"lock.front_door"}

    assert main(["token", "list", "cleaner", *cfg]) == 0
    line = capsys.readouterr().out
    assert "door tablet" in line and "read-only,area=lobby,entity=lock.front_door" in line
    assert main(["token", "revoke", stored.id, *cfg]) == 0
    assert main(["role", "delete", "cleaner", *cfg]) == 0
    manager = _load(config_dir)
    assert manager.list_refresh_tokens(user) == [] and manager.list_roles() == []
    assert manager.get_user(user.id).role_ids == ()  # type: ignore[union-attr]
