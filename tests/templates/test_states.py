"""State access helpers: states(), states.domain.object_id, is_state, state_attr, expand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hub.states import StateMachine

Render = Callable[..., Any]


def test_states_function(render: Render) -> None:
    assert render("{{ states('sensor.temp') }}") == 21.5
    assert render("{{ states('sensor.temp') }}", parse_result=False) == "21.5"
    assert render("{{ states('sensor.nope') }}") == "unknown"
    assert render("{{ states('SENSOR.TEMP') }}") == 21.5
    assert render("{{ 'sensor.temp' | states }}") == 21.5


def test_states_with_unit_and_rounding(render: Render, states: StateMachine) -> None:
    assert render("{{ states('sensor.temp', with_unit=True) }}") == "21.5 °C"
    assert render("{{ states('sensor.broken', with_unit=True) }}") == "unavailable"
    states.set("sensor.precise", "3.14159", {"display_precision": 2, "unit_of_measurement": "V"})
    assert render("{{ states('sensor.precise', rounded=True) }}") == 3.14
    assert render("{{ states('sensor.precise', rounded=True, with_unit=True) }}") == "3.14 V"
    assert render("{{ states.sensor.precise.state_with_unit }}") == "3.14 V"


def test_state_object_fields(render: Render, states: StateMachine) -> None:
    kitchen = states.get("light.kitchen")
    assert kitchen is not None
    assert render("{{ states.light.kitchen.state }}") == "on"
    assert render("{{ states.light.kitchen.attributes.brightness }}") == 200
    assert render("{{ states.light.kitchen.entity_id }}") == "light.kitchen"
    assert render("{{ states.light.kitchen.domain }}") == "light"
    assert render("{{ states.light.kitchen.object_id }}") == "kitchen"
    assert render("{{ states.light.kitchen.name }}") == "Kitchen Light"
    assert render("{{ states.light.porch.name }}") == "porch"
    assert render("{{ states.light.kitchen.last_changed }}") == str(kitchen.last_changed)
    assert render("{{ states.light.kitchen.last_updated.year }}") == 2026
    assert render("{{ states.light.kitchen.context.id }}") == kitchen.context.id
    assert render("{{ states['light.kitchen'].state }}") == "on"
    assert render("{{ states.light['kitchen'].state }}") == "on"


def test_missing_entity_object_is_none(render: Render) -> None:
    assert render("{{ states.light.nope }}") is None
    assert render("{{ states.light.nope is none }}") is True
    assert render("{{ states.nodomain.nope.state }}") == ""


def test_domain_iteration_sorted(render: Render) -> None:
    assert render("{{ states.light | map(attribute='entity_id') | list }}") == [
        "light.kitchen",
        "light.porch",
    ]
    assert render("{{ states.light | count }}") == 2
    assert render("{{ states.cover | list }}") == []
    assert render("{{ states | count }}") == 6
    assert render("{{ (states | first).entity_id }}") == "group.lights"
    assert render(
        "{{ states.light | selectattr('state', 'eq', 'on') | map(attribute='name') | list }}"
    ) == ["Kitchen Light"]


def test_is_state(render: Render) -> None:
    assert render("{{ is_state('light.kitchen', 'on') }}") is True
    assert render("{{ is_state('light.kitchen', 'off') }}") is False
    assert render("{{ is_state('light.kitchen', ['off', 'on']) }}") is True
    assert render("{{ is_state('light.nope', 'on') }}") is False
    assert render("{{ 'light.kitchen' is is_state('on') }}") is True


def test_state_attr_and_is_state_attr(render: Render) -> None:
    assert render("{{ state_attr('light.kitchen', 'brightness') }}") == 200
    assert render("{{ state_attr('light.kitchen', 'missing') }}") is None
    assert render("{{ state_attr('light.nope', 'brightness') }}") is None
    assert render("{{ is_state_attr('light.kitchen', 'brightness', 200) }}") is True
    assert render("{{ is_state_attr('light.kitchen', 'brightness', 100) }}") is False
    assert render("{{ is_state_attr('light.nope', 'brightness', None) }}") is False


def test_has_value(render: Render) -> None:
    assert render("{{ has_value('sensor.temp') }}") is True
    assert render("{{ has_value('sensor.broken') }}") is False
    assert render("{{ has_value('sensor.nope') }}") is False
    assert render("{{ 'sensor.temp' | has_value }}") is True


def test_expand(render: Render, states: StateMachine) -> None:
    ids = "| map(attribute='entity_id') | list"
    assert render("{{ expand('group.lights') " + ids + " }}") == ["light.kitchen", "light.porch"]
    assert render("{{ expand('switch.kettle', 'group.lights') " + ids + " }}") == [
        "light.kitchen",
        "light.porch",
        "switch.kettle",
    ]
    assert render("{{ expand(['light.porch', states.light.kitchen]) " + ids + " }}") == [
        "light.kitchen",
        "light.porch",
    ]
    assert render("{{ expand('light.nope') | list }}") == []
    # nested and self-referencing groups terminate
    states.set("group.outer", "on", {"entity_id": ["group.lights", "group.outer", "switch.kettle"]})
    assert render("{{ expand('group.outer') " + ids + " }}") == [
        "light.kitchen",
        "light.porch",
        "switch.kettle",
    ]
    assert render("{{ 'group.lights' | expand | count }}") == 2


def test_state_object_is_read_only(render: Render, states: StateMachine) -> None:
    # the wrapper exposes no cache or mutating helpers of the underlying State
    assert render("{{ states.light.kitchen.cached is defined }}") is False
    assert render("{{ states.light.kitchen.as_dict is defined }}") is False
    before = states.get("light.kitchen")
    render("{{ states.light.kitchen.attributes.items() | list }}")
    assert states.get("light.kitchen") is before
