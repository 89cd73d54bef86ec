"""Value helpers: conversions with defaults, statistics, rounding, logic, text helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hub.templates import TemplateError

Render = Callable[..., Any]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ '3.5' | float }}", 3.5),
        ("{{ float('3.5') }}", 3.5),
        ("{{ 'abc' | float(0) }}", 0),
        ("{{ float('abc', 1.5) }}", 1.5),
        ("{{ float(none, 'fallback') }}", "fallback"),
        ("{{ '42' | int }}", 42),
        ("{{ '3.7' | int }}", 3),
        ("{{ int('x', -1) }}", -1),
        ("{{ '0x1F' | int(base=16) }}", 31),
        ("{{ 'on' | bool }}", True),
        ("{{ bool('off') }}", False),
        ("{{ 'maybe' | bool(none) }}", None),
        ("{{ bool(1) }}", True),
        ("{{ bool(0) }}", False),
    ],
)
def test_conversions(render: Render, source: str, expected: Any) -> None:
    assert render(source) == expected


@pytest.mark.parametrize(
    "source",
    ["{{ 'abc' | float }}", "{{ int('abc') }}", "{{ 'maybe' | bool }}", "{{ float(none) }}"],
)
def test_conversions_without_default_raise(render: Render, source: str) -> None:
    with pytest.raises(TemplateError, match="got invalid input"):
        render(source)


def test_is_number(render: Render) -> None:
    assert render("{{ is_number('1.5') }}") is True
    assert render("{{ is_number(3) }}") is True
    assert render("{{ is_number('nan') }}") is False
    assert render("{{ is_number('inf') }}") is False
    assert render("{{ is_number('abc') }}") is False
    assert render("{{ is_number(none) }}") is False
    assert render("{{ is_number(true) }}") is False
    assert render("{{ '7' is is_number }}") is True
    assert render("{{ '7' | is_number }}") is True


def test_iif(render: Render) -> None:
    assert render("{{ iif(true) }}") is True
    assert render("{{ iif(0) }}") is False
    assert render("{{ iif(1 > 0, 'yes', 'no') }}") == "yes"
    assert render("{{ iif(none, 'yes', 'no', 'none') }}") == "none"
    assert render("{{ iif(none, 'yes', 'no') }}") == "no"
    assert render("{{ (states('light.kitchen') == 'on') | iif('lit', 'dark') }}") == "lit"


def test_min_max_functions_and_filters(render: Render) -> None:
    assert render("{{ min(3, 1, 2) }}") == 1
    assert render("{{ max([3, 1, 2]) }}") == 3
    assert render("{{ [3, 1, 2] | min }}") == 1
    assert render("{{ [3, 1, 2] | max }}") == 3
    assert render("{{ [] | max }}") == ""
    with pytest.raises(TemplateError, match="at least 1 argument"):
        render("{{ min() }}")


def test_average_and_median(render: Render) -> None:
    assert render("{{ average(1, 2, 3, 6) }}") == 3.0
    assert render("{{ [1, 2, 3, 6] | average }}") == 3.0
    assert render("{{ median([5, 1, 3]) }}") == 3
    assert render("{{ [1, 2, 3, 4] | median }}") == 2.5
    assert render("{{ average([], default=0) }}") == 0
    assert render("{{ [] | median(default='none') }}") == "none"
    assert render("{{ statistical_mode([1, 2, 2]) }}") == 2
    with pytest.raises(TemplateError, match="average got invalid input"):
        render("{{ average([]) }}")
    with pytest.raises(TemplateError, match="median got invalid input"):
        render("{{ median(['a', 1]) }}")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ 2.5 | round }}", 2),
        ("{{ 3.14159 | round(2) }}", 3.14),
        ("{{ 3.14159 | round(2, 'floor') }}", 3.14),
        ("{{ 3.141 | round(2, 'ceil') }}", 3.15),
        ("{{ 3.3 | round(0, 'ceil') }}", 4),
        ("{{ 3.7 | round(0, 'floor') }}", 3),
        ("{{ 3.3 | round(1, 'half') }}", 3.5),
        ("{{ '7.26' | round(1) }}", 7.3),
        ("{{ 'x' | round(1, default=0) }}", 0),
    ],
)
def test_round(render: Render, source: str, expected: Any) -> None:
    assert render(source) == expected


def test_round_without_default_raises(render: Render) -> None:
    with pytest.raises(TemplateError, match="round got invalid input"):
        render("{{ 'x' | round }}")


def test_math_helpers(render: Render) -> None:
    assert render("{{ 16 | sqrt }}") == 4.0
    assert render("{{ log(100, 10) | round(3) }}") == 2.0
    assert render("{{ '2' | multiply(3) }}") == 6.0
    assert render("{{ '2' | add(3) }}") == 5.0
    assert render("{{ bitwise_and(12, 10) }}") == 8
    assert render("{{ (pi * 100) | int }}") == 314
    assert render("{{ -1 | sqrt(default='bad') }}") == "bad"


def test_json(render: Render) -> None:
    assert render("{{ '{\"a\": [1, 2]}' | from_json }}") == {"a": [1, 2]}
    assert render("{{ from_json('not json', 'bad') }}") == "bad"
    with pytest.raises(TemplateError, match="from_json"):
        render("{{ 'not json' | from_json }}")
    assert render("{{ {'b': 1, 'a': 'ä'} | to_json(sort_keys=True) }}", parse_result=False) == (
        '{"a":"ä","b":1}'
    )
    assert render("{{ {'a': 'ä'} | to_json(ensure_ascii=True) }}", parse_result=False) == (
        '{"a": "\\u00e4"}'
    )
    assert render("{{ (states.light.kitchen | to_json | from_json).state }}") == "on"


def test_regex(render: Render) -> None:
    assert render("{{ 'Hello World' | regex_match('hello', ignorecase=True) }}") is True
    assert render("{{ 'Hello World' | regex_match('World') }}") is False
    assert render("{{ 'Hello World' | regex_search('World') }}") is True
    assert render("{{ 'a1b22' | regex_replace('[0-9]+', '#') }}") == "a#b#"
    assert render("{{ 'a1b22' | regex_findall('[0-9]+') }}") == ["1", "22"]
    assert render("{{ 'a1b22' | regex_findall_index('[0-9]+', 1) }}") == 22
    assert render("{{ 'abc' is match('a') }}") is True
    assert render("{{ 'abc' is search('c') }}") is True
    with pytest.raises(TemplateError, match="IndexError"):
        render("{{ 'abc' | regex_findall_index('x') }}")


def test_strings(render: Render) -> None:
    assert render("{{ 'Living Room Lamp!' | slugify }}") == "living_room_lamp"
    assert render("{{ 'Ünïcode Straße' | slugify('-') }}") == "unicode-strae"
    assert render("{{ 'hello' | base64_encode }}") == "aGVsbG8="
    assert render("{{ 'aGVsbG8=' | base64_decode }}") == "hello"
    assert render("{{ 'hi' | sha256 }}").startswith("8f434346")
    assert [render("{{ n | ordinal }}", {"n": n}) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "102nd",
    ]  # fmt: skip


def test_contains_and_flatten(render: Render) -> None:
    assert render("{{ [1, 2] | contains(2) }}") is True
    assert render("{{ [1, 2] is contains(3) }}") is False
    assert render("{{ [[1, [2]], 3] | flatten }}") == [1, 2, 3]
    assert render("{{ [[1, [2]], 3] | flatten(1) }}") == [1, [2], 3]


def test_caller_variables(render: Render) -> None:
    variables = {"trigger": {"to_state": {"state": "on"}}, "this": {"entity_id": "a.b"}}
    assert render("{{ trigger.to_state.state }} {{ this.entity_id }}", variables) == "on a.b"
