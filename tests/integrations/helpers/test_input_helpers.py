"""input_boolean/number/select/text/datetime/button through a real hub."""

from __future__ import annotations

import pytest

from hub.errors import ValidationError

CONFIG = """
homeassistant:
  time_zone: UTC
input_boolean:
  guest_mode:
    name: Guest mode
    icon: mdi:account
  forced:
    initial: true
input_number:
  volume:
    name: Volume
    min: 0
    max: 10
    step: 2
    unit_of_measurement: "%"
input_select:
  scene:
    options: ["Off", Movie, Party]
input_text:
  code:
    min: 2
    max: 5
    pattern: "[0-9]*"
input_datetime:
  alarm:
    has_time: true
    initial: "07:30"
  both:
    has_date: true
    has_time: true
input_button:
  ring: {name: Ring}
"""


async def test_input_boolean_services_and_attributes(make_hub) -> None:
    hub = await make_hub(CONFIG)
    state = hub.states.get("input_boolean.guest_mode")
    assert state.state == "off"
    assert state.attributes["friendly_name"] == "Guest mode"
    assert state.attributes["editable"] is False
    await hub.services.call("input_boolean", "turn_on", {"entity_id": "input_boolean.guest_mode"})
    assert hub.states.get("input_boolean.guest_mode").state == "on"
    await hub.services.call("input_boolean", "toggle", {"entity_id": "input_boolean.guest_mode"})
    assert hub.states.get("input_boolean.guest_mode").state == "off"
    assert hub.states.get("input_boolean.forced").state == "on"
    with pytest.raises(ValidationError):
        await hub.services.call("input_boolean", "turn_on", {"bogus": 1})


async def test_input_number(make_hub) -> None:
    hub = await make_hub(CONFIG)
    state = hub.states.get("input_number.volume")
    assert state.state == "0.0"
    assert {k: state.attributes[k] for k in ("min", "max", "step", "mode", "initial")} == {
        "min": 0.0,
        "max": 10.0,
        "step": 2.0,
        "mode": "slider",
        "initial": None,
    }
    assert state.attributes["unit_of_measurement"] == "%"
    target = {"entity_id": "input_number.volume"}
    await hub.services.call("input_number", "set_value", {**target, "value": 9})
    assert hub.states.get("input_number.volume").state == "9.0"
    await hub.services.call("input_number", "increment", target)
    assert hub.states.get("input_number.volume").state == "10.0"
    await hub.services.call("input_number", "decrement", target)
    assert hub.states.get("input_number.volume").state == "8.0"
    with pytest.raises(ValidationError):
        await hub.services.call("input_number", "set_value", {**target, "value": 11})
    with pytest.raises(ValidationError):
        await hub.services.call("input_number", "set_value", {**target, "value": "loud"})
    assert hub.states.get("input_number.volume").state == "8.0"


async def test_input_select(make_hub) -> None:
    hub = await make_hub(CONFIG)
    target = {"entity_id": "input_select.scene"}
    assert hub.states.get("input_select.scene").state == "Off"
    assert hub.states.get("input_select.scene").attributes["options"] == ["Off", "Movie", "Party"]
    await hub.services.call("input_select", "select_option", {**target, "option": "Party"})
    assert hub.states.get("input_select.scene").state == "Party"
    await hub.services.call("input_select", "select_next", target)
    assert hub.states.get("input_select.scene").state == "Off"
    await hub.services.call("input_select", "select_previous", {**target, "cycle": False})
    assert hub.states.get("input_select.scene").state == "Off"
    await hub.services.call("input_select", "select_last", target)
    assert hub.states.get("input_select.scene").state == "Party"
    await hub.services.call("input_select", "select_first", target)
    assert hub.states.get("input_select.scene").state == "Off"
    with pytest.raises(ValidationError):
        await hub.services.call("input_select", "select_option", {**target, "option": "Nope"})
    await hub.services.call("input_select", "set_options", {**target, "options": ["A", "B"]})
    state = hub.states.get("input_select.scene")
    assert (state.state, state.attributes["options"]) == ("A", ["A", "B"])
    with pytest.raises(ValidationError):
        await hub.services.call("input_select", "set_options", {**target, "options": ["A", "A"]})


async def test_input_text(make_hub) -> None:
    hub = await make_hub(CONFIG)
    target = {"entity_id": "input_text.code"}
    state = hub.states.get("input_text.code")
    assert state.state == "unknown"
    assert state.attributes["pattern"] == "[0-9]*"
    assert state.attributes["mode"] == "text"
    await hub.services.call("input_text", "set_value", {**target, "value": "1234"})
    assert hub.states.get("input_text.code").state == "1234"
    for bad in ("1", "123456", "abc"):
        with pytest.raises(ValidationError):
            await hub.services.call("input_text", "set_value", {**target, "value": bad})
    assert hub.states.get("input_text.code").state == "1234"


