"""The secret values of one run, and masking them in the free text of its trace.

Values under secret keys (hub.redaction) are replaced by key wherever a trace goes; this module
finds the values themselves so that an error message, a stop message or a notification text
that echoes one (`wrong code 4711`) is masked too. A secret value is a value under a secret key
(at any depth, numbers included) or a string that came from `!secret`/`!env_var` (SecretStr),
under any key.

Text rule: values shorter than MIN_SECRET_LENGTH characters are never searched for in text
("1", "on" and "42" occur everywhere; they are still replaced under their key). Values shorter
than WHOLE_TOKEN_BELOW are masked only as a whole token, i.e. not next to a letter or digit, so
a 4-digit code is masked in `code 4711 rejected` but `47110` stays; longer values are masked
wherever they occur. Strings that are whole ISO timestamps are left alone (a year-like code
must not garble every timestamp of the trace).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from hub.config.nodes import SecretStr
from hub.redaction import REDACTED, is_secret_key
from hub.templates import is_template_string

MIN_SECRET_LENGTH = 3
WHOLE_TOKEN_BELOW = 8
# never treated as secrets: they are what masking writes
_IGNORED = frozenset({REDACTED, REDACTED.strip("*")})
_ALNUM_BEFORE = r"(?<![^\W_])"
_ALNUM_AFTER = r"(?![^\W_])"


def secret_values(value: Any, *, secret: bool = False) -> set[str]:
    """Every secret value in `value` (dicts, lists, tuples walked), as the text it shows as."""
    found: set[str] = set()
    _collect(value, secret, found)
    return found


def _collect(value: Any, secret: bool, found: set[str]) -> None:
    if isinstance(value, SecretStr):
        found.add(str(value))
    elif not secret and (value is None or isinstance(value, (str, int, float))):
        return  # the common case, before the (slow) Mapping check
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _collect(item, secret or is_secret_key(key), found)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _collect(item, secret, found)
    elif not secret or value is None or isinstance(value, bool):
        return
    elif isinstance(value, str):
        if not is_template_string(value):  # an unrendered template is not the secret
            found.add(value)
    elif isinstance(value, (int, float)):
        found.add(str(value))


def _looks_like_timestamp(text: str) -> bool:
    if len(text) < 10 or text[4:5] != "-":
        return False
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _pattern(value: str) -> str:
    escaped = re.escape(value)
    if len(value) >= WHOLE_TOKEN_BELOW:
        return escaped
    return _ALNUM_BEFORE + escaped + _ALNUM_AFTER


class Masker:
    """Replaces a fixed set of secret values in text by REDACTED (see the module's rule)."""

    __slots__ = ("_pattern",)

    def __init__(self, values: Iterable[str]) -> None:
        wanted = {v.strip() for v in values}
        usable = sorted(
            (v for v in wanted if len(v) >= MIN_SECRET_LENGTH and v not in _IGNORED),
            key=len,
            reverse=True,  # the longest first, so a value containing another is masked whole
        )
        parts = [_pattern(v) for v in usable]
        self._pattern = re.compile("|".join(parts)) if parts else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def text(self, text: str) -> str:
        """`text` with every secret value replaced."""
        if self._pattern is None or _looks_like_timestamp(text):
            return text
        return self._pattern.sub(REDACTED, text)

    def optional(self, text: str | None) -> str | None:
        return None if text is None else self.text(text)

    def data(self, value: Any) -> Any:
        """A copy of JSON-like `value` with every string masked (keys are left as they are)."""
        if self._pattern is None:
            return value
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, Mapping):
            return {key: self.data(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.data(item) for item in value]
        return value
