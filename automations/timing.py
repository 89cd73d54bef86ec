"""Time periods that may be templates: `for:`, `delay:`, `timeout:` resolved to seconds."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.templates import Template, TemplateEngine

MAX_PERIOD = 366 * 86400.0


def period_seconds(value: Any, variables: Mapping[str, Any], engine: TemplateEngine) -> float:
    """Seconds for a validated period (timedelta, template string or dict with templates).

    Raises ValueError when a template renders to something that is not a period.
    """
    if isinstance(value, timedelta):
        return _bounded(value.total_seconds())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _bounded(float(value))
    if isinstance(value, str):
        rendered = Template(value, engine).render(variables)
        return _from_rendered(rendered)
    if isinstance(value, Mapping):
        parts = {}
        for key, amount in value.items():
            if isinstance(amount, str):
                amount = Template(amount, engine).render(variables)
            parts[str(key)] = float(amount)
        return _bounded(timedelta(**parts).total_seconds())
    raise ValueError(f"not a time period: {value!r}")


def _from_rendered(rendered: Any) -> float:
    if isinstance(rendered, timedelta):
        return _bounded(rendered.total_seconds())
    try:
        return _bounded(cv.time_period(rendered).total_seconds())
    except vol.Invalid as err:
        raise ValueError(f"template gave an invalid time period {rendered!r}: {err}") from None


def _bounded(seconds: float) -> float:
    if seconds < 0:
        raise ValueError("time period must not be negative")
    return min(seconds, MAX_PERIOD)
