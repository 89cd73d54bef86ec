"""ConfigError: a configuration problem with the file, line and key path where it was written."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

import voluptuous as vol

from hub.errors import ValidationError

from .nodes import NodeDict, NodeStr, SecretStr, position_of

REDACTED = "**redacted**"
# Secrets shorter than this are not scrubbed out of free text (they would mangle every message).
MIN_REDACT_LENGTH = 3
MAX_SHOWN_VALUE = 80


class ConfigError(ValidationError):
    """One configuration error; `str()` reads `file:line: a -> b -> c: message`."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        path: Iterable[Any] = (),
        domain: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.path: tuple[Any, ...] = tuple(path)
        self.domain = domain
        super().__init__(self.__str__())

    def location(self) -> str:
        """`file:line[:column]`, or just the file, or an empty string."""
        if self.file is None:
            return ""
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"

    def __str__(self) -> str:
        parts = []
        location = self.location()
        if location:
            parts.append(location)
        if self.path:
            parts.append(" -> ".join(str(p) for p in self.path))
        parts.append(self.message)
        return ": ".join(parts)

    def __repr__(self) -> str:
        return f"ConfigError({self.__str__()!r})"


def redact(text: str, secrets: Collection[str]) -> str:
    """`text` with every known secret value of useful length replaced."""
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= MIN_REDACT_LENGTH and secret in text:
            text = text.replace(secret, REDACTED)
    return text


def _plain_key(element: Any) -> Any:
    # voluptuous puts Required/Optional markers in the path for missing keys.
    if isinstance(element, vol.Marker):
        return element.schema
    return element


def _walk(config: Any, path: Iterable[Any]) -> tuple[tuple[str | None, int | None], Any, bool]:
    """Follow `path` through loaded nodes: closest known position, value, whether it was reached."""
    best = position_of(config)
    node = config
    for raw in path:
        element = _plain_key(raw)
        if isinstance(node, dict):
            try:
                found = element in node
            except TypeError:
                found = False
            if not found:
                return best, node, False
            if isinstance(node, NodeDict):
                best = _prefer(node.position(element), best)
            node = node[element]
            if isinstance(node, NodeStr):
                best = _prefer(position_of(node), best)
        elif isinstance(node, list) and isinstance(element, int) and 0 <= element < len(node):
            node = node[element]
            best = _prefer(position_of(node), best)
        else:
            return best, node, False
    return best, node, True


def _prefer(
    new: tuple[str | None, int | None], old: tuple[str | None, int | None]
) -> tuple[str | None, int | None]:
    return new if new[0] is not None else old


def locate(config: Any, path: Iterable[Any]) -> tuple[str | None, int | None]:
    """The closest file and line for `path` inside a loaded value."""
    return _walk(config, path)[0]


def _describe(value: Any, secrets: Collection[str]) -> str:
    if isinstance(value, SecretStr) or isinstance(value, (dict, list)):
        return ""
    if value is None or isinstance(value, (bool, int, float, str)):
        shown = repr(str(value) if isinstance(value, str) else value)
        if isinstance(value, str) and str(value) in secrets:
            return ""
        if len(shown) > MAX_SHOWN_VALUE:
            shown = shown[: MAX_SHOWN_VALUE - 3] + "..."
        return f" (got {shown})"
    return ""


def from_invalid(
    err: vol.Invalid,
    config: Any,
    domain: str | None,
    *,
    key: str | None = None,
    secrets: Collection[str] = (),
) -> list[ConfigError]:
    """Turn a voluptuous error raised on `config` (one domain's block) into ConfigErrors.

    Paths are reported from the domain key (`key` if the block is e.g. `automation named`).
    Known secret values are scrubbed from messages and never shown as the offending value.
    """
    errors = err.errors if isinstance(err, vol.MultipleInvalid) else [err]
    head: tuple[Any, ...] = (key or domain,) if (key or domain) else ()
    result = []
    for one in errors:
        path = [_plain_key(p) for p in one.path]
        (file, line), value, found = _walk(config, path)
        message = one.error_message or "invalid value"
        if found:
            message += _describe(value, secrets)
        message = redact(message, secrets)
        result.append(
            ConfigError(message, file=file, line=line, path=head + tuple(path), domain=domain)
        )
    return result


__all__ = ["REDACTED", "ConfigError", "from_invalid", "locate", "redact"]
