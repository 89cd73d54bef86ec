"""YAML values that remember where they came from (file and line), plus tag result types."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

Position = tuple[str | None, int | None]
NO_POSITION: Position = (None, None)


class NodeStr(str):
    """A string loaded from YAML; `.file` is relative to the config dir, `.line` is 1-based."""

    file: str | None = None
    line: int | None = None


class SecretStr(NodeStr):
    """A string that came from `!secret` or `!env_var`; its repr never shows the value."""

    def __repr__(self) -> str:
        return "'**redacted**'"


class NodeList(list):
    """A YAML sequence with its position."""

    __slots__ = ("file", "line")

    def __init__(self, items: Any = (), file: str | None = None, line: int | None = None) -> None:
        super().__init__(items)
        self.file = file
        self.line = line


class NodeDict(dict):
    """A YAML mapping with its position and the position of each key."""

    __slots__ = ("file", "line", "positions")

    def __init__(self, items: Any = (), file: str | None = None, line: int | None = None) -> None:
        super().__init__(items)
        self.file = file
        self.line = line
        self.positions: dict[Any, Position] = {}

    def position(self, key: Any) -> Position:
        """Where `key` was written, falling back to the mapping's own position."""
        return self.positions.get(key) or (self.file, self.line)


@dataclass(frozen=True, slots=True)
class Input:
    """A blueprint `!input name` placeholder; the automation engine substitutes it."""

    name: str


@dataclass(frozen=True, slots=True)
class Unresolved:
    """Stands where a tag (include, secret, ...) failed; the error is already recorded."""

    file: str | None
    line: int | None


def position_of(value: Any) -> Position:
    """The position carried by a loaded value, or (None, None)."""
    if isinstance(value, (NodeStr, NodeList, NodeDict)):
        return (value.file, value.line)
    if isinstance(value, Unresolved):
        return (value.file, value.line)
    return NO_POSITION


def contains_unresolved(value: Any) -> bool:
    """True if any nested value is an Unresolved placeholder."""
    if isinstance(value, Unresolved):
        return True
    if isinstance(value, dict):
        return any(contains_unresolved(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_unresolved(v) for v in value)
    return False


def compact(value: Any) -> Any:
    """Plain copy of a loaded value to keep for the hub's lifetime: positions dropped, strings
    interned (a position-carrying string costs ~150 bytes more), `!secret` strings kept as
    `SecretStr` so they still never show in a repr. Other objects are shared, not copied."""
    if isinstance(value, SecretStr):
        return value
    if isinstance(value, str):
        return sys.intern(str(value))
    if isinstance(value, dict):
        return {compact(k): compact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [compact(v) for v in value]
    return value


def strip_positions(value: Any) -> Any:
    """Plain dict/list/str copy of a loaded value (for JSON or equality with plain data)."""
    if isinstance(value, dict):
        return {strip_positions(k): strip_positions(v) for k, v in value.items()}
    if isinstance(value, list):
        return [strip_positions(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value
