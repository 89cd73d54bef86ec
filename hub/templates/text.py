"""String helpers for templates: JSON, regular expressions, slugify, base64, ordinal, hashes."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import orjson

from .functions import _SENTINEL, raise_no_default
from .state_access import TemplateState


def _json_default(obj: Any) -> Any:
    if isinstance(obj, TemplateState):
        return obj.snapshot()
    if isinstance(obj, Mapping):
        return dict(obj)
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    if hasattr(obj, "as_dict"):
        return obj.as_dict()
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


def to_json(
    value: Any, ensure_ascii: bool = False, pretty_print: bool = False, sort_keys: bool = False
) -> str:
    """JSON text of `value`."""
    if ensure_ascii:
        return json.dumps(
            value,
            ensure_ascii=True,
            indent=2 if pretty_print else None,
            sort_keys=sort_keys,
            default=_json_default,
        )
    option = orjson.OPT_NON_STR_KEYS
    if pretty_print:
        option |= orjson.OPT_INDENT_2
    if sort_keys:
        option |= orjson.OPT_SORT_KEYS
    return orjson.dumps(value, default=_json_default, option=option).decode()


def from_json(value: Any, default: Any = _SENTINEL) -> Any:
    """Parsed JSON, else `default`, else an error."""
    try:
        return orjson.loads(value)
    except (orjson.JSONDecodeError, TypeError):
        if default is _SENTINEL:
            raise_no_default("from_json", value)
        return default


@lru_cache(maxsize=256)
def _compile(pattern: str, ignorecase: bool) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE if ignorecase else 0)


def regex_match(value: Any, find: str = "", ignorecase: bool = False) -> bool:
    """True when `find` matches at the start of `value`."""
    if not isinstance(value, str):
        value = str(value)
    return bool(_compile(find, ignorecase).match(value))


def regex_search(value: Any, find: str = "", ignorecase: bool = False) -> bool:
    """True when `find` matches anywhere in `value`."""
    if not isinstance(value, str):
        value = str(value)
    return bool(_compile(find, ignorecase).search(value))


def regex_replace(
    value: Any = "", find: str = "", replace: str = "", ignorecase: bool = False
) -> str:
    """`value` with every match of `find` replaced."""
    if not isinstance(value, str):
        value = str(value)
    return _compile(find, ignorecase).sub(replace, value)


def regex_findall(value: Any, find: str = "", ignorecase: bool = False) -> list[Any]:
    """Every match of `find` in `value`."""
    if not isinstance(value, str):
        value = str(value)
    return _compile(find, ignorecase).findall(value)


def regex_findall_index(
    value: Any, find: str = "", index: int = 0, ignorecase: bool = False
) -> Any:
    """The `index`-th match of `find` in `value`."""
    return regex_findall(value, find, ignorecase)[index]


def slugify(value: Any, separator: str = "_") -> str:
    """Lowercase ASCII words joined by `separator` ("Living Room" → "living_room")."""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text.lower())
    return separator.join(words)


def base64_encode(value: Any) -> str:
    """Base64 of the UTF-8 bytes of `value`."""
    data = value if isinstance(value, bytes) else str(value).encode()
    return base64.b64encode(data).decode()


def base64_decode(value: Any, encoding: str | None = "utf-8") -> Any:
    """Decoded base64 text (bytes when `encoding` is None)."""
    data = base64.b64decode(value)
    return data if encoding is None else data.decode(encoding)


def ordinal(value: Any) -> str:
    """1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd"."""
    number = int(value)
    if 10 <= abs(number) % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(abs(number) % 10, "th")
    return f"{number}{suffix}"


def _hasher(name: str) -> Any:
    def digest(value: Any) -> str:
        return hashlib.new(name, str(value).encode()).hexdigest()

    digest.__name__ = name
    return digest


HASHES = {name: _hasher(name) for name in ("md5", "sha1", "sha256", "sha512")}
