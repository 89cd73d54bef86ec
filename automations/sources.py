"""Where automation/script YAML comes from, and per-item validation with file:line errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import voluptuous as vol

from hub.config.core import config_for_domain, load_configuration
from hub.config.errors import ConfigError, from_invalid
from hub.config.nodes import contains_unresolved, position_of
from hub.config.yaml_loader import load_yaml

FILES = {"automation": "automations.yaml", "script": "scripts.yaml"}


def _items(value: Any, domain: str) -> list[Any]:
    if value is None:
        return []
    if domain == "automation":
        return list(value) if isinstance(value, list) else [value]
    return [value]


def collect(config_dir: Path, domain: str) -> tuple[list[Any], list[ConfigError]]:
    """Every raw block of `domain` in configuration.yaml (+ its UI file if not included).

    For automations the result is a list of items; for scripts a list of {name: body} maps.
    """
    loaded = load_configuration(config_dir)
    errors = [e for e in loaded.errors if e.file == FILES[domain] or e.domain == domain]
    blocks = config_for_domain(loaded.raw, domain)
    items: list[Any] = []
    for _key, value in blocks:
        items.extend(_items(value, domain))
    path = config_dir / FILES[domain]
    if not blocks and path.exists():
        try:
            items.extend(_items(load_yaml(path, config_dir), domain))
        except ConfigError as err:
            errors.append(err)
    return items, errors


def validate_item(
    raw: Any, validator: Callable[[Any], dict[str, Any]], domain: str, label: str
) -> tuple[dict[str, Any] | None, list[ConfigError]]:
    """Validate one item; errors carry the file and line where the item was written."""
    file, line = position_of(raw)
    if contains_unresolved(raw):
        return None, [
            ConfigError(
                "not loaded because an !include, !secret or !env_var in it failed",
                file=file,
                line=line,
                path=(label,),
                domain=domain,
            )
        ]
    try:
        return validator(raw), []
    except vol.Invalid as err:
        errors = from_invalid(err, raw, domain, key=label)
    except ConfigError as err:
        return None, [err]
    fixed = []
    for error in errors:
        if error.file is None and file is not None:
            error = ConfigError(error.message, file=file, line=line, path=error.path, domain=domain)
        fixed.append(error)
    return None, fixed
