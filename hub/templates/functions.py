"""Value helpers for templates: conversions with defaults, statistics, rounding, logic.

Conversions follow Home Assistant: without a default, invalid input is an error (not a silent
zero), so a broken sensor shows up instead of triggering an automation by accident.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from typing import Any

from jinja2 import pass_environment
from jinja2.environment import Environment
from jinja2.filters import do_int, do_max, do_min

_SENTINEL: Any = object()
_TRUE = frozenset({"1", "true", "yes", "on", "enable"})
_FALSE = frozenset({"0", "false", "no", "off", "disable"})


def raise_no_default(function: str, value: Any) -> None:
    """The HA-style error for an invalid input with no default given."""
    raise ValueError(f"{function} got invalid input {value!r} and no default was specified")


def to_boolean(value: Any) -> bool:
    """Home Assistant truthiness; raises ValueError for anything else."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    elif isinstance(value, (int, float)):
        return value != 0
    raise ValueError(f"invalid boolean value {value!r}")


def forgiving_float(value: Any, default: Any = _SENTINEL) -> Any:
    """float(value), else `default`, else an error."""
    try:
        return float(value)
    except (ValueError, TypeError, OverflowError):
        if default is _SENTINEL:
            raise_no_default("float", value)
        return default


def forgiving_int(value: Any, default: Any = _SENTINEL, base: int = 10) -> Any:
    """int(value) (accepting "3.7" as 3), else `default`, else an error."""
    result = do_int(value, default=_SENTINEL, base=base)
    if result is _SENTINEL:
        if default is _SENTINEL:
            raise_no_default("int", value)
        return default
    return result


def forgiving_bool(value: Any, default: Any = _SENTINEL) -> Any:
    """HA truthiness of `value`, else `default`, else an error."""
    try:
        return to_boolean(value)
    except ValueError:
        if default is _SENTINEL:
            raise_no_default("bool", value)
        return default


def is_number(value: Any) -> bool:
    """True for finite numbers and strings that parse as one (booleans are not numbers)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return math.isfinite(value)
    if not isinstance(value, str):
        return False
    try:
        return math.isfinite(float(value))
    except ValueError:
        return False


def forgiving_round(
    value: Any, precision: int = 0, method: str = "common", default: Any = _SENTINEL
) -> Any:
    """Round with method common/ceil/floor/half; precision 0 gives an int."""
    try:
        number = float(value)
        factor = 10.0 ** int(precision)
        if method == "ceil":
            number = math.ceil(number * factor) / factor
        elif method == "floor":
            number = math.floor(number * factor) / factor
        elif method == "half":
            number = round(number * 2) / 2.0
        else:
            number = round(number, int(precision))
        return int(number) if precision == 0 else number
    except (ValueError, TypeError, OverflowError):
        if default is _SENTINEL:
            raise_no_default("round", value)
        return default


def _items(name: str, args: tuple[Any, ...]) -> Any:
    if not args:
        raise TypeError(f"{name} expected at least 1 argument, got 0")
    if len(args) == 1 and isinstance(args[0], Iterable) and not isinstance(args[0], str):
        return args[0]
    return args


def _statistic(name: str, func: Any) -> Any:
    def compute(*args: Any, default: Any = _SENTINEL) -> Any:
        try:
            return func(_items(name, args))
        except (TypeError, ValueError, statistics.StatisticsError):
            if default is _SENTINEL:
                raise_no_default(name, args[0] if len(args) == 1 else args)
            return default

    compute.__name__ = name
    return compute


average = _statistic("average", statistics.fmean)
median = _statistic("median", statistics.median)
statistical_mode = _statistic("statistical_mode", statistics.mode)


@pass_environment
def template_min(environment: Environment, *args: Any, **kwargs: Any) -> Any:
    """min of arguments or of one iterable (also usable as the `min` filter)."""
    return do_min(environment, _items("min", args), **kwargs)


@pass_environment
def template_max(environment: Environment, *args: Any, **kwargs: Any) -> Any:
    """max of arguments or of one iterable (also usable as the `max` filter)."""
    return do_max(environment, _items("max", args), **kwargs)


def iif(value: Any, if_true: Any = True, if_false: Any = False, if_none: Any = _SENTINEL) -> Any:
    """Immediate if: `if_true` when `value` is truthy, `if_none` (if given) when it is None."""
    if value is None and if_none is not _SENTINEL:
        return if_none
    return if_true if value else if_false


def multiply(value: Any, amount: Any, default: Any = _SENTINEL) -> Any:
    """float(value) * amount, else `default`, else an error."""
    try:
        return float(value) * amount
    except (ValueError, TypeError):
        if default is _SENTINEL:
            raise_no_default("multiply", value)
        return default


def add(value: Any, amount: Any, default: Any = _SENTINEL) -> Any:
    """float(value) + amount, else `default`, else an error."""
    try:
        return float(value) + amount
    except (ValueError, TypeError):
        if default is _SENTINEL:
            raise_no_default("add", value)
        return default


def _math(name: str, func: Any) -> Any:
    def apply(value: Any, *args: Any, default: Any = _SENTINEL) -> Any:
        try:
            return func(float(value), *args)
        except (ValueError, TypeError, OverflowError, ZeroDivisionError):
            if default is _SENTINEL:
                raise_no_default(name, value)
            return default

    apply.__name__ = name
    return apply


def _log(value: float, base: float = math.e) -> float:
    return math.log(value, float(base))


MATH = {
    "log": _math("log", _log),
    "sin": _math("sin", math.sin),
    "cos": _math("cos", math.cos),
    "tan": _math("tan", math.tan),
    "asin": _math("asin", math.asin),
    "acos": _math("acos", math.acos),
    "atan": _math("atan", math.atan),
    "sqrt": _math("sqrt", math.sqrt),
}


def atan2(y: Any, x: Any, default: Any = _SENTINEL) -> Any:
    """atan2 of two numbers, else `default`, else an error."""
    try:
        return math.atan2(float(y), float(x))
    except (ValueError, TypeError):
        if default is _SENTINEL:
            raise_no_default("atan2", (y, x))
        return default


def bitwise_and(first: Any, second: Any) -> int:
    return int(first) & int(second)


def bitwise_or(first: Any, second: Any) -> int:
    return int(first) | int(second)


def bitwise_xor(first: Any, second: Any) -> int:
    return int(first) ^ int(second)


def contains(seq: Any, value: Any) -> bool:
    """`value in seq` (a filter and a test)."""
    try:
        return value in seq
    except TypeError:
        return False


def flatten(value: Any, levels: int | None = None) -> list[Any]:
    """Flatten nested lists, all levels or `levels` deep."""
    result: list[Any] = []
    for item in value:
        if isinstance(item, (list, tuple)) and (levels is None or levels > 0):
            result.extend(flatten(item, None if levels is None else levels - 1))
        else:
            result.append(item)
    return result