async def test_input_datetime(make_hub) -> None:
    hub = await make_hub(CONFIG)
    alarm = hub.states.get("input_datetime.alarm")
    assert alarm.state == "07:30:00"
    assert alarm.attributes["timestamp"] == 7 * 3600 + 30 * 60
    assert (alarm.attributes["has_date"], alarm.attributes["has_time"]) == (False, True)
    both = {"entity_id": "input_datetime.both"}
    assert hub.states.get("input_datetime.both").state == "2026-01-05 00:00:00"
    await hub.services.call("input_datetime", "set_datetime", {**both, "date": "2026-03-01"})
    assert hub.states.get("input_datetime.both").state == "2026-03-01 00:00:00"
    await hub.services.call("input_datetime", "set_datetime", {**both, "time": "21:15"})
    assert hub.states.get("input_datetime.both").state == "2026-03-01 21:15:00"
    await hub.services.call(
        "input_datetime", "set_datetime", {**both, "datetime": "2026-04-02T10:00:00+02:00"}
    )
    assert hub.states.get("input_datetime.both").state == "2026-04-02 08:00:00"
    await hub.services.call("input_datetime", "set_datetime", {**both, "timestamp": 0})
    state = hub.states.get("input_datetime.both")
    assert state.state == "1970-01-01 00:00:00"
    assert (state.attributes["year"], state.attributes["timestamp"]) == (1970, 0.0)
    with pytest.raises(ValidationError):
        await hub.services.call("input_datetime", "set_datetime", both)
    with pytest.raises(ValidationError):
        await hub.services.call(
            "input_datetime", "set_datetime", {**both, "timestamp": 5, "date": "2026-01-01"}
        )
    with pytest.raises(ValidationError):
        await hub.services.call("input_datetime", "set_datetime", {**both, "date": "soon"})


async def test_input_button_press(make_hub, clock) -> None:
    hub = await make_hub(CONFIG)
    assert hub.states.get("input_button.ring").state == "unknown"
    await hub.services.call("input_button", "press", {"entity_id": "input_button.ring"})
    assert hub.states.get("input_button.ring").state == "2026-01-05T12:00:00+00:00"


async def test_invalid_config_fails_only_that_domain(make_hub) -> None:
    hub = await make_hub(
        """
        input_number:
          bad: {min: 5, max: 1}
        input_boolean:
          fine:
        """
    )
    assert "input_number" in hub.loader.report.failed
    assert hub.states.get("input_boolean.fine").state == "off"


async def test_restore_across_restart(make_hub) -> None:
    hub = await make_hub(CONFIG)
    calls = [
        ("input_boolean", "turn_on", {"entity_id": "input_boolean.guest_mode"}),
        ("input_boolean", "turn_off", {"entity_id": "input_boolean.forced"}),
        ("input_number", "set_value", {"entity_id": "input_number.volume", "value": 6}),
        ("input_select", "select_option", {"entity_id": "input_select.scene", "option": "Movie"}),
        ("input_text", "set_value", {"entity_id": "input_text.code", "value": "42"}),
        ("input_datetime", "set_datetime", {"entity_id": "input_datetime.alarm", "time": "06:00"}),
        ("input_button", "press", {"entity_id": "input_button.ring"}),
    ]
    for domain, service, data in calls:
        await hub.services.call(domain, service, data)
    await hub.stop()
    hub2 = await make_hub()
    expected = {
        "input_boolean.guest_mode": "on",
        "input_boolean.forced": "on",  # `initial` wins over the restored state
        "input_number.volume": "6.0",
        "input_select.scene": "Movie",
        "input_text.code": "42",
        "input_datetime.alarm": "07:30:00",  # `initial` wins
        "input_button.ring": "2026-01-05T12:00:00+00:00",
    }
    assert {eid: hub2.states.get(eid).state for eid in expected} == expected


async def test_reload_adds_updates_and_removes(make_hub, config_dir) -> None:
    from tests.conftest import write_config

    hub = await make_hub(CONFIG)
    await hub.services.call("input_boolean", "turn_on", {"entity_id": "input_boolean.guest_mode"})
    write_config(
        config_dir,
        """
        input_boolean:
          guest_mode:
            name: Guests
          new_one:
        """,
    )
    await hub.services.call("input_boolean", "reload")
    guest = hub.states.get("input_boolean.guest_mode")
    assert (guest.state, guest.attributes["friendly_name"]) == ("on", "Guests")
    assert hub.states.get("input_boolean.new_one").state == "off"
    assert hub.states.get("input_boolean.forced") is None
    write_config(config_dir, "input_boolean:\n  x: {initial: maybe}\n")
    with pytest.raises(ValidationError):
        await hub.services.call("input_boolean", "reload")
    assert hub.states.get("input_boolean.guest_mode").state == "on"
