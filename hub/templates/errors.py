"""TemplateError: every failure to compile or render a template, with the source shortened."""

from __future__ import annotations

from ..errors import HubError

SOURCE_PREVIEW = 80


def shorten(source: str, limit: int = SOURCE_PREVIEW) -> str:
    """One line of at most `limit` characters, for error messages and logs."""
    flat = " ".join(source.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


class TemplateError(HubError):
    """A template failed to compile or render; `source` is the full template text."""

    def __init__(self, message: str, source: str = "", *, line: int | None = None) -> None:
        where = f" (line {line})" if line else ""
        text = f"{message}{where} in template {shorten(source)!r}" if source else message
        super().__init__(text)
        self.reason = message
        self.source = source
        self.line = line
