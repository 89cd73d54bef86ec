"""Start, stop and prepare the hubs the side-by-side benchmark measures (Bastion, Home Assistant).

Only our own shared scripts in ../shared/bench are called (make_ha_config.py, start_ha.sh,
ha_onboard.py); no Home Assistant code is copied. Every process started here is recorded by PID
and stopped by that PID (SIGTERM, SIGKILL after a deadline). Everything binds to 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BENCH_SHARED", ROOT.parent / "shared" / "bench"))
VENV_BIN = Path(sys.executable).parent
HA_VERSION = "2025.4.4"
HA_VENV = Path(os.environ.get("HA_VENV", "/tmp/anchors/ha-venv"))
HA_WHEELS = Path("/tmp/anchors/whl")
HA_PYTHON = os.environ.get("HA_BASE_PYTHON", "/root/.pyenv/versions/3.13.0/bin/python")
PASSWORD = "bench-password-not-secret"  # loopback-only throwaway owner of a scratch config


def log(msg: str) -> None:
    print(f"[run_all {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def make_config(python: str, config_dir: Path, automations: int, entities: int, port: int) -> None:
    """Write a configuration with the shared generator; `entities` extra helper entities."""
    half = entities // 2
    helpers = ["--input-booleans", str(max(10, half))]
    helpers += ["--input-numbers", str(max(10, entities - half))]
    subprocess.run(
        [python, str(SHARED / "make_ha_config.py"), "--config-dir", str(config_dir),
         "--automations", str(automations), "--port", str(port), *helpers],
        check=True, stdout=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip


def api_status(url: str, token: str | None) -> int | None:
    req = urllib.request.Request(f"{url}/api/")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=2) as r:
            return r.status
    except urllib.error.HTTPError as err:
        return err.code
    except (urllib.error.URLError, OSError):
        return None


def stop_pid(pid: int, timeout: float = 60.0) -> str:
    """SIGTERM the process we started, SIGKILL after `timeout`; returns what happened."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return "already gone"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                return "stopped"
        except ChildProcessError:  # not our child (started by a script): poll instead
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return "stopped"
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    return "killed"


@dataclass
class HubHandle:
    """A running hub under test."""

    name: str  # "bastion" | "home_assistant"
    url: str
    token_file: Path
    pid_file: Path
    config_dir: Path
    version: str
    start_cmd_template: str  # for the startup scenario ({n} -> automation count)
    startup_dir_template: str

    @property
    def pid(self) -> int:
        return int(self.pid_file.read_text().strip())


# -- Bastion -----------------------------------------------------------------------------------
def bastion_version() -> str:
    out = subprocess.run([str(VENV_BIN / "bastion"), "--version"], capture_output=True, text=True)
    rev = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    return f"{(out.stdout or out.stderr).strip()} (git {rev})"


