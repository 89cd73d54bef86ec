"""A copy of the example configuration (config/) with secrets made by `make run`'s generator."""

from __future__ import annotations

import importlib.util
import re
import shutil
import socket
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "config"
SCRIPT = ROOT / "scripts" / "demo_secrets.py"


def demo_secrets() -> ModuleType:
    """scripts/demo_secrets.py as a module (it is a script, not part of a package)."""
    module = sys.modules.get("demo_secrets")
    if module is None:
        spec = importlib.util.spec_from_file_location("demo_secrets", SCRIPT)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["demo_secrets"] = module
        spec.loader.exec_module(module)
    return module


def free_port() -> int:
    """A TCP port on 127.0.0.1 nothing listens on (just released by the kernel)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def copy_example(config_dir: Path, *, esphome_port: int | None = None) -> None:
    """Copy config/'s YAML files, generate secrets.yaml and the demo device exactly as
    `make run` does, and move the HTTP server and the ESPHome device to free ports."""
    for path in EXAMPLE.glob("*.yaml"):
        if path.name != "secrets.yaml":
            shutil.copy(path, config_dir / path.name)
    assert demo_secrets().main(["--config", str(config_dir)]) == 0
    main = config_dir / "configuration.yaml"
    text = main.read_text(encoding="utf-8").replace("server_port: 8123", "server_port: 0")
    port = free_port() if esphome_port is None else esphome_port
    text, count = re.subn(r"(?m)^(      port:) 6053$", rf"\1 {port}", text)
    assert count == 1, "the esphome device entry in config/configuration.yaml moved"
    main.write_text(text, encoding="utf-8")
