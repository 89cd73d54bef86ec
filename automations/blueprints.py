"""Blueprints: `blueprint:` metadata with inputs, `!input` substitution, shipped examples."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import voluptuous as vol

from hub.config.errors import ConfigError
from hub.config.nodes import Input
from hub.config.yaml_loader import load_yaml

BLUEPRINT_DIR = "blueprints"
SHIPPED = Path(__file__).parent / "blueprint_files"


def install_shipped(config_dir: Path) -> list[Path]:
    """Copy the shipped blueprints into `<config>/blueprints/` where they are absent."""
    copied = []
    for source in SHIPPED.rglob("*.yaml"):
        target = config_dir / BLUEPRINT_DIR / source.relative_to(SHIPPED)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            copied.append(target)
    return copied


def blueprint_path(config_dir: Path, domain: str, path: str) -> Path:
    """The file for `use_blueprint: path:`; refuses paths that leave the blueprint folder."""
    base = (config_dir / BLUEPRINT_DIR / domain).resolve()
    target = (base / path).resolve()
    if not target.is_relative_to(base):
        raise vol.Invalid(f"blueprint path {path!r} leaves {BLUEPRINT_DIR}/{domain}")
    if not target.exists():
        shipped = (SHIPPED / domain / path).resolve()
        if shipped.is_relative_to(SHIPPED.resolve()) and shipped.exists():
            return shipped
        raise vol.Invalid(f"blueprint {BLUEPRINT_DIR}/{domain}/{path} not found")
    return target


def load_blueprint(config_dir: Path, domain: str, path: str) -> dict[str, Any]:
    file = blueprint_path(config_dir, domain, path)
    try:
        data = load_yaml(file, config_dir if file.is_relative_to(config_dir) else file.parent)
    except ConfigError as err:
        raise vol.Invalid(f"blueprint {path} cannot be read: {err}") from None
    if not isinstance(data, Mapping) or not isinstance(data.get("blueprint"), Mapping):
        raise vol.Invalid(f"{path} is not a blueprint (no 'blueprint:' section)")
    meta = data["blueprint"]
    if meta.get("domain", domain) != domain:
        raise vol.Invalid(f"blueprint {path} is for {meta.get('domain')}, not {domain}")
    return dict(data)


def input_specs(meta: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """Input definitions by name (sections, which nest `input:`, are flattened)."""
    specs: dict[str, Mapping[str, Any]] = {}
    for name, spec in (meta.get("input") or {}).items():
        spec = spec or {}
        if isinstance(spec, Mapping) and isinstance(spec.get("input"), Mapping):
            specs.update(input_specs(spec))
        else:
            specs[str(name)] = spec
    return specs


def _replace(value: Any, inputs: Mapping[str, Any]) -> Any:
    if isinstance(value, Input):
        if value.name not in inputs:
            raise vol.Invalid(f"blueprint uses undefined input {value.name!r}")
        return inputs[value.name]
    if isinstance(value, Mapping):
        return {k: _replace(v, inputs) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, inputs) for v in value]
    return value


def substitute(config_dir: Path, domain: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The automation/script body a `use_blueprint:` item stands for."""
    use = raw["use_blueprint"]
    if not isinstance(use, Mapping) or "path" not in use:
        raise vol.Invalid("use_blueprint needs 'path'", path=["use_blueprint"])
    blueprint = load_blueprint(config_dir, domain, str(use["path"]))
    given = dict(use.get("input") or {})
    resolved: dict[str, Any] = {}
    for name, spec in input_specs(blueprint["blueprint"]).items():
        if name in given:
            resolved[name] = given.pop(name)
        elif isinstance(spec, Mapping) and "default" in spec:
            resolved[name] = spec["default"]
        else:
            raise vol.Invalid(f"missing input {name!r}", path=["use_blueprint", "input"])
    if given:
        raise vol.Invalid(f"unknown input(s) {', '.join(sorted(given))}")
    body = {k: v for k, v in blueprint.items() if k != "blueprint"}
    body = _replace(body, resolved)
    for key, value in raw.items():
        if key != "use_blueprint":
            body[key] = value
    body.setdefault("alias", blueprint["blueprint"].get("name"))
    return body
