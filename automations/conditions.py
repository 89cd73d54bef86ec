"""Conditions: evaluate a validated condition against the current states and run variables."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime, time, timedelta
from typing import Any

from hub.sun import event_on
from hub.templates import TemplateError, render_bool
from hub.zones import state_in_zone

from . import device
from .device.resolve import resolve
from .host import Host
from .numeric import in_range, numeric_value
from .timing import period_seconds

_LOGGER = logging.getLogger(__name__)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# record(path, result, error) collects per-condition results for the trace.
Recorder = Callable[[str, bool, str | None], None]


class ConditionError(Exception):
    """A condition could not be evaluated (it then counts as false)."""


def is_enabled(config: Mapping[str, Any], host: Host, variables: Mapping[str, Any]) -> bool:
    enabled = config.get("enabled", True)
    if isinstance(enabled, str):
        return render_bool(host.template(enabled), variables)
    return bool(enabled)


def check_all(
    host: Host,
    conditions: list[dict[str, Any]],
    variables: Mapping[str, Any],
    record: Recorder | None = None,
    prefix: str = "condition",
) -> bool:
    """All conditions hold (disabled ones are skipped); stops at the first false one."""
    for index, config in enumerate(conditions):
        if not check(host, config, variables, record, f"{prefix}/{index}"):
            return False
    return True


def check(
    host: Host,
    config: Mapping[str, Any],
    variables: Mapping[str, Any],
    record: Recorder | None = None,
    path: str = "condition",
) -> bool:
    """Evaluate one condition; errors are logged, recorded and count as false."""
    if not is_enabled(config, host, variables):
        return True
    error = None
    try:
        result = _evaluate(host, config, variables, record, path)
    except (ConditionError, TemplateError, ValueError, TypeError) as err:
        _LOGGER.warning("Condition %s failed: %s", config.get("condition"), err)
        result, error = False, str(err)
    if record is not None:
        record(path, result, error)
    return result


def _evaluate(
    host: Host,
    config: Mapping[str, Any],
    variables: Mapping[str, Any],
    record: Recorder | None,
    path: str,
) -> bool:
    kind = config["condition"]
    if kind == "and":
        return check_all(host, config["conditions"], variables, record, f"{path}/conditions")
    if kind == "or":
        return any(
            check(host, sub, variables, record, f"{path}/conditions/{i}")
            for i, sub in enumerate(config["conditions"])
        )
    if kind == "not":
        return not any(
            check(host, sub, variables, record, f"{path}/conditions/{i}")
            for i, sub in enumerate(config["conditions"])
        )
    handler = _HANDLERS.get(kind)
    if handler is None:
        raise ConditionError(f"condition type {kind!r} is not supported")
    return handler(host, config, variables)


def _state(host: Host, config: Mapping[str, Any], variables: Mapping[str, Any]) -> bool:
    wanted: list[str] = config["state"]
    attribute = config.get("attribute")
    period = config.get("for")
    seconds = period_seconds(period, variables, host.templates) if period is not None else None
    results = []
    for entity_id in config["entity_id"]:
        state = host.state(entity_id)
        ok = False
        if state is not None:
            if attribute is not None:
                value = state.attributes.get(attribute)
                ok = value is not None and (value in wanted or str(value) in wanted)
            else:
                accepted = set(wanted)
                for item in wanted:  # an entity id as the wanted state (input_select etc.)
                    if "." in item and (ref := host.state(item)) is not None:
                        accepted.add(ref.state)
                ok = state.state in accepted
            if ok and seconds is not None:
                ok = (host.now() - state.last_changed).total_seconds() >= seconds
        results.append(ok)
    return any(results) if config.get("match") == "any" else all(results)


def _numeric(host: Host, config: Mapping[str, Any], variables: Mapping[str, Any]) -> bool:
    cfg = dict(config)
    return all(
        in_range(host, cfg, numeric_value(host, cfg, host.state(eid), dict(variables)))
        for eid in config["entity_id"]
    )


def _template(host: Host, config: Mapping[str, Any], variables: Mapping[str, Any]) -> bool:
    return render_bool(host.template(config["value_template"]), variables)


def _time_value(host: Host, value: Any, now: datetime) -> time | None:
    if isinstance(value, time):
        return value
    state = host.state(str(value))
    if state is None or state.state in ("unknown", "unavailable"):
        return None
    try:
        if ":" in state.state and "-" not in state.state and "T" not in state.state:
            return time.fromisoformat(state.state)
        moment = datetime.fromisoformat(state.state)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(host.time_zone)
    return moment.time()


def _time(host: Host, config: Mapping[str, Any], variables: Mapping[str, Any]) -> bool:
    now = host.local_now()
    if "weekday" in config and WEEKDAYS[now.weekday()] not in config["weekday"]:
        return False
    after = _time_value(host, config["after"], now) if "after" in config else time(0)
    before = (
        _time_value(host, config["before"], now) if "before" in config else time(23, 59, 59, 999999)
    )
    if after is None or before is None:
        return False
    current = now.time().replace(tzinfo=None)
    if after <= before:
        return after <= current < before or ("before" not in config and current >= after)
    return current >= after or current < before  # the window spans midnight


def _sun(host: Host, config: Mapping[str, Any], variables: Mapping[str, Any]) -> bool:
    now = host.now()
    today = now.astimezone(host.time_zone).date()

    def moment(event: str, offset: timedelta) -> datetime | None:
        when = event_on(host.location, event, today, host.time_zone)
        return None if when is None else when + offset

    if "after" in config:
        when = moment(config["after"], config.get("after_offset", timedelta()))
        if when is None or now < when:
            return False
    if "before" in config:
        when = moment(config["before"], config.get("before_offset", timedelta()))
        if when is None or now >= when:
            return False
    return True


def _trigger(host: Host, config: Mapping[str, Any], variables: Mapping[str, Any]) -> bool:
    trigger = variables.get("trigger") or {}
    return str(trigger.get("id")) in config["id"]


def _zone(host: Host, config: Mapping[str, Any], variables: Mapping[str, Any]) -> bool:
    return all(
        any(state_in_zone(host.state(zone), host.state(eid)) for zone in config["zone"])
        for eid in config["entity_id"]
    )


def _device(host: Host, config: Mapping[str, Any], variables: Mapping[str, Any]) -> bool:
    kind = device.CONDITIONS.get(config["domain"], config["type"])
    if kind is None:
        raise ConditionError(f"device condition type {config['domain']}.{config['type']} is gone")
    entity_id = resolve(host.registries, config)  # a DeviceReferenceError is a ValueError
    resolved = dict(config) if entity_id is None else {**config, "entity_id": entity_id}
    return kind.check(host, resolved, variables)


_HANDLERS: dict[str, Callable[[Host, Mapping[str, Any], Mapping[str, Any]], bool]] = {
    "state": _state,
    "numeric_state": _numeric,
    "template": _template,
    "time": _time,
    "sun": _sun,
    "trigger": _trigger,
    "zone": _zone,
    "device": _device,
}
