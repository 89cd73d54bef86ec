"""The `bastion` command line, run as a real subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hub.auth.manager import AuthManager
from tests.conftest import write_config

BASTION = [sys.executable, "-m", "hub"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BASTION, *args], input=stdin, capture_output=True, text=True, timeout=60, check=False
    )


def test_check_config_reports_file_and_line(config_dir: Path) -> None:
    write_config(
        config_dir,
        """
        homeassistant:
          name: Office
          unit_system: imperial_furlongs
        not_an_integration:
        """,
    )
    result = run("check-config", "--config", str(config_dir))
    assert result.returncode == 1
    assert "configuration.yaml:4" in result.stdout and "unit_system" in result.stdout
    assert "not_an_integration" in result.stdout


def test_check_config_valid(config_dir: Path) -> None:
    write_config(config_dir, "homeassistant:\n  name: Office\n")
    result = run("check-config", "--config", str(config_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


async def test_user_add_and_token_create_print_only_the_token(config_dir: Path) -> None:
    added = run(
        "user",
        "add",
        "alice",
        "--role",
        "owner",
        "--password-stdin",
        "--config",
        str(config_dir),
        stdin="a long enough password\n",
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout == ""
    created = run("token", "create", "alice", "--name", "script", "--config", str(config_dir))
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert created.stdout.count("\n") == 1 and token.count(".") == 2
    manager = AuthManager(config_dir)
    await manager.load()
    found = await manager.validate_access_token(token)
    assert found is not None and found[0].username == "alice"
    assert "a long enough password" not in (config_dir / ".storage" / "auth").read_text()


def test_bad_password_and_unknown_user_fail_clearly(config_dir: Path) -> None:
    weak = run("user", "add", "bob", "--password-stdin", "--config", str(config_dir), stdin="x\n")
    assert weak.returncode == 1 and "at least" in weak.stderr
    missing = run("token", "create", "nobody", "--name", "n", "--config", str(config_dir))
    assert missing.returncode == 1 and "No user named 'nobody'" in missing.stderr


async def test_backup_and_restore_round_trip(config_dir: Path, tmp_path: Path) -> None:
    import sqlite3

    write_config(config_dir, "homeassistant:\n  name: Office\nrecorder:\n")
    db = sqlite3.connect(config_dir / "bastion.db")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE t (v TEXT)")
    db.execute("INSERT INTO t VALUES ('kept')")
    db.commit()  # left open on purpose: the backup must be consistent while in use
    (config_dir / ".storage").mkdir()
    (config_dir / ".storage" / "core.area_registry").write_text('{"version": 1}')
    archive = tmp_path / "backups" / "b.tar.gz"
    made = run("backup", "--config", str(config_dir), "--output", str(archive))
    db.close()
    assert made.returncode == 0, made.stderr
    assert "bastion.db" in made.stdout
    assert archive.stat().st_mode & 0o077 == 0  # credentials inside: owner-only
    target = tmp_path / "restored"
    restored = run("restore", str(archive), "--config", str(target))
    assert restored.returncode == 0, restored.stderr
    assert (target / ".storage" / "core.area_registry").read_text() == '{"version": 1}'
    copy = sqlite3.connect(target / "bastion.db")
    assert copy.execute("SELECT v FROM t").fetchall() == [("kept",)]
    copy.close()
    again = run("restore", str(archive), "--config", str(target))
    assert again.returncode == 1 and "--force" in again.stderr
    forced = run("restore", str(archive), "--config", str(target), "--force")
    assert forced.returncode == 0 and "kept as" in forced.stdout


def test_restore_refuses_garbage(tmp_path: Path) -> None:
    bogus = tmp_path / "x.tar.gz"
    bogus.write_bytes(b"not a tarball")
    result = run("restore", str(bogus), "--config", str(tmp_path / "c"))
    assert result.returncode == 1 and "not a readable backup" in result.stderr


def test_check_config_reports_invalid_automations_and_scripts(config_dir: Path) -> None:
    write_config(config_dir, "homeassistant:\n  name: Office\nscript: !include scripts.yaml\n")
    write_config(
        config_dir,
        """
        - id: good
          triggers:
            - trigger: state
              entity_id: binary_sensor.door
          actions:
            - action: light.turn_on
        - id: bad
          triggers:
            - trigger: state
              entity_id: Not An Entity
          actions: []
        """,
        "automations.yaml",
    )
    write_config(config_dir, "broken:\n  sequence:\n    - delay: forever\n", "scripts.yaml")
    result = run("check-config", "--config", str(config_dir))
    assert result.returncode == 1
    auto_lines = (config_dir / "automations.yaml").read_text().splitlines()
    bad_line = auto_lines.index("      entity_id: Not An Entity") + 1
    assert f"automations.yaml:{bad_line}: automation[1]" in result.stdout
    assert "scripts.yaml:3: script.broken" in result.stdout and "delay" in result.stdout
    assert result.stdout.count("\n") == 2, result.stdout


def test_builtin_commands_do_not_import_cli_extensions(config_dir: Path) -> None:
    """`bastion run`/`check-config` skip entry-point plugins (the ESPHome simulator's imports
    cost ~130 ms of start time and ~11 MiB); `simulate` still finds its plugin."""
    write_config(config_dir, "homeassistant:\n  name: Office\n")
    probe = (
        "import sys; from hub.cli import main; "
        f"code = main(['check-config', '--config', {str(config_dir)!r}]); "
        "print(code, 'integrations.esphome' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout.split()[-2:] == ["0", "False"], result.stdout + result.stderr
    simulate = run("simulate", "esphome", "--help")
    assert simulate.returncode == 0 and "--config" in simulate.stdout
