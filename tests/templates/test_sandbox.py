"""Sandbox: private attributes refused, loops/output/values bounded, clear error messages."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from hub.clock import FakeClock
from hub.errors import HubError
from hub.states import StateMachine
from hub.templates import Template, TemplateEngine, TemplateError, TemplateLimits

from .conftest import BERLIN

Render = Callable[..., Any]
QUICK = 1.5  # seconds; every bounded failure must come back well within this


@pytest.mark.parametrize(
    "source",
    [
        "{{ states.__class__ }}",
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ states.light.kitchen._state }}",
        "{{ states.light._machine }}",
        "{{ now.__globals__ }}",
        "{{ (1).__class__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ range.__closure__ }}",
    ],
)
def test_private_attributes_raise(render: Render, source: str) -> None:
    with pytest.raises(TemplateError, match=r"unsafe|SecurityError") as err:
        render(source)
    assert isinstance(err.value, HubError)


def test_known_mutables_cannot_be_modified(render: Render) -> None:
    with pytest.raises(TemplateError, match="unsafe"):
        render("{% set d = {'a': 1} %}{{ d.update({'b': 2}) }}")
    with pytest.raises(TemplateError, match="unsafe"):
        render("{{ [1].append(2) }}")
    with pytest.raises(TemplateError):
        render("{{ states.light.kitchen.attributes.update({'x': 1}) }}")


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("{% for i in range(10**9) %}{% endfor %}", "range"),
        ("{{ range(10**9) | list }}", "range"),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "loop iterations",
        ),
        ("{% for i in range(100000) %}{{ i }}{% endfor %}", "output exceeds"),
        ("{{ 'x' * 10**9 }}", "too large"),
        ("{{ [0] * 10**9 }}", "too large"),
        ("{{ 10 ** 1000000 }}", "integer too large"),
        (
            "{% set ns = namespace(s='ab') %}{% for i in range(60) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            "too large",
        ),
        (
            "{% set ns = namespace(s=['ab']) %}{% for i in range(60) %}"
            "{% set ns.s = ns.s + ns.s %}{% endfor %}",
            "too large",
        ),
        ("{% set big = 'x' * 1000000 %}{{ [big] * 1000 }}", "too large"),
        ("{% set big = 'x' * 600000 %}{% set x = ','.join([big, big]) %}", "too large"),
        ("{% set big = 'x' * 600000 %}{% set x = [big, big] | join %}", "too large"),
        ("{{ 'x'.center(10**9) }}", "too large"),
        ("{{ 'x' | center(10**9) }}", "too large"),
        ("{{ 'x' | indent(10**9) }}", "too large"),
        ("{{ '%0999999999d' % 1 }}", "width"),
        ("{{ '%0999999999d' | format(1) }}", "width"),
        ("{{ '{:>999999999}'.format(1) }}", "width"),
        ("{{ 'ab' | replace('a', 'x' * 1000000) | replace('x', 'yy') }}", "too large"),
        ("{{ [1, 2] | slice(10**9) | list }}", "too large"),
        ("{{ [1] | batch(10**9, 0) | list }}", "too large"),
        ("{{ [1] | tojson(10**9) }}", "too large"),
        ("{{ lipsum(10**6) }}", "UndefinedError"),
        ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "recursion|iterations"),
    ],
)
def test_resource_bombs_fail_quickly(render: Render, source: str, reason: str) -> None:
    started = time.monotonic()
    with pytest.raises(TemplateError, match=reason):
        render(source)
    assert time.monotonic() - started < QUICK


def test_deadline_stops_slow_render(states: StateMachine, clock: FakeClock) -> None:
    limits = TemplateLimits(max_seconds=0.05, max_iterations=10**9)
    engine = TemplateEngine(states, clock, BERLIN, limits=limits)
    source = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    with pytest.raises(TemplateError, match=r"longer than 0\.05 seconds"):
        Template(source, engine).render()
    assert time.monotonic() - started < QUICK


def test_limits_are_configurable(states: StateMachine, clock: FakeClock) -> None:
    engine = TemplateEngine(states, clock, BERLIN, limits=TemplateLimits(max_output=10))
    assert Template("{{ 'x' * 10 }}", engine).render() == "x" * 10
    with pytest.raises(TemplateError, match="output exceeds 10"):
        Template("{{ 'x' * 11 }}", engine).render()


def test_render_within_limits_still_works(render: Render) -> None:
    assert render("{% for i in range(1000) %}{% endfor %}ok") == "ok"
    assert render("{{ range(3) | list }}") == [0, 1, 2]
    assert render("{{ 'ab' * 3 }}") == "ababab"
    assert render("{{ 2 ** 10 }}") == 1024
    assert render("{{ '%05.1f' % 3.14159 }}") == "003.1"
    assert render("{{ '[{:>5}]'.format('a') }}") == "[    a]"
    assert render("{{ [1] + [2] }}") == [1, 2]
    assert render("{{ 'a' ~ 1 ~ none }}") == "a1None"
    assert render("{{ 7 % 3 }}") == 1


def test_engine_keeps_working_after_a_failure(render: Render) -> None:
    with pytest.raises(TemplateError):
        render("{% for i in range(100000) %}{% for j in range(100) %}{% endfor %}{% endfor %}")
    assert render("{% for i in range(100) %}{% endfor %}{{ states('light.kitchen') }}") == "on"


def test_syntax_error_message_is_clear(engine: TemplateEngine) -> None:
    source = "Hello\n{{ states('sensor.temp') | float(0) \n more"
    with pytest.raises(TemplateError) as err:
        Template(source, engine).ensure_valid()
    message = str(err.value)
    assert message.startswith("Syntax error:")
    assert "(line 3)" in message
    assert "Hello {{ states('sensor.temp')" in message
    assert err.value.line == 3
    assert err.value.source == source


def test_error_message_shortens_long_source(render: Render) -> None:
    source = "{{ " + " + ".join(["states('sensor.temp') | float"] * 20) + " + 'x' }}"
    with pytest.raises(TemplateError) as err:
        render(source)
    assert "TypeError" in str(err.value)
    assert "..." in str(err.value)
    assert len(str(err.value)) < 250


def test_undefined_variables_render_empty_but_fail_in_operations(render: Render) -> None:
    assert render("{{ missing }}") == ""
    assert render("{{ missing is defined }}") is False
    with pytest.raises(TemplateError, match="UndefinedError"):
        render("{{ missing + 1 }}")
