"""Which helpers templates see as globals, filters and tests (Home Assistant's names)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from jinja2 import Environment

from . import functions as fn
from . import text
from .registry import RegistryFunctions
from .state_access import StateFunctions, TemplateState
from .time_functions import TimeFunctions, as_timedelta


def install(
    env: Environment, states: StateFunctions, times: TimeFunctions, registry: RegistryFunctions
) -> None:
    """Register every helper on `env`; called once per engine."""
    both: dict[str, Any] = {
        # state access
        "is_state": states.is_state,
        "state_attr": states.state_attr,
        "is_state_attr": states.is_state_attr,
        "has_value": states.has_value,
        "expand": states.expand,
        # registries
        "area_id": registry.area_id,
        "area_name": registry.area_name,
        "area_entities": registry.area_entities,
        "area_devices": registry.area_devices,
        "device_id": registry.device_id,
        "device_attr": registry.device_attr,
        "device_entities": registry.device_entities,
        "label_entities": registry.label_entities,
        "floor_areas": registry.floor_areas,
        "floor_id": registry.floor_id,
        "floor_name": registry.floor_name,
        "label_id": registry.label_id,
        "label_name": registry.label_name,
        "labels": registry.labels,
        # time
        "as_timestamp": times.as_timestamp,
        "as_datetime": times.as_datetime,
        "as_local": times.as_local,
        "as_timedelta": as_timedelta,
        "relative_time": times.relative_time,
        "time_since": times.time_since,
        "time_until": times.time_until,
        "strptime": times.strptime,
        "today_at": times.today_at,
        # values
        "float": fn.forgiving_float,
        "int": fn.forgiving_int,
        "bool": fn.forgiving_bool,
        "is_number": fn.is_number,
        "iif": fn.iif,
        "min": fn.template_min,
        "max": fn.template_max,
        "average": fn.average,
        "median": fn.median,
        "statistical_mode": fn.statistical_mode,
        "atan2": fn.atan2,
        "bitwise_and": fn.bitwise_and,
        "bitwise_or": fn.bitwise_or,
        "bitwise_xor": fn.bitwise_xor,
        "flatten": fn.flatten,
        **fn.MATH,
        # text
        "from_json": text.from_json,
        "to_json": text.to_json,
        "regex_match": text.regex_match,
        "regex_search": text.regex_search,
        "regex_replace": text.regex_replace,
        "regex_findall": text.regex_findall,
        "regex_findall_index": text.regex_findall_index,
        "slugify": text.slugify,
        "base64_encode": text.base64_encode,
        "base64_decode": text.base64_decode,
        "ordinal": text.ordinal,
        **text.HASHES,
    }
    env.globals.update(both)
    env.filters.update(both)
    env.globals.update(
        states=states.states,
        areas=registry.areas,
        floors=registry.floors,
        now=times.now,
        utcnow=times.utcnow,
        timedelta=timedelta,
        pi=math.pi,
        e=math.e,
        tau=math.tau,
        inf=math.inf,
    )
    env.filters.update(
        states=states.states,
        round=fn.forgiving_round,
        multiply=fn.multiply,
        add=fn.add,
        contains=fn.contains,
        timestamp_local=times.timestamp_local,
        timestamp_utc=times.timestamp_utc,
        timestamp_custom=times.timestamp_custom,
    )
    env.tests.update(
        is_number=fn.is_number,
        match=text.regex_match,
        search=text.regex_search,
        contains=fn.contains,
        datetime=lambda value: isinstance(value, datetime),
        list=lambda value: isinstance(value, list),
        boolean=lambda value: isinstance(value, bool),
        string_like=lambda value: isinstance(value, (str, bytes, bytearray)),
        state_object=lambda value: isinstance(value, TemplateState),
        is_state=states.is_state,
        is_state_attr=states.is_state_attr,
        has_value=states.has_value,
    )
