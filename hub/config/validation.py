"""Voluptuous validators shared by integrations and the automation engine (HA semantics)."""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable
from datetime import date as date_type
from datetime import datetime as datetime_type
from datetime import time as time_type
from datetime import timedelta
from numbers import Number
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jinja2
import voluptuous as vol

from hub.states import valid_entity_id

from .nodes import position_of

_LOGGER = logging.getLogger(__name__)

ENTITY_MATCH_ALL = "all"
ENTITY_MATCH_NONE = "none"
TEMPERATURE_CELSIUS = "°C"
TEMPERATURE_FAHRENHEIT = "°F"

_TRUE = frozenset({"1", "true", "yes", "on", "enable"})
_FALSE = frozenset({"0", "false", "no", "off", "disable"})
_TIME = re.compile(r"^(-)?(\d{1,3}):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?$")
_COLOR_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_TEMPLATE_MARKERS = ("{{", "{%", "{#")
# Parse-only environment: checks template syntax; rendering happens in hub.templates' sandbox.
_JINJA = jinja2.Environment(extensions=["jinja2.ext.loopcontrols", "jinja2.ext.do"])
_warned: set[Hashable] = set()


class TemplateStr(str):
    """A string holding a Jinja template, to be rendered later; keeps the YAML position."""

    file: str | None = None
    line: int | None = None


def is_template_string(value: str) -> bool:
    """True if `value` contains Jinja markup."""
    return any(marker in value for marker in _TEMPLATE_MARKERS)


def boolean(value: Any) -> bool:
    """true/false, yes/no, on/off, enable/disable, 1/0, numbers (non-zero is True)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    elif isinstance(value, Number):
        return value != 0
    raise vol.Invalid("invalid boolean value")


def string(value: Any) -> str:
    """A string; numbers are converted, None/lists/mappings are refused."""
    if isinstance(value, str):
        return value
    if value is None:
        raise vol.Invalid("string value is None")
    if isinstance(value, (list, dict)):
        raise vol.Invalid("value should be a string")
    return str(value)


positive_int = vol.All(vol.Coerce(int), vol.Range(min=0))
positive_float = vol.All(vol.Coerce(float), vol.Range(min=0))
port = vol.All(vol.Coerce(int), vol.Range(min=1, max=65535, msg="invalid port"))
latitude = vol.All(vol.Coerce(float), vol.Range(min=-90, max=90), msg="invalid latitude")
longitude = vol.All(vol.Coerce(float), vol.Range(min=-180, max=180), msg="invalid longitude")


def slugify(text: str, separator: str = "_") -> str:
    """Lowercase ASCII letters and digits joined by `separator`; "unknown" if nothing is left."""
    normalized = unicodedata.normalize("NFKD", str(text))
    ascii_text = normalized.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", separator, ascii_text).strip(separator)
    return slug or "unknown"


def slug(value: Any) -> str:
    """A value that is already a slug (`kitchen_lights`)."""
    if value is None:
        raise vol.Invalid("slug may not be None")
    text = str(value)
    if text and slugify(text) == text:
        return text
    raise vol.Invalid(f"invalid slug {text} (try {slugify(text)})")


def entity_id(value: Any) -> str:
    """One `domain.object_id`, lowercased."""
    text = string(value).strip().lower()
    if valid_entity_id(text):
        return text
    raise vol.Invalid(f"entity ID {text} is an invalid entity ID")


def entity_ids(value: Any) -> list[str]:
    """A list of entity ids, from a list or a comma separated string."""
    if value is None:
        raise vol.Invalid("entity IDs may not be None")
    if isinstance(value, str):
        value = [part for part in (p.strip() for p in value.split(",")) if part]
    return [entity_id(item) for item in ensure_list(value)]


def comp_entity_ids(value: Any) -> str | list[str]:
    """Entity ids, or the special values "all" / "none"."""
    if isinstance(value, str) and value.strip().lower() in (ENTITY_MATCH_ALL, ENTITY_MATCH_NONE):
        return value.strip().lower()
    return entity_ids(value)


def entity_domain(domain: str | Iterable[str]) -> Callable[[Any], str]:
    """Validator for one entity id whose domain is `domain` (or one of several)."""
    domains = frozenset([domain] if isinstance(domain, str) else domain)

    def validate(value: Any) -> str:
        checked = entity_id(value)
        if checked.partition(".")[0] not in domains:
            raise vol.Invalid(f"entity ID {checked} does not belong to domain {', '.join(domains)}")
        return checked

    return validate


def ensure_list(value: Any) -> list[Any]:
    """None → [], a list stays, anything else is wrapped."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _parse_time_string(value: str) -> timedelta:
    match = _TIME.match(value.strip())
    if not match:
        raise vol.Invalid(f"invalid time period {value!r} (expected HH:MM or HH:MM:SS)")
    negative, hours, minutes, seconds = match.groups()
    period = timedelta(hours=int(hours), minutes=int(minutes), seconds=float(seconds or 0))
    return -period if negative else period


