"""Shared voluptuous validators: accepted values, converted results, refused values."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
import voluptuous as vol

from hub.config import validation as cv


@pytest.mark.parametrize(
    ("validator", "value", "expected"),
    [
        (cv.boolean, "on", True),
        (cv.boolean, "Disable", False),
        (cv.boolean, 0, False),
        (cv.boolean, 2.5, True),
        (cv.boolean, True, True),
        (cv.string, 12, "12"),
        (cv.string, "x", "x"),
        (cv.positive_int, "5", 5),
        (cv.positive_float, "0.5", 0.5),
        (cv.port, 8123, 8123),
        (cv.slug, "kitchen_lights", "kitchen_lights"),
        (cv.entity_id, "Light.Kitchen", "light.kitchen"),
        (cv.entity_ids, "light.a, switch.b", ["light.a", "switch.b"]),
        (cv.entity_ids, ["light.a"], ["light.a"]),
        (cv.comp_entity_ids, "ALL", "all"),
        (cv.entity_domain("light"), "light.a", "light.a"),
        (cv.entity_domain(["light", "switch"]), "switch.a", "switch.a"),
        (cv.ensure_list, None, []),
        (cv.ensure_list, 1, [1]),
        (cv.ensure_list, [1], [1]),
        (cv.time_period, 90, timedelta(seconds=90)),
        (cv.time_period, "45", timedelta(seconds=45)),
        (cv.time_period, "01:30", timedelta(hours=1, minutes=30)),
        (cv.time_period, "00:00:05.5", timedelta(seconds=5.5)),
        (cv.time_period, "-00:10", timedelta(minutes=-10)),
        (cv.time_period, {"minutes": 2, "milliseconds": 500}, timedelta(minutes=2, seconds=0.5)),
        (cv.positive_time_period, {"days": 1}, timedelta(days=1)),
        (cv.time, "07:15", time(7, 15)),
        (cv.time, "23:59:30", time(23, 59, 30)),
        (cv.date, "2024-02-29", date(2024, 2, 29)),
        (cv.date, date(2024, 1, 1), date(2024, 1, 1)),
        (cv.datetime, "2024-02-29 10:00", datetime(2024, 2, 29, 10, 0)),
        (cv.url, "https://example.com/x", "https://example.com/x"),
        (cv.icon, "mdi:lamp", "mdi:lamp"),
        (cv.color_hex, "#A0b1C2", "#A0b1C2"),
        (cv.latitude, "52.1", 52.1),
        (cv.longitude, -179.9, -179.9),
        (cv.time_zone, "America/New_York", "America/New_York"),
        (cv.temperature_unit, "c", "°C"),
        (cv.temperature_unit, "°F", "°F"),
        (cv.template, "plain", "plain"),
        (cv.template, 5, "5"),
    ],
)
def test_accepts(validator: Any, value: Any, expected: Any) -> None:
    assert validator(value) == expected


@pytest.mark.parametrize(
    ("validator", "value"),
    [
        (cv.boolean, "maybe"),
        (cv.boolean, None),
        (cv.string, None),
        (cv.string, [1]),
        (cv.positive_int, -1),
        (cv.positive_int, "x"),
        (cv.positive_float, -0.1),
        (cv.port, 0),
        (cv.port, 70000),
        (cv.slug, "Kitchen Lights"),
        (cv.slug, None),
        (cv.entity_id, "light"),
        (cv.entity_id, "light.bad__id"),
        (cv.entity_id, None),
        (cv.entity_ids, "light.a, nope"),
        (cv.entity_ids, None),
        (cv.entity_domain("light"), "switch.a"),
        (cv.time_period, "soon"),
        (cv.time_period, {"weeks": 1}),
        (cv.time_period, {}),
        (cv.time_period, {"minutes": "many"}),
        (cv.time_period, True),
        (cv.time_period, "{{ 5 }}"),
        (cv.positive_time_period, -5),
        (cv.time, "25:00"),
        (cv.time, 750),
        (cv.date, "2023-02-29"),
        (cv.date, datetime(2024, 1, 1)),
        (cv.datetime, "yesterday"),
        (cv.url, "ftp://example.com"),
        (cv.url, "https://"),
        (cv.icon, "lamp"),
        (cv.color_hex, "#12345"),
        (cv.color_hex, "red"),
        (cv.latitude, 91),
        (cv.longitude, "east"),
        (cv.time_zone, "Mars/Olympus"),
        (cv.time_zone, "../../etc/passwd"),
        (cv.temperature_unit, "K"),
        (cv.template, "{{ unclosed "),
        (cv.template, {"a": 1}),
        (cv.template, None),
        (cv.template_only, "no markup"),
    ],
)
def test_refuses(validator: Any, value: Any) -> None:
    with pytest.raises(vol.Invalid):
        validator(value)


def test_slugify() -> None:
    assert cv.slugify("Crème Brûlée Lamp #2") == "creme_brulee_lamp_2"
    assert cv.slugify("Living-Room", separator="-") == "living-room"
    assert cv.slugify("!!!") == "unknown"


def test_template_strings_are_marked() -> None:
    value = cv.template("{{ states('sun.sun') }}")
    assert isinstance(value, cv.TemplateStr) and value == "{{ states('sun.sun') }}"
    assert not isinstance(cv.template("static"), cv.TemplateStr)
    nested = cv.template_complex({"a": ["{% if x %}1{% endif %}", 3], "b": "text"})
    assert isinstance(nested["a"][0], cv.TemplateStr)
    assert nested["a"][1] == 3 and nested["b"] == "text"


def test_time_period_template_keeps_templates() -> None:
    assert isinstance(cv.time_period_template("{{ 5 }}"), cv.TemplateStr)
    assert cv.time_period_template("00:01") == timedelta(minutes=1)
    mixed = cv.time_period_template({"minutes": "{{ m }}", "seconds": 5})
    assert isinstance(mixed["minutes"], cv.TemplateStr) and mixed["seconds"] == 5.0


def test_key_helpers() -> None:
    at_least = cv.has_at_least_one_key("a", "b")
    assert at_least({"b": 1}) == {"b": 1}
    with pytest.raises(vol.Invalid, match="at least one of a, b"):
        at_least({"c": 1})
    at_most = cv.has_at_most_one_key("a", "b")
    with pytest.raises(vol.Invalid):
        at_most({"a": 1, "b": 2})
    depends = cv.key_dependency("password", "username")
    assert depends({"username": "u", "password": "p"})
    with pytest.raises(vol.Invalid, match='requires key "username"'):
        depends({"password": "p"})


def test_deprecated_warns_once_and_keeps_value(caplog: pytest.LogCaptureFixture) -> None:
    schema = vol.Schema(vol.All(cv.deprecated("old_opt_test"), {vol.Optional("old_opt_test"): int}))
    moved = vol.All(cv.deprecated("legacy_test", "modern_test"), dict)
    with caplog.at_level(logging.WARNING):
        assert schema({"old_opt_test": 1}) == {"old_opt_test": 1}
        assert schema({"old_opt_test": 2}) == {"old_opt_test": 2}
        assert moved({"legacy_test": 3}) == {"modern_test": 3}
    messages = [r.getMessage() for r in caplog.records if "deprecated" in r.getMessage()]
    assert len(messages) == 2
    assert "'legacy_test' is deprecated, use 'modern_test'" in messages[1]


def test_target_schema() -> None:
    result = cv.TARGET_SCHEMA(
        {"entity_id": "light.a, light.b", "device_id": "abc", "area_id": ["kitchen", "hall"]}
    )
    assert result == {
        "entity_id": ["light.a", "light.b"],
        "device_id": ["abc"],
        "area_id": ["kitchen", "hall"],
    }
    assert cv.TARGET_SCHEMA({"floor_id": "ground", "label_id": ["l1"]}) == {
        "floor_id": ["ground"],
        "label_id": ["l1"],
    }
    assert cv.TARGET_SCHEMA({"entity_id": "all"}) == {"entity_id": "all"}
    templated = cv.target("{{ {'entity_id': 'light.a'} }}")
    assert isinstance(templated, cv.TemplateStr)
    assert isinstance(cv.TARGET_SCHEMA({"entity_id": "{{ x }}"})["entity_id"], cv.TemplateStr)
    with pytest.raises(vol.Invalid):
        cv.TARGET_SCHEMA({"entity_id": "not valid"})
    with pytest.raises(vol.Invalid):
        cv.TARGET_SCHEMA({"room": "x"})
    service_schema = vol.Schema({**cv.ENTITY_SERVICE_FIELDS, vol.Optional("brightness"): int})
    assert service_schema({"entity_id": "light.a", "brightness": 3})["entity_id"] == ["light.a"]
