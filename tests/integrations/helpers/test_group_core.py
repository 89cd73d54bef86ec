"""group state rules, homeassistant.* services, persistent_notification, system_health."""

from __future__ import annotations

import pytest

from hub.errors import HubError, ValidationError
from hub.services import ServiceCall
from integrations.group.rules import group_state

CONFIG = """
input_boolean:
  a:
  b:
group:
  switches:
    name: Switches
    entities: input_boolean.a, input_boolean.b
  both:
    entities: [input_boolean.a, input_boolean.b]
    all: true
  people: [person.ann, device_tracker.phone]
  nested: [group.switches, lock.front]
"""


def test_group_rules() -> None:
    assert group_state([("person.a", "home"), ("device_tracker.b", "not_home")], False) == "home"
    assert group_state([("person.a", "work"), ("device_tracker.b", "not_home")], False) == (
        "not_home"
    )
    assert group_state([("lock.a", "locked"), ("lock.b", "unlocked")], False) == "unlocked"
    assert group_state([("lock.a", "locked"), ("lock.b", "locked")], False) == "locked"
    assert group_state([("cover.a", "opening"), ("cover.b", "closed")], True) == "closed"
    assert group_state([("cover.a", "open"), ("cover.b", "closed")], False) == "open"
    assert group_state([("light.a", "on"), ("lock.b", "locked")], False) == "on"
    assert group_state([("light.a", "off"), ("cover.b", "closed")], False) == "off"
    assert group_state([("sensor.t", "21"), ("light.a", "unavailable")], False) is None
    assert group_state([("group.g", "home"), ("person.p", "not_home")], False) == "home"


async def test_group_follows_members(make_hub) -> None:
    hub = await make_hub(CONFIG)
    switches = hub.states.get("group.switches")
    assert switches.state == "off"
    assert switches.attributes["entity_id"] == ("input_boolean.a", "input_boolean.b")
    assert switches.attributes["friendly_name"] == "Switches"
    assert hub.states.get("group.people").state == "unknown"
    await hub.services.call("input_boolean", "turn_on", {"entity_id": "input_boolean.a"})
    assert hub.states.get("group.switches").state == "on"
    assert hub.states.get("group.both").state == "off"
    await hub.services.call("input_boolean", "turn_on", {"entity_id": "input_boolean.b"})
    assert hub.states.get("group.both").state == "on"
    hub.states.set("person.ann", "not_home")
    hub.states.set("device_tracker.phone", "home")
    assert hub.states.get("group.people").state == "home"
    hub.states.set("device_tracker.phone", "not_home")
    assert hub.states.get("group.people").state == "not_home"
    hub.states.set("lock.front", "locked")
    assert hub.states.get("group.nested").state == "on"  # mixed pairs: on/off


async def test_group_set_remove_reload(make_hub, config_dir) -> None:
    from tests.conftest import write_config

    hub = await make_hub(CONFIG)
    await hub.services.call(
        "group", "set", {"object_id": "extra", "entities": ["input_boolean.a"], "name": "Extra"}
    )
    assert hub.states.get("group.extra").attributes["entity_id"] == ("input_boolean.a",)
    await hub.services.call("group", "set", {"object_id": "extra", "add_entities": "light.x"})
    assert hub.states.get("group.extra").attributes["entity_id"] == (
        "input_boolean.a",
        "light.x",
    )
    with pytest.raises(ValidationError):
        await hub.services.call("group", "set", {"object_id": "Bad Id"})
    await hub.services.call("group", "remove", {"object_id": "extra"})
    assert hub.states.get("group.extra") is None
    write_config(config_dir, "input_boolean:\n  a:\ngroup:\n  only: [input_boolean.a]\n")
    await hub.services.call("group", "reload")
    assert hub.states.get("group.switches") is None
    assert hub.states.get("group.only").state == "off"