_PERIOD_UNITS = ("days", "hours", "minutes", "seconds", "milliseconds")


def _period_dict(value: dict[Any, Any], allow_template: bool) -> timedelta | dict[str, Any]:
    unknown = [key for key in value if key not in _PERIOD_UNITS]
    if unknown:
        raise vol.Invalid(f"unknown time unit {unknown[0]!r}, use {', '.join(_PERIOD_UNITS)}")
    if not value:
        raise vol.Invalid(f"expected at least one of {', '.join(_PERIOD_UNITS)}")
    parts: dict[str, Any] = {}
    for key, amount in value.items():
        if allow_template and isinstance(amount, str) and is_template_string(amount):
            parts[str(key)] = template(amount)
            continue
        try:
            parts[str(key)] = float(amount)
        except (TypeError, ValueError):
            raise vol.Invalid(f"time unit {key!r} needs a number") from None
    if any(isinstance(part, TemplateStr) for part in parts.values()):
        return parts
    return timedelta(**parts)


def _time_period(value: Any, allow_template: bool) -> Any:
    if isinstance(value, timedelta):
        return value
    if isinstance(value, bool) or value is None:
        raise vol.Invalid("expected a time period")
    if isinstance(value, Number):
        return timedelta(seconds=float(value))  # type: ignore[arg-type]
    if isinstance(value, str):
        if allow_template and is_template_string(value):
            return template(value)
        try:
            return timedelta(seconds=float(value))
        except ValueError:
            return _parse_time_string(value)
    if isinstance(value, dict):
        return _period_dict(value, allow_template)
    raise vol.Invalid("expected a time period")


def time_period(value: Any) -> timedelta:
    """Seconds, "HH:MM[:SS[.f]]" (may start with "-"), or {days, hours, ...} → timedelta."""
    return _time_period(value, allow_template=False)


def time_period_template(value: Any) -> timedelta | TemplateStr | dict[str, Any]:
    """Like time_period, but a template string (or a dict with template values) is kept."""
    return _time_period(value, allow_template=True)


def positive_time_period(value: Any) -> timedelta:
    """A time period that is not negative."""
    period = time_period(value)
    if period < timedelta(0):
        raise vol.Invalid("time period must not be negative")
    return period


def time(value: Any) -> time_type:
    """ "HH:MM" or "HH:MM:SS" → datetime.time."""
    if isinstance(value, time_type):
        return value
    if not isinstance(value, str):
        raise vol.Invalid("invalid time, expected HH:MM or HH:MM:SS")
    try:
        return time_type.fromisoformat(value.strip())
    except ValueError:
        raise vol.Invalid(f"invalid time {value!r}, expected HH:MM or HH:MM:SS") from None


def date(value: Any) -> date_type:
    """ "YYYY-MM-DD" → datetime.date."""
    if isinstance(value, date_type) and not isinstance(value, datetime_type):
        return value
    if not isinstance(value, str):
        raise vol.Invalid("invalid date, expected YYYY-MM-DD")
    try:
        return date_type.fromisoformat(value.strip())
    except ValueError:
        raise vol.Invalid(f"invalid date {value!r}, expected YYYY-MM-DD") from None


def datetime(value: Any) -> datetime_type:
    """An ISO 8601 date and time → datetime (naive stays naive)."""
    if isinstance(value, datetime_type):
        return value
    if not isinstance(value, str):
        raise vol.Invalid("invalid datetime, expected YYYY-MM-DD HH:MM[:SS]")
    try:
        return datetime_type.fromisoformat(value.strip())
    except ValueError:
        raise vol.Invalid(f"invalid datetime {value!r}") from None


def url(value: Any) -> str:
    """An absolute http(s) URL."""
    text = string(value).strip()
    parsed = urlparse(text)
    if parsed.scheme in ("http", "https") and parsed.netloc:
        return text
    raise vol.Invalid("invalid url, expected http:// or https:// followed by a host")


def icon(value: Any) -> str:
    """An icon name in the form "prefix:name" (e.g. mdi:lightbulb)."""
    text = string(value)
    if ":" in text:
        return text
    raise vol.Invalid('icons should be specified in the form "prefix:name"')


def color_hex(value: Any) -> str:
    """A "#RRGGBB" color."""
    text = string(value)
    if _COLOR_HEX.match(text):
        return text
    raise vol.Invalid("color should be in the format #RRGGBB")


def time_zone(value: Any) -> str:
    """An IANA time zone name known to zoneinfo (returned as the name)."""
    name = string(value).strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise vol.Invalid(f"invalid time zone {name!r}") from None
    return name


def temperature_unit(value: Any) -> str:
    """C or F (any case, with or without °) → "°C" / "°F"."""
    text = string(value).strip().upper().lstrip("°")
    if text == "C":
        return TEMPERATURE_CELSIUS
    if text == "F":
        return TEMPERATURE_FAHRENHEIT
    raise vol.Invalid("invalid temperature unit (expected C or F)")


