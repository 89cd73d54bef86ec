"""Area/device/label/floor helpers over a RegistryView (an in-test implementation)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hub.clock import FakeClock
from hub.states import StateMachine
from hub.templates import Template, TemplateEngine

from .conftest import BERLIN

Render = Callable[..., Any]


def test_area_helpers(render: Render) -> None:
    assert render("{{ area_id('Kitchen') }}") == "kitchen"
    assert render("{{ area_id('kitchen') }}") == "kitchen"
    assert render("{{ area_id('Attic') }}") is None
    assert render("{{ area_name('kitchen') }}") == "Kitchen"
    assert render("{{ area_name('light.lamp') }}") == "Living Room"
    assert render("{{ area_name('dev1') }}") == "Kitchen"
    assert render("{{ area_entities('Kitchen') }}") == ["switch.kettle", "sensor.fridge_temp"]
    assert render("{{ 'kitchen' | area_entities }}") == ["switch.kettle", "sensor.fridge_temp"]
    assert render("{{ area_entities('Attic') }}") == []
    assert render("{{ area_devices('living_room') }}") == ["dev2"]


def test_device_helpers(render: Render) -> None:
    assert render("{{ device_id('light.lamp') }}") == "dev2"
    assert render("{{ device_id('Fridge') }}") == "dev1"
    assert render("{{ device_attr('dev1', 'manufacturer') }}") == "Acme"
    assert render("{{ device_attr('light.lamp', 'name') }}") == "Lamp"
    assert render("{{ device_attr('dev1', '__class__') }}") is None
    assert render("{{ device_attr('nope', 'name') }}") is None
    assert render("{{ device_entities('dev1') }}") == ["sensor.fridge_temp"]


def test_label_and_floor_helpers(render: Render) -> None:
    assert render("{{ label_entities('critical') }}") == ["sensor.fridge_temp", "lock.door"]
    assert render("{{ floor_areas('ground') }}") == ["kitchen", "living_room"]
    assert render("{{ floor_areas('roof') }}") == []


def test_expand_area_entities(render: Render) -> None:
    assert render("{{ area_entities('kitchen') | expand | map(attribute='state') | list }}") == [
        "off"
    ]


def test_without_registries_helpers_are_empty(states: StateMachine, clock: FakeClock) -> None:
    engine = TemplateEngine(states, clock, BERLIN)
    assert Template("{{ area_entities('kitchen') }}", engine).render() == []
    assert Template("{{ area_name('kitchen') }}", engine).render() is None
    assert Template("{{ device_attr('dev1', 'name') }}", engine).render() is None
    assert Template("{{ label_entities('x') }}", engine).render() == []
