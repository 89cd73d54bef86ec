"""Build real ESPHome firmware for the `host` platform (native Linux binary) with plain g++.

PlatformIO cannot download its native platform here, so: `esphome compile --only-generate`
writes the C++ tree, g++ compiles it. The esphome tool lives in its own venv
(`$BASTION_CACHE_DIR/esphome-venv`, it pins an older aioesphomeapi) and binaries are cached under
`$BASTION_CACHE_DIR/esphome-fw/<hash of YAML + tool versions>/firmware`. The cache lives outside
the checkout (default `~/.cache/bastion`) so fresh clones on the same machine (CI) reuse it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("BASTION_CACHE_DIR") or Path.home() / ".cache" / "bastion")
VENV = CACHE / "esphome-venv"
ESPHOME = VENV / "bin" / "esphome"
INSTALL_TIMEOUT = 600
GENERATE_TIMEOUT = 120
COMPILE_TIMEOUT = 900
CXXFLAGS = [
    "-std=gnu++20",
    "-DUSE_HOST",
    "-DESPHOME_LOG_LEVEL=ESPHOME_LOG_LEVEL_DEBUG",
    "-DHAVE_INLINE_ASM=1",
    "-DHAVE_WEAK_SYMBOLS=1",
    "-fno-exceptions",
    "-O1",
    "-Isrc",
]
# The host platform listens on every interface; tests bind only loopback.
LOOPBACK_PATCH = (
    "src/esphome/components/socket/socket.cpp",
    "server->sin_addr.s_addr = ESPHOME_INADDR_ANY;",
    "server->sin_addr.s_addr = htonl(INADDR_LOOPBACK);",
)


class BuildError(Exception):
    """The firmware could not be built; the message says which step failed."""


def _run(cmd: list[str], cwd: Path, timeout: float, step: str) -> str:
    try:
        done = subprocess.run(
            cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise BuildError(f"{step}: {err}") from err
    if done.returncode != 0:
        raise BuildError(f"{step} failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def ensure_esphome() -> str:
    """Install the esphome tool into its own venv if needed; returns its version."""
    if not ESPHOME.exists():
        _run([sys.executable, "-m", "venv", str(VENV)], ROOT, INSTALL_TIMEOUT, "venv")
        _run(
            [str(VENV / "bin" / "pip"), "install", "-q", "esphome"],
            ROOT,
            INSTALL_TIMEOUT,
            "pip install esphome",
        )
    return _run([str(ESPHOME), "version"], ROOT, GENERATE_TIMEOUT, "esphome version").strip()


def build_firmware(yaml_text: str, name: str) -> Path:
    """The path of a native binary for this device YAML (built once, then cached)."""
    version = ensure_esphome()
    compiler = shutil.which("g++")
    if compiler is None:
        raise BuildError("g++ is not installed")
    gxx = _run([compiler, "--version"], ROOT, 30, "g++ --version").splitlines()[0]
    digest = hashlib.sha256(
        "\n".join((yaml_text, version, gxx, " ".join(CXXFLAGS), *LOOPBACK_PATCH)).encode()
    ).hexdigest()[:16]
    out_dir = CACHE / "esphome-fw" / digest
    binary = out_dir / "firmware"
    if binary.exists():
        return binary
    work = out_dir / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    (work / "device.yaml").write_text(yaml_text, encoding="utf-8")
    _run(
        [str(ESPHOME), "compile", "--only-generate", "device.yaml"],
        work,
        GENERATE_TIMEOUT,
        "esphome compile --only-generate",
    )
    tree = work / ".esphome" / "build" / name
    path, old, new = LOOPBACK_PATCH
    source = (tree / path).read_text(encoding="utf-8")
    if old not in source:
        raise BuildError(f"cannot patch {path} to bind loopback (ESPHome changed it)")
    (tree / path).write_text(source.replace(old, new), encoding="utf-8")
    objects = _compile_all(tree)
    _run(
        [compiler, *map(str, objects), "-o", str(binary) + ".tmp", "-lpthread"],
        tree,
        COMPILE_TIMEOUT,
        "link",
    )
    os.replace(str(binary) + ".tmp", binary)
    shutil.rmtree(work, ignore_errors=True)
    return binary


def _compile_all(tree: Path) -> list[Path]:
    sources = sorted((tree / "src").rglob("*.cpp"))
    objects = [tree / "obj" / (str(s.relative_to(tree)).replace("/", "_") + ".o") for s in sources]
    (tree / "obj").mkdir(exist_ok=True)
    jobs = max(1, min(2, os.cpu_count() or 1))
    pending = list(zip(sources, objects, strict=True))
    running: list[tuple[subprocess.Popen[bytes], Path]] = []
    while pending or running:
        while pending and len(running) < jobs:
            src, obj = pending.pop()
            cmd = ["g++", *CXXFLAGS, "-c", str(src.relative_to(tree)), "-o", str(obj)]
            running.append((subprocess.Popen(cmd, cwd=tree, stderr=subprocess.PIPE), src))
        proc, src = running.pop(0)
        try:
            _, err = proc.communicate(timeout=COMPILE_TIMEOUT)
        except subprocess.TimeoutExpired as exc:
            proc.kill()
            raise BuildError(f"compiling {src.name} timed out") from exc
        if proc.returncode != 0:
            raise BuildError(f"compiling {src.name} failed: {err.decode()[-2000:]}")
    return objects
