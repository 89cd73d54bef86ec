"""Merging `homeassistant: packages:` into the main configuration (Home Assistant rules).

Lists are concatenated (a single mapping counts as a one-item list), mappings are merged
recursively, the same scalar twice is fine, a conflicting scalar is a ConfigError and that
package's block for the domain is skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import ConfigError
from .nodes import NodeDict, NodeList, Position, Unresolved, position_of

PACKAGE_KEY = "packages"


class _Conflict(Exception):
    def __init__(self, path: tuple[Any, ...], new: Position, old: Position) -> None:
        super().__init__("conflict")
        self.path = path
        self.new = new
        self.old = old


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _merge(old: Any, new: Any, path: tuple[Any, ...], new_pos: Position, old_pos: Position) -> Any:
    if new is None:
        return old
    if old is None:
        return new
    if isinstance(old, list) or isinstance(new, list):
        file, line = position_of(old)
        return NodeList(_as_list(old) + _as_list(new), file, line)
    if isinstance(old, dict) and isinstance(new, dict):
        file, line = position_of(old)
        merged = NodeDict(old, file, line)
        if isinstance(old, NodeDict):
            merged.positions.update(old.positions)
        for key, value in new.items():
            key_pos = new.position(key) if isinstance(new, NodeDict) else new_pos
            if key in merged:
                old_key_pos = merged.position(key)
                merged[key] = _merge(merged[key], value, (*path, key), key_pos, old_key_pos)
            else:
                merged[key] = value
                merged.positions[key] = key_pos
        return merged
    if isinstance(old, dict) or isinstance(new, dict) or old != new:
        raise _Conflict(path, new_pos, old_pos)
    return old


def merge_packages(
    raw: NodeDict, packages: Any, packages_pos: Position, errors: list[ConfigError]
) -> NodeDict:
    """Return a new top-level config with every package merged in; problems go to `errors`."""
    result = NodeDict(raw, raw.file, raw.line)
    result.positions.update(raw.positions)
    if packages is None or isinstance(packages, Unresolved):
        return result
    if not isinstance(packages, Mapping):
        errors.append(
            ConfigError(
                "packages must be a mapping of package name to configuration",
                file=packages_pos[0],
                line=packages_pos[1],
                path=("homeassistant", PACKAGE_KEY),
            )
        )
        return result
    for name, package in packages.items():
        name_pos = packages.position(name) if isinstance(packages, NodeDict) else packages_pos
        where = ("homeassistant", PACKAGE_KEY, name)
        if package is None or isinstance(package, Unresolved):
            continue
        if not isinstance(package, Mapping) or not isinstance(name, str):
            errors.append(
                ConfigError(
                    "a package must be a mapping of domain to configuration",
                    file=name_pos[0],
                    line=name_pos[1],
                    path=where,
                )
            )
            continue
        for key, value in package.items():
            key_pos = package.position(key) if isinstance(package, NodeDict) else name_pos
            if isinstance(value, Unresolved):
                continue
            if not isinstance(key, str):
                errors.append(
                    ConfigError("domain key must be a string", file=key_pos[0], line=key_pos[1])
                )
                continue
            if key not in result:
                result[key] = value
                result.positions[key] = key_pos
                continue
            try:
                result[key] = _merge(result[key], value, (key,), key_pos, result.position(key))
            except _Conflict as conflict:
                old_file, old_line = conflict.old
                errors.append(
                    ConfigError(
                        f"package {name!r} sets a value that conflicts with "
                        f"{old_file}:{old_line}; this package's {key!r} block is ignored",
                        file=conflict.new[0],
                        line=conflict.new[1],
                        path=(*where, *conflict.path),
                        domain=key.partition(" ")[0],
                    )
                )
    return result
