"""Time pattern trigger: every matching local second (`hours`, `minutes`, `seconds`, `/N`, `*`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import voluptuous as vol

from ..host import Host, Unsubscribe
from . import FireCallback, TriggerInfo

_RANGES = {"hours": 24, "minutes": 60, "seconds": 60}


def _pattern(unit: str) -> Any:
    size = _RANGES[unit]

    def validate(value: Any) -> list[int]:
        text = str(value).strip()
        if text == "*":
            return list(range(size))
        if text.startswith("/"):
            try:
                step = int(text[1:])
            except ValueError:
                raise vol.Invalid(f"invalid {unit} pattern {text!r}") from None
            if not 0 < step < size:
                raise vol.Invalid(f"{unit} step must be between 1 and {size - 1}")
            return list(range(0, size, step))
        try:
            number = int(text)
        except ValueError:
            raise vol.Invalid(f"invalid {unit} pattern {text!r}") from None
        if not 0 <= number < size:
            raise vol.Invalid(f"{unit} must be between 0 and {size - 1}")
        return [number]

    return validate


SCHEMA = {
    vol.Optional("hours"): _pattern("hours"),
    vol.Optional("minutes"): _pattern("minutes"),
    vol.Optional("seconds"): _pattern("seconds"),
}


def validate(config: dict[str, Any]) -> dict[str, Any]:
    if not any(k in config for k in _RANGES):
        raise vol.Invalid("time_pattern needs at least one of hours, minutes, seconds")
    config.setdefault("seconds", [0])
    config.setdefault("minutes", [0] if "hours" in config else list(range(60)))
    config.setdefault("hours", list(range(24)))
    return config


def next_match(config: dict[str, Any], after: datetime) -> datetime:
    """The first local datetime strictly after `after` matching the pattern."""
    start = after.replace(microsecond=0) + timedelta(seconds=1)
    for day in range(2):
        base = (start + timedelta(days=day)).replace(hour=0, minute=0, second=0)
        for hour in config["hours"]:
            if day == 0 and hour < start.hour:
                continue
            for minute in config["minutes"]:
                if day == 0 and hour == start.hour and minute < start.minute:
                    continue
                for second in config["seconds"]:
                    candidate = base.replace(hour=hour, minute=minute, second=second)
                    if candidate >= start:
                        return candidate
    raise ValueError("no matching time")  # unreachable: every pattern matches daily


def attach(
    host: Host, config: dict[str, Any], fire: FireCallback, info: TriggerInfo
) -> Unsubscribe:
    cancel: list[Unsubscribe] = []

    def schedule() -> None:
        when = next_match(config, host.local_now())

        def due() -> None:
            host.stats.trigger_evaluations += 1
            data = {"platform": "time_pattern", "now": host.local_now(), "description": "pattern"}
            fire(data, None)
            schedule()

        cancel[:] = [host.call_at(when, due)]

    schedule()

    def detach() -> None:
        for c in cancel:
            c()

    return detach
