"""Bounds on one render: output size, value size, loop iterations and wall time.

Rendering runs on the event loop, so every template must finish quickly. The sandbox enforces:

- `max_output` characters of rendered text (checked as chunks are produced);
- `max_value` characters or items for any string/list built by `*`, `+`, `~`, `%`, `**`
  (checked before the allocation where the size is predictable) and by any call result;
- `max_range` items for `range()`;
- `max_iterations` loop iterations plus calls per render (every `{% for %}` iterable is wrapped
  in a counting guard and every call from template code goes through `TemplateSandbox.call`);
- `max_seconds` of wall time, checked at each of those ticks.

Known gaps: a single pathological regular expression (catastrophic backtracking) inside one
`regex_*` call cannot be interrupted.
"""

from __future__ import annotations

import re
import string
import time
from collections.abc import Iterable, Iterator, Sized
from dataclasses import dataclass
from typing import Any

MAX_OUTPUT = 256 * 1024
MAX_VALUE = 1024 * 1024
MAX_RANGE = 100_000
MAX_ITERATIONS = 1_000_000
MAX_SECONDS = 2.0
MAX_INT_BITS = 100_000
_CHECK_EVERY = 64


class LimitExceeded(Exception):
    """A render went over one of its bounds (turned into TemplateError by the engine)."""


@dataclass(frozen=True, slots=True)
class TemplateLimits:
    """Per-render bounds; the defaults suit a hub where rendering shares the event loop."""

    max_output: int = MAX_OUTPUT
    max_value: int = MAX_VALUE
    max_range: int = MAX_RANGE
    max_iterations: int = MAX_ITERATIONS
    max_seconds: float = MAX_SECONDS


class RenderBudget:
    """Counts the work of one render and stops it when a bound is crossed."""

    __slots__ = ("_deadline", "_max_iterations", "_ticks", "limits")

    def __init__(self, limits: TemplateLimits) -> None:
        self.limits = limits
        self._ticks = 0
        self._max_iterations = limits.max_iterations
        self._deadline = time.monotonic() + limits.max_seconds

    def tick(self) -> None:
        """One unit of work (a loop iteration or a call)."""
        self._ticks += 1
        if self._ticks % _CHECK_EVERY == 0:
            if self._ticks > self._max_iterations:
                raise LimitExceeded(
                    f"Template did more than {self._max_iterations} loop iterations and calls"
                )
            if time.monotonic() > self._deadline:
                raise LimitExceeded(
                    f"Template took longer than {self.limits.max_seconds} seconds to render"
                )

    def guard(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """Yield from `iterable`, ticking once per item."""
        for item in iterable:
            self.tick()
            yield item

    def check_size(self, value: Any) -> Any:
        """Return `value` unless it is a string/sequence longer than `max_value`."""
        if isinstance(value, (str, list, tuple, dict, set, bytes)):
            check_length(len(value), self.limits.max_value)
        return value


def check_length(length: int, limit: int) -> None:
    """Raise when a value of `length` characters/items would exceed `limit`."""
    if length > limit:
        raise LimitExceeded(f"Template value too large ({length} > {limit} characters or items)")


def capped_range(limit: int) -> Any:
    """A `range()` that refuses to produce more than `limit` items."""

    def bounded_range(*args: int) -> range:
        result = range(*args)
        if len(result) > limit:
            raise LimitExceeded(f"range() of {len(result)} items exceeds the limit of {limit}")
        return result

    return bounded_range


# -- binary operators ----------------------------------------------------------------------
def weight(value: Any) -> int:
    """Rough rendered size: characters of a string, or a sequence's string items summed."""
    if isinstance(value, (str, bytes)):
        return len(value)
    if isinstance(value, (list, tuple)):
        return sum(len(i) if isinstance(i, (str, bytes, list, tuple)) else 1 for i in value)
    return len(value) if isinstance(value, Sized) else 1


def checked_mul(left: Any, right: Any, limit: int) -> Any:
    """`left * right` refusing huge repeated strings/lists and huge integers."""
    if isinstance(left, int) and isinstance(right, (str, list, tuple, bytes)):
        left, right = right, left
    if isinstance(left, (str, list, tuple, bytes)) and isinstance(right, int):
        check_length(weight(left) * max(right, 0), limit)
    elif isinstance(left, int) and isinstance(right, int):
        if abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS:
            raise LimitExceeded("Template integer too large")
    return left * right


def checked_pow(left: Any, right: Any) -> Any:
    """`left ** right` refusing results with more than MAX_INT_BITS bits."""
    if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
        if abs(left).bit_length() * right > MAX_INT_BITS:
            raise LimitExceeded("Template integer too large")
    return left**right


def checked_add(left: Any, right: Any, limit: int) -> Any:
    """`left + right` refusing concatenations longer than `limit`."""
    if isinstance(left, (str, bytes, list, tuple)) and isinstance(right, Sized):
        check_length(weight(left) + weight(right), limit)
    return left + right


_PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def check_percent_format(fmt: str, limit: int) -> None:
    """Refuse `%` formats whose width/precision could allocate more than `limit`."""
    for match in _PERCENT_FIELD.finditer(fmt):
        for group in match.groups():
            if group == "*" or (group and int(group) > limit):
                raise LimitExceeded("Template format width too large")


def check_brace_format(fmt: str, limit: int) -> None:
    """Refuse `str.format` specs with nested fields or widths beyond `limit`."""
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format will raise a clearer error itself
    for _, _, spec, _ in fields:
        if not spec:
            continue
        if "{" in spec:
            raise LimitExceeded("Template format specs may not nest fields")
        for number in re.findall(r"\d+", spec):
            if int(number) > limit:
                raise LimitExceeded("Template format width too large")


def check_str_method(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any], limit: int) -> None:
    """Pre-check str methods whose result size is set by an argument."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if owner is None and hasattr(obj, "__wrapped__"):  # sandbox-wrapped str.format
        owner = getattr(obj.__wrapped__, "__self__", None)
    if not isinstance(owner, str):
        return
    if name in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int):
        check_length(args[0], limit)
    elif name == "expandtabs":
        tab = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(tab, int):
            check_length(len(owner) + owner.count("\t") * tab, limit)
    elif name == "replace" and len(args) >= 2:
        check_replace(owner, args[0], args[1], limit)
    elif name == "join" and args:
        check_join(args[0], owner, limit)
    elif name in ("format", "format_map"):
        check_brace_format(owner, limit)


def check_replace(text: str, old: Any, new: Any, limit: int) -> None:
    """Refuse a replace whose result would be longer than `limit`."""
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = text.count(old)
        check_length(len(text) + count * (len(new) - len(old)), limit)


def check_join(items: Any, separator: Any, limit: int) -> None:
    """Refuse joining a sequence whose result would be longer than `limit`."""
    if isinstance(items, (list, tuple)):
        sep = len(separator) if isinstance(separator, str) else 0
        check_length(weight(items) + sep * len(items), limit)