def prepare_bastion(work: Path, automations: int, entities: int, port: int) -> HubHandle:
    """Generate the config, create an owner and a long-lived token with the CLI."""
    config = work / "bastion-config"
    if config.exists():
        shutil.rmtree(config)
    make_config(sys.executable, config, automations, entities, port)
    bastion = str(VENV_BIN / "bastion")
    subprocess.run(
        [bastion, "user", "add", "bench", "--role", "owner", "--password-stdin", "--config",
         str(config)],
        input=PASSWORD, text=True, check=True, stdout=subprocess.DEVNULL, timeout=60,
    )  # fmt: skip
    token = subprocess.run(
        [bastion, "token", "create", "bench", "--name", "hub_bench", "--config", str(config)],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    token_file = work / "bastion-token.txt"
    token_file.write_text(token)
    token_file.chmod(0o600)
    return HubHandle(
        name="bastion",
        url=f"http://127.0.0.1:{port}",
        token_file=token_file,
        pid_file=work / "bastion.pid",
        config_dir=config,
        version=bastion_version(),
        start_cmd_template=f"{bastion} run --config {work}/bastion-n{{n}}",
        startup_dir_template=str(work / "bastion-n{n}"),
    )


def start_bastion(hub: HubHandle, wait: float = 120.0) -> float:
    """Start `bastion run` in the background; returns seconds until /api/ answers 200."""
    token = hub.token_file.read_text().strip()
    if api_status(hub.url, None) is not None:
        raise RuntimeError(f"something already answers on {hub.url}")
    logf = open(hub.config_dir.parent / "bastion.log", "ab")
    t0 = time.monotonic()
    proc = subprocess.Popen(
        [str(VENV_BIN / "bastion"), "run", "--config", str(hub.config_dir)],
        stdout=logf, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    hub.pid_file.write_text(str(proc.pid))
    while time.monotonic() - t0 < wait:
        if proc.poll() is not None:
            raise RuntimeError(f"bastion exited with {proc.returncode}; see bastion.log")
        if api_status(hub.url, token) == 200:
            return time.monotonic() - t0
        time.sleep(0.05)
    stop_pid(proc.pid)
    raise RuntimeError("bastion did not answer in time")


def stop_bastion(hub: HubHandle) -> None:
    if hub.pid_file.exists():
        log(f"stopping bastion pid {hub.pid}: {stop_pid(hub.pid)}")
        hub.pid_file.unlink()


# -- Home Assistant ----------------------------------------------------------------------------
def ha_available() -> bool:
    return (HA_VENV / "bin" / "hass").exists()


def install_ha() -> None:
    """Create the Home Assistant venv the way ../shared/bench/README.md describes (~4 min)."""
    log(f"installing homeassistant=={HA_VERSION} into {HA_VENV} (takes minutes)")
    pip = [str(HA_VENV / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run([HA_PYTHON, "-m", "venv", str(HA_VENV)], check=True, timeout=300)
    subprocess.run([*pip, "-U", "pip", "wheel"], check=True, timeout=600)
    HA_WHEELS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(HA_VENV / "bin" / "pip"), "download", "-q", "--no-deps",
         f"homeassistant=={HA_VERSION}", "-d", str(HA_WHEELS)],
        check=True, timeout=600,
    )  # fmt: skip
    wheel = HA_WHEELS / f"homeassistant-{HA_VERSION}-py3-none-any.whl"
    constraints = HA_WHEELS / "package_constraints.txt"
    with zipfile.ZipFile(wheel) as z:
        constraints.write_bytes(z.read("homeassistant/package_constraints.txt"))
    subprocess.run([*pip, "-c", str(constraints), str(wheel)], check=True, timeout=1800)
    subprocess.run(
        [*pip, "-c", str(constraints), "home-assistant-frontend==20250411.0", "isal==1.7.1"],
        check=True, timeout=600,
    )  # fmt: skip


def _ha_env(work: Path, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "HA_VENV": str(HA_VENV),
        "HA_CONFIG": str(work / "ha-config"),
        "HA_DIR": str(work / "ha"),
        "HA_URL": f"http://127.0.0.1:{port}",
    }


def prepare_ha(work: Path, automations: int, entities: int, port: int) -> HubHandle:
    """Generate the config, start HA once, onboard an owner and a long-lived token."""
    config, ha_dir = work / "ha-config", work / "ha"
    for d in (config, ha_dir):
        if d.exists():
            shutil.rmtree(d)
    ha_dir.mkdir(parents=True)
    python = str(HA_VENV / "bin" / "python")
    make_config(python, config, automations, entities, port)
    hub = HubHandle(
        name="home_assistant",
        url=f"http://127.0.0.1:{port}",
        token_file=ha_dir / "token.txt",
        pid_file=ha_dir / "ha.pid",
        config_dir=config,
        version=HA_VERSION,
        start_cmd_template=f"{HA_VENV}/bin/hass -c {work}/ha-n{{n}}",
        startup_dir_template=str(work / "ha-n{n}"),
    )
    start_ha(hub, work)
    subprocess.run(
        [python, str(SHARED / "ha_onboard.py"), "--url", hub.url, "--token-file",
         str(hub.token_file)],
        check=True, stdout=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip
    stop_ha(hub, work)  # measured starts begin from a stopped hub
    return hub


def start_ha(hub: HubHandle, work: Path) -> float:
    t0 = time.monotonic()
    port = int(hub.url.rsplit(":", 1)[1])
    subprocess.run(
        [str(SHARED / "start_ha.sh")], env=_ha_env(work, port), check=True, timeout=660,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.monotonic() - t0


def stop_ha(hub: HubHandle, work: Path) -> None:
    port = int(hub.url.rsplit(":", 1)[1])
    subprocess.run(
        [str(SHARED / "start_ha.sh"), "stop"], env=_ha_env(work, port), timeout=120,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    log("stopped home assistant")


def prepare_startup_dirs(hub: HubHandle, ns: list[int], entities: int, port: int) -> None:
    """One config dir per automation count, sharing the main config's auth (same token)."""
    python = sys.executable if hub.name == "bastion" else str(HA_VENV / "bin" / "python")
    for n in ns:
        d = Path(hub.startup_dir_template.replace("{n}", str(n)))
        if d.exists():
            shutil.rmtree(d)
        make_config(python, d, n, entities, port)
        storage = d / ".storage"
        storage.mkdir(exist_ok=True)
        for f in (hub.config_dir / ".storage").iterdir():
            if f.name.startswith("auth") or f.name in ("onboarding", "person", "core.uuid"):
                shutil.copy2(f, storage / f.name)
