"""Native result types: turn rendered text back into numbers, lists, booleans like HA does."""

from __future__ import annotations

import re
from ast import literal_eval
from typing import Any

# A plain decimal without a leading zero ("01" stays a string, "1.50" becomes 1.5).
_IS_NUMERIC = re.compile(r"^[+-]?(?!0\d)\d*(?:\.\d*)?$")
_LITERAL_START = frozenset("0123456789+-.[({'\"TFN")
_IS_INT = re.compile(r"^[+-]?(?:0|[1-9]\d{0,17})$")
_CONSTANTS: dict[str, Any] = {"True": True, "False": False, "None": None}


def parse_result(text: str) -> Any:
    """The Python literal `text` spells (int, float, bool, None, list, dict…), else `text`."""
    if not text or text[0] not in _LITERAL_START:
        return text
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    if _IS_INT.match(text):
        return int(text)
    try:
        result = literal_eval(text)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return text
    if isinstance(result, (str, complex)):
        return text  # quotes would be lost; complex/scientific forms are not what users mean
    if isinstance(result, (int, float)) and not isinstance(result, bool):
        return result if _IS_NUMERIC.match(text) else text
    return result
