"""Time helpers driven by the engine's FakeClock and Europe/Berlin as local time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from hub.clock import FakeClock
from hub.states import StateMachine
from hub.templates import TemplateError

from .conftest import BERLIN

Render = Callable[..., Any]


def test_now_and_utcnow(render: Render) -> None:
    assert render("{{ now().isoformat() }}") == "2026-01-05T13:00:00+01:00"
    assert render("{{ utcnow().isoformat() }}") == "2026-01-05T12:00:00+00:00"
    assert render("{{ now().hour }}") == 13


async def test_now_follows_the_clock(render: Render, clock: FakeClock) -> None:
    await clock.advance(timedelta(hours=2, minutes=30))
    assert render("{{ now().strftime('%H:%M') }}") == "15:30"


def test_today_at(render: Render) -> None:
    assert render("{{ today_at('07:30').isoformat() }}") == "2026-01-05T07:30:00+01:00"
    assert render("{{ today_at().isoformat() }}") == "2026-01-05T00:00:00+01:00"
    assert render("{{ now() > today_at('12:59') }}") is True
    assert render("{{ now() < today_at('13:01:30') }}") is True
    with pytest.raises(TemplateError, match="today_at"):
        render("{{ today_at('25:99') }}")


def test_as_timestamp(render: Render) -> None:
    expected = datetime(2026, 1, 5, 12, 0, tzinfo=UTC).timestamp()
    assert render("{{ as_timestamp(now()) }}") == expected
    assert render("{{ as_timestamp('2026-01-05T12:00:00Z') }}") == expected
    assert render("{{ '2026-01-05 13:00:00' | as_timestamp }}") == expected  # naive is local
    assert render("{{ as_timestamp('garbage', 0) }}") == 0
    with pytest.raises(TemplateError, match="as_timestamp got invalid input"):
        render("{{ as_timestamp('garbage') }}")


def test_as_datetime(render: Render) -> None:
    assert render("{{ as_datetime('2026-01-05T12:00:00+00:00').hour }}") == 12
    assert render("{{ as_datetime(0).year }}") == 1970
    assert render("{{ as_datetime('1767614400').isoformat() }}") == "2026-01-05T12:00:00+00:00"
    assert render("{{ as_datetime('nope', none) }}") is None
    with pytest.raises(TemplateError, match="as_datetime got invalid input"):
        render("{{ as_datetime('nope') }}")
    assert render("{{ now() | as_datetime | as_timestamp }}") == 1767614400.0


def test_as_local(render: Render) -> None:
    assert render("{{ as_local(utcnow()).isoformat() }}") == "2026-01-05T13:00:00+01:00"
    assert render("{{ (utcnow() | as_local).utcoffset() }}") == "1:00:00"


async def test_relative_time_and_since_until(
    render: Render, states: StateMachine, clock: FakeClock
) -> None:
    await clock.advance(timedelta(hours=2, minutes=10))
    assert render("{{ relative_time(states.light.kitchen.last_changed) }}") == "2 hours"
    assert render("{{ time_since(states.light.kitchen.last_changed, 2) }}") == "2 hours 10 minutes"
    assert render("{{ time_until(now() + timedelta(days=1, seconds=30)) }}") == "1 day"
    assert render("{{ relative_time(now() + timedelta(hours=1)) }}").startswith("2026-01-05")
    assert render("{{ relative_time('not a date') }}") == "not a date"
    assert render("{{ relative_time(now()) }}") == "0 seconds"
    assert render("{{ relative_time(now() - timedelta(seconds=1)) }}") == "1 second"


def test_timedelta_and_strptime(render: Render) -> None:
    assert render("{{ (now() - timedelta(minutes=90)).strftime('%H:%M') }}") == "11:30"
    assert render("{{ strptime('2026-02-03', '%Y-%m-%d').day }}") == 3
    assert render("{{ strptime('bad', '%Y', 'fallback') }}") == "fallback"
    with pytest.raises(TemplateError, match="strptime got invalid input"):
        render("{{ strptime('bad', '%Y') }}")
    assert render("{{ as_timedelta('01:30:00').total_seconds() }}") == 5400.0


def test_timestamp_filters(render: Render) -> None:
    assert render("{{ 1767614400 | timestamp_local }}") == "2026-01-05T13:00:00+01:00"
    assert render("{{ 1767614400 | timestamp_utc }}") == "2026-01-05T12:00:00+00:00"
    assert render("{{ 1767614400 | timestamp_custom('%H:%M') }}") == "13:00"
    assert render("{{ 1767614400 | timestamp_custom('%H:%M', false) }}") == "12:00"
    assert render("{{ 'x' | timestamp_local('n/a') }}") == "n/a"
    with pytest.raises(TemplateError, match="timestamp_utc got invalid input"):
        render("{{ 'x' | timestamp_utc }}")


def test_time_zone_can_change(render: Render, engine: Any) -> None:
    assert engine.time_zone is BERLIN
    engine.time_zone = UTC
    assert render("{{ now().hour }}") == 12
