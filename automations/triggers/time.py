"""Time trigger: fixed local times, input_datetime entities and timestamp sensors (with offset)."""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.events import Event

from ..host import Host, Unsubscribe
from . import FireCallback, TriggerInfo

_LOGGER = logging.getLogger(__name__)


def _at_item(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        checked = vol.Schema(
            {vol.Required("entity_id"): cv.entity_id, vol.Optional("offset"): cv.time_period}
        )(value)
        return {"entity_id": checked["entity_id"], "offset": checked.get("offset", timedelta())}
    if isinstance(value, str) and "." in value and ":" not in value:
        return {"entity_id": cv.entity_id(value), "offset": timedelta()}
    return {"time": cv.time(value)}


SCHEMA = {vol.Required("at"): vol.All(cv.ensure_list, [_at_item])}


def next_time_of_day(host: Host, at: time, now: datetime | None = None) -> datetime:
    """The next local datetime (strictly after now) with wall-clock time `at`."""
    local = (now or host.now()).astimezone(host.time_zone)
    candidate = datetime.combine(local.date(), at, tzinfo=host.time_zone)
    while candidate <= local:
        candidate = datetime.combine(
            candidate.date() + timedelta(days=1), at, tzinfo=host.time_zone
        )
    return candidate


def entity_moment(host: Host, entity_id: str) -> tuple[datetime | None, time | None]:
    """(absolute datetime, or daily time) described by an input_datetime / timestamp entity."""
    state = host.state(entity_id)
    if state is None or state.state in ("unknown", "unavailable", ""):
        return None, None
    attrs = state.attributes
    try:
        if entity_id.startswith("input_datetime."):
            has_date = attrs.get("has_date", True)
            has_time = attrs.get("has_time", True)
            if has_time and not has_date:
                return None, time.fromisoformat(state.state)
            if has_date and not has_time:
                day = datetime.fromisoformat(state.state).date()
                return datetime.combine(day, time(), tzinfo=host.time_zone), None
            moment = datetime.fromisoformat(state.state)
        else:
            moment = datetime.fromisoformat(state.state)
    except ValueError:
        _LOGGER.warning("Time trigger: %s has no usable time (%r)", entity_id, state.state)
        return None, None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=host.time_zone)
    return moment, None


def attach(
    host: Host, config: dict[str, Any], fire: FireCallback, info: TriggerInfo
) -> Unsubscribe:
    cancels: dict[int, Unsubscribe] = {}
    removers: list[Unsubscribe] = []

    def schedule(index: int, item: dict[str, Any]) -> None:
        old = cancels.pop(index, None)
        if old is not None:
            old()
        if "time" in item:
            when: datetime | None = next_time_of_day(host, item["time"])
            description = f"time {item['time']}"
        else:
            moment, daily = entity_moment(host, item["entity_id"])
            offset = item["offset"]
            description = f"time from {item['entity_id']}"
            if daily is not None:
                base = next_time_of_day(host, daily, host.now() - offset)
                when = base + offset
            elif moment is not None:
                when = moment + offset
                if when <= host.now():
                    return
            else:
                return

        def due() -> None:
            host.stats.trigger_evaluations += 1
            cancels.pop(index, None)
            fire(
                {
                    "platform": "time",
                    "now": host.local_now(),
                    "entity_id": item.get("entity_id"),
                    "description": description,
                },
                None,
            )
            schedule(index, item)

        assert when is not None
        cancels[index] = host.call_at(when, due)

    for index, item in enumerate(config["at"]):
        schedule(index, item)
        if "entity_id" in item:

            def changed(_event: Event, index: int = index, item: dict[str, Any] = item) -> None:
                host.stats.trigger_evaluations += 1
                schedule(index, item)

            removers.append(host.listen_state([item["entity_id"]], changed))

    def detach() -> None:
        for cancel in cancels.values():
            cancel()
        cancels.clear()
        for remove in removers:
            remove()

    return detach
