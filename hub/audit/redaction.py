"""Redaction of secrets and bounding of details before they reach the audit log."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..redaction import SECRET_KEYS, SECRET_SUFFIXES, is_secret_key

REDACTED = "***"
MAX_STRING = 500  # characters kept of one string value
MAX_ITEMS = 50  # entries kept of one list or mapping
MAX_DEPTH = 6

# The key classification is the hub's (hub/redaction.py); the audit log shows its own mask.
__all__ = ["SECRET_KEYS", "SECRET_SUFFIXES", "clean_text", "is_secret_key", "redact"]


def redact(value: Any, depth: int = 0) -> Any:
    """A JSON-safe copy of `value` with secret keys masked and sizes bounded."""
    if depth > MAX_DEPTH:
        return "…"
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for index, (key, item) in enumerate(value.items()):
            if index >= MAX_ITEMS:
                out["…"] = f"{len(value) - MAX_ITEMS} more"
                break
            name = str(key)[:100]
            out[name] = REDACTED if is_secret_key(name) else redact(item, depth + 1)
        return out
    if isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
        kept = [redact(item, depth + 1) for item in items[:MAX_ITEMS]]
        if len(items) > MAX_ITEMS:
            kept.append(f"… {len(items) - MAX_ITEMS} more")
        return kept
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return clean_text(str(value))


def clean_text(text: str, limit: int = MAX_STRING) -> str:
    """Strip control characters and cap the length of a string a peer may control."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in text)
    return cleaned if len(cleaned) <= limit else cleaned[:limit] + "…"
