"""Which data keys hold secrets, and masking them wherever data leaves its owner.

One classification for the whole hub: service-call events, event wire forms, the recorder,
stored traces and the audit log all mask the same keys (case-insensitive, plus suffixes such
as `_code` or `_psk`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

REDACTED = "**redacted**"

SECRET_KEYS = frozenset(
    {
        "code",
        "password",
        "passcode",
        "passphrase",
        "pin",
        "token",
        "access_token",
        "refresh_token",
        "secret",
        "client_secret",
        "api_key",
        "apikey",
        "psk",
        "private_key",
        "otp",
        "totp",
        "authorization",
        "cookie",
        "setup_code",
        "recovery_code",
        "recovery_codes",
    }
)
SECRET_SUFFIXES = ("_code", "_password", "_token", "_secret", "_pin", "_psk", "_key")


_SCALARS = (str, int, float, bool)
_KNOWN_KEYS: dict[object, bool] = {}  # the answer per key seen (keys repeat: entity_id, state)
_KNOWN_KEYS_MAX = 4096


def is_secret_key(key: object) -> bool:
    """True when a value stored under `key` must never leave its owner."""
    known = _KNOWN_KEYS.get(key)
    if known is not None:
        return known
    lowered = str(key).lower()
    result = lowered in SECRET_KEYS or lowered.endswith(SECRET_SUFFIXES)
    if len(_KNOWN_KEYS) < _KNOWN_KEYS_MAX:
        _KNOWN_KEYS[key] = result
    return result


def redact_secrets(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """The data with secret-bearing keys masked at any depth (the same object when clean)."""
    changed = False
    result: dict[str, Any] = {}
    for key, value in data.items():
        if value is not None and is_secret_key(key):
            result[key], changed = REDACTED, True
        elif value is None or isinstance(value, _SCALARS):  # most values: skip the ABC checks
            result[key] = value
        elif isinstance(value, Mapping):
            inner = redact_secrets(value)
            changed = changed or inner is not value
            result[key] = inner
        elif isinstance(value, list) and any(isinstance(v, Mapping) for v in value):
            items = [redact_secrets(v) if isinstance(v, Mapping) else v for v in value]
            changed = changed or any(a is not b for a, b in zip(items, value, strict=True))
            result[key] = items
        else:
            result[key] = value
    return result if changed else data