async def test_homeassistant_turn_off_mixed_domains(make_hub) -> None:
    hub = await make_hub(CONFIG)
    calls: list[tuple[str, str, list[str], dict]] = []

    def fake(domain: str, service: str, new_state: str):
        def handle(call: ServiceCall) -> None:
            ids = sorted(call.entity_ids or ())
            calls.append((domain, service, ids, call.params()))
            for entity_id in ids:
                hub.states.set(entity_id, new_state)

        hub.services.register(domain, service, handle)

    fake("light", "turn_off", "off")
    fake("lock", "lock", "locked")
    fake("lock", "unlock", "unlocked")
    fake("cover", "close_cover", "closed")
    hub.states.set("light.desk", "on")
    hub.states.set("lock.front", "unlocked")
    hub.states.set("cover.blind", "open")
    await hub.services.call("input_boolean", "turn_on", {"entity_id": "input_boolean.a"})
    await hub.services.call(
        "homeassistant",
        "turn_off",
        {"entity_id": ["light.desk", "lock.front", "cover.blind", "group.switches"]},
    )
    assert sorted(c[:3] for c in calls) == [
        ("cover", "close_cover", ["cover.blind"]),
        ("light", "turn_off", ["light.desk"]),
        ("lock", "lock", ["lock.front"]),
    ]
    assert hub.states.get("input_boolean.a").state == "off"  # reached through the group
    calls.clear()
    await hub.services.call(
        "homeassistant", "toggle", {"entity_id": ["lock.front", "input_boolean.b"]}
    )
    assert calls == [("lock", "unlock", ["lock.front"], {})]
    assert hub.states.get("input_boolean.b").state == "on"
    await hub.services.call("homeassistant", "turn_on", {"entity_id": "sensor.nothing"})


async def test_homeassistant_reload_all_check_config_and_stop(make_hub, config_dir) -> None:
    from tests.conftest import write_config

    hub = await make_hub(CONFIG)
    write_config(config_dir, CONFIG + "  added: [input_boolean.a]\n")
    await hub.services.call("homeassistant", "reload_all")
    assert hub.states.get("group.added").state == "off"
    write_config(config_dir, CONFIG + "input_number:\n  bad: {min: 3, max: 1}\n")
    await hub.services.call("homeassistant", "check_config")
    assert hub.notifications.get("homeassistant.check_config") is not None
    with pytest.raises(HubError, match="cannot restart"):
        await hub.services.call("homeassistant", "restart")
    assert hub.state == "RUNNING"
    write_config(config_dir, CONFIG)
    await hub.services.call("homeassistant", "check_config")
    assert hub.notifications.get("homeassistant.check_config") is None
    await hub.services.call("homeassistant", "restart")
    await hub.wait_stopped()
    assert hub.exit_code == 100


async def test_homeassistant_stop_and_core_reload(make_hub, config_dir) -> None:
    from tests.conftest import write_config

    hub = await make_hub("homeassistant:\n  latitude: 10\n  longitude: 20\n")
    assert hub.states.get("zone.home").attributes["latitude"] == 10.0
    write_config(config_dir, "homeassistant:\n  latitude: 11\n  longitude: 20\n")
    await hub.services.call("homeassistant", "reload_core_config")
    assert hub.core_config.latitude == 11.0
    assert hub.states.get("zone.home").attributes["latitude"] == 11.0
    await hub.services.call("homeassistant", "update_entity", {"entity_id": "zone.home"})
    await hub.services.call("homeassistant", "stop")
    await hub.wait_stopped()
    assert hub.exit_code == 0


async def test_persistent_notification_services(make_hub) -> None:
    hub = await make_hub("")
    await hub.services.call(
        "persistent_notification",
        "create",
        {"message": "Door open", "title": "Alert", "notification_id": "door"},
    )
    item = hub.notifications.get("door")
    assert (item.message, item.title) == ("Door open", "Alert")
    await hub.services.call("persistent_notification", "create", {"message": "second"})
    assert len(hub.notifications.all()) == 2
    with pytest.raises(ValidationError):
        await hub.services.call("persistent_notification", "create", {"title": "no message"})
    await hub.services.call("persistent_notification", "dismiss", {"notification_id": "door"})
    assert hub.notifications.get("door") is None
    await hub.services.call("persistent_notification", "dismiss_all")
    assert hub.notifications.all() == {}


async def test_system_health_info(make_hub) -> None:
    hub = await make_hub(CONFIG)
    from integrations.system_health import info

    result = await hub.services.call("system_health", "info", return_response=True)
    core = result["homeassistant"]
    assert core["version"]
    assert core["entity_count"] == len(hub.states.entity_ids())
    assert core["timezone"] == "UTC"
    assert core["config_dir"] == str(hub.config_dir)
    assert (await info(hub))["homeassistant"]["python_version"]
