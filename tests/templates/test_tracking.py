"""RenderInfo: which entities, domains and whole-state reads a render depended on."""

from __future__ import annotations

from hub.templates import Template, TemplateEngine


def info_for(engine: TemplateEngine, source: str):
    return Template(source, engine).render_info()


def test_states_call_tracks_entity(engine: TemplateEngine) -> None:
    info = info_for(engine, "{{ states('sensor.temp') | float(0) > 20 }}")
    assert info.result is True
    assert info.exception is None
    assert info.entities == {"sensor.temp"}
    assert info.domains == set()
    assert info.all_states is False
    assert info.depends_on("sensor.temp")
    assert not info.depends_on("sensor.other")


def test_attribute_walk_tracks_entity_even_when_missing(engine: TemplateEngine) -> None:
    info = info_for(engine, "{{ states.light.kitchen.state }} {{ states.light.nope }}")
    assert info.entities == {"light.kitchen", "light.nope"}


def test_helpers_track_entities(engine: TemplateEngine) -> None:
    info = info_for(
        engine,
        "{{ is_state('light.porch', 'on') }}{{ state_attr('light.kitchen', 'brightness') }}"
        "{{ has_value('sensor.broken') }}{{ is_state_attr('switch.kettle', 'x', 1) }}",
    )
    assert info.entities == {"light.porch", "light.kitchen", "sensor.broken", "switch.kettle"}


def test_expand_tracks_group_and_members(engine: TemplateEngine) -> None:
    info = info_for(engine, "{{ expand('group.lights') | count }}")
    assert info.entities == {"group.lights", "light.kitchen", "light.porch"}


def test_domain_iteration_tracks_domain(engine: TemplateEngine) -> None:
    info = info_for(engine, "{{ states.light | selectattr('state', 'eq', 'on') | list | count }}")
    assert info.result == 1
    assert info.domains == {"light"}
    assert info.all_states is False
    assert info.depends_on("light.new_one")
    assert not info.depends_on("switch.kettle")


def test_domain_count_tracks_domain(engine: TemplateEngine) -> None:
    assert info_for(engine, "{{ states.switch | count }}").domains == {"switch"}


def test_all_states_iteration(engine: TemplateEngine) -> None:
    info = info_for(engine, "{% for s in states %}{{ s.entity_id }} {% endfor %}")
    assert info.all_states is True
    assert info.depends_on("anything.at_all")
    assert info_for(engine, "{{ states | count }}").all_states is True


def test_time_is_tracked(engine: TemplateEngine) -> None:
    assert info_for(engine, "{{ now().hour }}").has_time is True
    assert info_for(engine, "{{ 1 + 1 }}").has_time is False


def test_error_is_captured_with_partial_tracking(engine: TemplateEngine) -> None:
    info = info_for(engine, "{{ states('sensor.temp') }}{{ 'x' | float }}")
    assert info.result is None
    assert info.exception is not None
    assert "float got invalid input" in str(info.exception)
    assert info.entities == {"sensor.temp"}


def test_static_template_tracks_nothing(engine: TemplateEngine) -> None:
    info = info_for(engine, "plain text")
    assert info.result == "plain text"
    assert not info.entities and not info.domains and not info.all_states


def test_tracking_is_per_render(engine: TemplateEngine) -> None:
    template = Template("{{ states('sensor.temp') }}", engine)
    template.render()  # no info collected, must not leak into the next render_info
    other = info_for(engine, "{{ 1 }}")
    assert other.entities == set()
    assert template.render_info().entities == {"sensor.temp"}
