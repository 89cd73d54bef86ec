"""scripts/demo_secrets.py (run by `make run`): fresh valid secrets, printed once, never
overwritten; the per-checkout ESPHome demo device; nothing usable in the example."""

from __future__ import annotations

import base64
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
import voluptuous as vol
import yaml

from integrations.alarm.schema import CODE_SCHEMA
from integrations.esphome.config import noise_psk
from integrations.esphome.simulator.config_file import load_device
from tests.demo.example import EXAMPLE, ROOT, demo_secrets


@pytest.fixture
def example_dir(config_dir: Path) -> Path:
    shutil.copy(EXAMPLE / "secrets.example.yaml", config_dir / "secrets.example.yaml")
    return config_dir


def load(path: Path) -> dict[str, str]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_generated_values_are_valid(example_dir: Path) -> None:
    outcome = demo_secrets().ensure_secrets(example_dir)
    assert outcome.created
    path = example_dir / "secrets.yaml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    values = load(path)
    assert values == dict(outcome.values)
    for key in ("alarm_owner_code", "alarm_owner_duress_code"):
        assert re.fullmatch(r"[1-9]\d{5}", values[key]), key
    assert values["alarm_owner_code"] != values["alarm_owner_duress_code"]
    CODE_SCHEMA(
        {
            "name": "Owner",
            "code": values["alarm_owner_code"],
            "duress_code": values["alarm_owner_duress_code"],
        }
    )
    assert re.fullmatch(r"([0-9A-F]{2}:){3}[0-9A-F]{2}", values["alarm_owner_badge"])
    assert noise_psk(values["demo_esphome_key"]) == values["demo_esphome_key"]
    assert len(base64.b64decode(values["demo_esphome_key"])) == 32
    for key in ("demo_device_lock_code", "demo_device_keypad_code"):
        assert re.fullmatch(r"[1-9]\d{3}", values[key]), key
    # a key the generator does not know (the SMTP password) is left for the user, unset
    assert "smtp_password" not in values and outcome.unset == ("smtp_password",)
    assert "# smtp_password:" in path.read_text(encoding="utf-8")


def test_every_run_generates_new_values(tmp_path: Path) -> None:
    seen = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(EXAMPLE / "secrets.example.yaml", folder / "secrets.example.yaml")
        seen.append(demo_secrets().ensure_secrets(folder).values)
    assert seen[0]["demo_esphome_key"] != seen[1]["demo_esphome_key"]
    assert seen[0]["alarm_owner_badge"] != seen[1]["alarm_owner_badge"]


def test_never_overwrites(example_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = 'alarm_owner_code: "my own code"\n'
    (example_dir / "secrets.yaml").write_text(mine, encoding="utf-8")
    assert demo_secrets().main(["--config", str(example_dir)]) == 0
    assert (example_dir / "secrets.yaml").read_text(encoding="utf-8") == mine
    assert capsys.readouterr().out == ""  # nothing generated, nothing printed
    # no key: no device file (the simulator is then simply not started)
    assert not (example_dir / ".demo" / "esphome_device.yaml").exists()


def test_codes_are_printed_once(example_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    module = demo_secrets()
    assert module.main(["--config", str(example_dir)]) == 0
    first = capsys.readouterr().out
    values = load(example_dir / "secrets.yaml")
    for key in ("alarm_owner_code", "alarm_owner_duress_code", "alarm_owner_badge"):
        assert values[key] in first
    assert values["demo_esphome_key"] not in first
    assert "Change them" in first and str(example_dir / "secrets.yaml") in first
    before = (example_dir / "secrets.yaml").read_bytes()
    assert module.main(["--config", str(example_dir)]) == 0
    assert capsys.readouterr().out == ""
    assert (example_dir / "secrets.yaml").read_bytes() == before


def test_demo_device_uses_this_checkouts_key_and_codes(example_dir: Path) -> None:
    module = demo_secrets()
    assert module.main(["--config", str(example_dir)]) == 0
    values = load(example_dir / "secrets.yaml")
    path = example_dir / ".demo" / "esphome_device.yaml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    device = load_device(path)
    assert device.config.encryption_key == values["demo_esphome_key"]
    assert (device.config.host, device.config.port) == ("127.0.0.1", 6053)
    codes = {e["id"]: e.get("code") for e in device.config.entities if "code" in e}
    assert codes == {
        "door_lock": values["demo_device_lock_code"],
        "keypad": values["demo_device_keypad_code"],
    }
    template = yaml.safe_load(module.DEVICE_TEMPLATE.read_text(encoding="utf-8"))
    assert template["encryption_key"] != values["demo_esphome_key"]


def test_example_holds_no_usable_values() -> None:
    example = load(EXAMPLE / "secrets.example.yaml")
    assert set(demo_secrets().GENERATORS) <= set(example)
    for key in ("alarm_owner_code", "alarm_owner_duress_code"):
        with pytest.raises(vol.Invalid):
            CODE_SCHEMA({"name": "x", "code": example[key]})
    with pytest.raises(vol.Invalid):
        noise_psk(example["demo_esphome_key"])
    # every secret configuration.yaml refers to is listed in the example
    used = re.findall(r"!secret (\w+)", (EXAMPLE / "configuration.yaml").read_text("utf-8"))
    assert set(used) <= set(example)


def test_secrets_are_gitignored() -> None:
    for path in ("config/secrets.yaml", "config/.demo/esphome_device.yaml"):
        result = subprocess.run(
            ["git", "check-ignore", "-q", path], cwd=ROOT, timeout=20, check=False
        )
        assert result.returncode == 0, f"{path} is not ignored by git"