@functools.lru_cache(maxsize=4096)
def _syntax_problem(text: str) -> str | None:
    """The syntax error of a template source, or None; memoised because configurations repeat
    the same template (1,000 automations with one condition: 0.4 s of parsing at start)."""
    try:
        _JINJA.parse(text)
    except jinja2.TemplateSyntaxError as err:
        return f"invalid template (line {err.lineno}: {err.message})"
    return None


def template(value: Any) -> str:
    """A string; Jinja markup is syntax-checked and returned as TemplateStr, else a plain str."""
    if value is None:
        raise vol.Invalid("template value is None")
    if isinstance(value, (list, dict)):
        raise vol.Invalid("template value should be a string")
    if isinstance(value, TemplateStr):
        return value
    text = value if isinstance(value, str) else str(value)
    if not is_template_string(text):
        return text
    problem = _syntax_problem(text)
    if problem is not None:
        raise vol.Invalid(problem)
    result = TemplateStr(text)
    result.file, result.line = position_of(value)
    return result


def template_complex(value: Any) -> Any:
    """Templates checked recursively through mappings and lists; other scalars kept."""
    if isinstance(value, list):
        return [template_complex(item) for item in value]
    if isinstance(value, dict):
        return {key: template_complex(item) for key, item in value.items()}
    if isinstance(value, str):
        return template(value)
    return value


def template_only(value: Any) -> TemplateStr:
    """A string that must contain Jinja markup."""
    if isinstance(value, str) and is_template_string(value):
        return template(value)  # type: ignore[return-value]
    raise vol.Invalid("expected a template")


def has_at_least_one_key(*keys: Any) -> Callable[[Any], dict[Any, Any]]:
    """Validator: the mapping has at least one of `keys`."""

    def validate(value: Any) -> dict[Any, Any]:
        if not isinstance(value, dict):
            raise vol.Invalid("expected a dictionary")
        if any(key in value for key in keys):
            return value
        raise vol.Invalid(f"must contain at least one of {', '.join(map(str, keys))}")

    return validate


def has_at_most_one_key(*keys: Any) -> Callable[[Any], dict[Any, Any]]:
    """Validator: the mapping has no more than one of `keys`."""

    def validate(value: Any) -> dict[Any, Any]:
        if not isinstance(value, dict):
            raise vol.Invalid("expected a dictionary")
        if sum(1 for key in keys if key in value) > 1:
            raise vol.Invalid(f"must contain at most one of {', '.join(map(str, keys))}")
        return value

    return validate


def key_dependency(key: Any, dependency: Any) -> Callable[[Any], dict[Any, Any]]:
    """Validator: if `key` is present, `dependency` must be too."""

    def validate(value: Any) -> dict[Any, Any]:
        if not isinstance(value, dict):
            raise vol.Invalid("key dependencies require a dictionary")
        if key in value and dependency not in value:
            raise vol.Invalid(f'dependency violation - key "{key}" requires key "{dependency}"')
        return value

    return validate


def deprecated(key: str, replacement_key: str | None = None) -> Callable[[Any], Any]:
    """Validator: warn once (per key) when `key` is used; its value is kept or moved over."""

    def validate(value: Any) -> Any:
        if not isinstance(value, dict) or key not in value:
            return value
        if (replacement_key, key) not in _warned:
            _warned.add((replacement_key, key))
            file, line = value.position(key) if hasattr(value, "position") else (None, None)
            where = f"{file}:{line}: " if file else ""
            if replacement_key:
                _LOGGER.warning(
                    "%soption %r is deprecated, use %r instead", where, key, replacement_key
                )
            else:
                _LOGGER.warning("%soption %r is deprecated and will be removed", where, key)
        if replacement_key and replacement_key not in value:
            value = dict(value)
            value[replacement_key] = value.pop(key)
        return value

    return validate


def _id_list(value: Any) -> Any:
    if isinstance(value, str) and is_template_string(value):
        return template(value)
    return [template(item) for item in ensure_list(value)]


def _target_entity_ids(value: Any) -> Any:
    if isinstance(value, str) and is_template_string(value):
        return template(value)
    if isinstance(value, list) and any(isinstance(v, str) and is_template_string(v) for v in value):
        return [template(v) if is_template_string(str(v)) else entity_id(v) for v in value]
    return comp_entity_ids(value)


TARGET_FIELDS: dict[Any, Any] = {
    vol.Optional("entity_id"): _target_entity_ids,
    vol.Optional("device_id"): _id_list,
    vol.Optional("area_id"): _id_list,
    vol.Optional("floor_id"): _id_list,
    vol.Optional("label_id"): _id_list,
}
ENTITY_SERVICE_FIELDS = TARGET_FIELDS
TARGET_SCHEMA = vol.Schema(TARGET_FIELDS)
target = vol.Any(template_only, TARGET_SCHEMA)
