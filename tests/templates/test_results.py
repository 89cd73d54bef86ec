"""Native result parsing, static templates, render_bool and render_complex."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hub.clock import FakeClock
from hub.states import StateMachine
from hub.templates import Template, TemplateEngine, render_bool, render_complex

Render = Callable[..., Any]


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("3", 3),
        ("-3", -3),
        ("3.50", 3.5),
        ("True", True),
        ("False", False),
        ("None", None),
        ("[1, 2]", [1, 2]),
        ("{'a': 1}", {"a": 1}),
        ("(1, 2)", (1, 2)),
        ("01", "01"),
        ("007", "007"),
        ("1e5", "1e5"),
        ("1_000", "1_000"),
        ("0x10", "0x10"),
        ("'quoted'", "'quoted'"),
        ("1j", "1j"),
        ("on", "on"),
        ("[1, x", "[1, x"),
        ("", ""),
    ],
)
def test_parse_result(render: Render, output: str, expected: Any) -> None:
    result = render("{{ value }}", {"value": output})
    assert result == expected
    assert type(result) is type(expected)


def test_output_is_stripped_and_raw_without_parsing(render: Render) -> None:
    assert render("  {{ 42 }}\n") == 42
    assert render("{{ 42 }}", parse_result=False) == "42"
    assert render("{{ [1, 2] }}", parse_result=False) == "[1, 2]"


def test_static_template(engine: TemplateEngine) -> None:
    template = Template("just text", engine)
    assert template.is_static
    assert template.render() == "just text"
    number = Template("42", engine)
    assert number.is_static and number.render() == 42
    assert number.render(parse_result=False) == "42"
    for source in ("{{ x }}", "{% if 1 %}{% endif %}", "{# note #}"):
        assert not Template(source, engine).is_static


def test_compiled_once_and_cached(
    engine: TemplateEngine, states: StateMachine, clock: FakeClock
) -> None:
    first = engine.compiled("{{ 1 + 1 }}")
    assert engine.compiled("{{ 1 + 1 }}") is first
    small = TemplateEngine(states, clock, engine.time_zone, cache_size=2)
    one = small.compiled("{{ 1 }}")
    two = small.compiled("{{ 2 }}")
    small.compiled("{{ 1 }}")  # refresh: "{{ 2 }}" is now the least recent
    small.compiled("{{ 3 }}")
    assert small.compiled("{{ 1 }}") is one
    assert small.compiled("{{ 2 }}") is not two


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ true }}", True),
        ("{{ 'on' }}", True),
        ("{{ 'yes' }}", True),
        ("{{ 'enable' }}", True),
        ("{{ 1 }}", True),
        ("{{ 2.5 }}", True),
        ("{{ -1 }}", True),
        ("{{ 0 }}", False),
        ("{{ 'off' }}", False),
        ("{{ 'banana' }}", False),
        ("{{ none }}", False),
        ("", False),
        ("{{ is_state('light.kitchen', 'on') }}", True),
    ],
)
def test_render_bool(engine: TemplateEngine, source: str, expected: bool) -> None:
    assert render_bool(Template(source, engine)) is expected


def test_render_complex(engine: TemplateEngine) -> None:
    data = {
        "entity_id": "light.kitchen",
        "brightness": "{{ state_attr('light.kitchen', 'brightness') + 10 }}",
        "code": "01",
        "flag": True,
        "count": 3,
        "nested": [{"msg": "Temp is {{ states('sensor.temp') }}"}, "{{ x }}", None],
        "{{ 'key' }}": "{{ '05' }}",
        "tpl": Template("{{ x * 2 }}", engine),
    }
    result = render_complex(data, {"x": 4}, engine)
    assert result == {
        "entity_id": "light.kitchen",
        "brightness": 210,
        "code": "01",
        "flag": True,
        "count": 3,
        "nested": [{"msg": "Temp is 21.5"}, 4, None],
        "key": "05",
        "tpl": 8,
    }
    assert render_complex("{{ x }}", {"x": 4}, engine, parse_result=False) == "4"
    assert render_complex(5, None, engine) == 5
