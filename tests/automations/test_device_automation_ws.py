"""The websocket commands the automation editor uses for device automations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import voluptuous as vol

from automations.device import (
    ActionType,
    TriggerType,
    register_action_type,
    register_trigger_type,
)
from hub.auth import Grant, Policy, Role, UserRole
from hub.registry import DeviceEntry
from tests.api.conftest import ApiEnv, MakeApi, command

DEMO = """
homeassistant:
  time_zone: UTC
demo:
  simulate: false
automation: !include automations.yaml
"""


async def start(make_api: MakeApi, config_dir: Path) -> ApiEnv:
    (config_dir / "configuration.yaml").write_text(DEMO)
    (config_dir / "automations.yaml").write_text("[]\n")
    return await make_api()


def device_id(env: ApiEnv, key: str) -> str:
    device = env.hub.registries.devices.find(identifiers={("demo", key)})
    assert device is not None
    return str(device.id)


def kinds(items: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {(i["domain"], i["entity_id"], i["type"]) for i in items}


async def test_lists_offer_what_the_entities_support(make_api: MakeApi, config_dir: Path) -> None:
    env = await start(make_api, config_dir)
    ws = await env.ws()
    entrance, lighting = device_id(env, "front_entrance"), device_id(env, "lighting")

    reply = await command(
        ws, {"id": 1, "type": "device_automation/trigger/list", "device_id": entrance}
    )
    assert reply["success"], reply
    triggers = reply["result"]
    assert {
        "trigger": "device",
        "device_id": entrance,
        "domain": "binary_sensor",
        "entity_id": "demo:demo_front_door",
        "type": "opened",
        "metadata": {"secondary": False},
    } in triggers
    found = kinds(triggers)
    assert ("binary_sensor", "demo:demo_front_door", "not_opened") in found
    assert ("binary_sensor", "demo:demo_front_door", "turned_on") not in found  # a door
    assert ("lock", "demo:demo_front_door_lock", "unlocked") in found
    assert ("lock", "demo:demo_front_door_lock", "open") not in found  # no OPEN feature
    assert {d for d, _e, _t in found} == {"binary_sensor", "lock"}

    reply = await command(
        ws, {"id": 2, "type": "device_automation/condition/list", "device_id": entrance}
    )
    conditions = reply["result"]
    assert all(c["condition"] == "device" for c in conditions)
    assert {("binary_sensor", "is_open"), ("lock", "is_locked")} <= {
        (c["domain"], c["type"]) for c in conditions
    }

    reply = await command(
        ws, {"id": 3, "type": "device_automation/action/list", "device_id": lighting}
    )
    actions = kinds(reply["result"])
    assert ("light", "demo:demo_reception_light", "brightness_increase") in actions
    assert ("light", "demo:demo_server_room_light", "turn_on") in actions
    assert ("light", "demo:demo_server_room_light", "brightness_increase") not in actions
    assert ("switch", "demo:demo_exit_lighting", "toggle") in actions
    assert all("trigger" not in a and "condition" not in a for a in reply["result"])

    # what the lists offer is valid automation configuration as it stands
    reply = await command(
        ws,
        {
            "id": 4,
            "type": "validate_config",
            "triggers": triggers,
            "conditions": conditions,
            "actions": reply["result"],
        },
    )
    assert reply["result"] == {
        "triggers": {"valid": True, "error": None},
        "conditions": {"valid": True, "error": None},
        "actions": {"valid": True, "error": None},
    }


async def test_unknown_device_and_validation(make_api: MakeApi, config_dir: Path) -> None:
    env = await start(make_api, config_dir)
    ws = await env.ws()
    reply = await command(
        ws, {"id": 1, "type": "device_automation/action/list", "device_id": "nope"}
    )
    assert not reply["success"] and reply["error"]["code"] == "not_found"
    reply = await command(ws, {"id": 2, "type": "device_automation/trigger/list"})
    assert not reply["success"] and reply["error"]["code"] == "invalid_format"

    trigger = {
        "trigger": "device",
        "device_id": "nope",
        "domain": "lock",
        "entity_id": "lock.front_door",
        "type": "unlocked",
    }
    reply = await command(ws, {"id": 3, "type": "validate_config", "triggers": [trigger]})
    result = reply["result"]["triggers"]
    assert result["valid"] is False
    assert "no such device in the device registry" in result["error"]
    reply = await command(ws, {"id": 4, "type": "subscribe_trigger", "trigger": trigger})
    assert not reply["success"]
    assert "no such device" in reply["error"]["message"]


async def test_users_see_only_readable_entities(make_api: MakeApi, config_dir: Path) -> None:
    env = await start(make_api, config_dir)
    entrance = device_id(env, "front_entrance")
    message = {"id": 1, "type": "device_automation/condition/list", "device_id": entrance}
    nobody = await command(await env.ws(await env.token("guest", UserRole.USER)), message)
    assert nobody["success"] and nobody["result"] == []  # default deny: nothing readable

    door = frozenset({"binary_sensor.front_door"})
    grant = Grant(frozenset({"read"}), entity_ids=door)
    await env.auth.set_role(Role("door", "Door only", (Policy("p", (grant,)),)))
    viewer = await env.user("viewer", UserRole.USER)
    await env.auth.update_user(viewer.id, role_ids=["door"])
    reply = await command(await env.ws(await env.token("viewer", UserRole.USER)), message)
    assert {c["entity_id"] for c in reply["result"]} == {"demo:demo_front_door"}


async def capabilities(ws: Any, msg_id: int, kind: str, item: dict[str, Any]) -> Any:
    reply = await command(
        ws, {"id": msg_id, "type": f"device_automation/{kind}/capabilities", kind: item}
    )
    assert reply["success"], reply
    return reply["result"]


async def test_capabilities_describe_each_types_options(
    make_api: MakeApi, config_dir: Path
) -> None:
    env = await start(make_api, config_dir)
    ws = await env.ws()
    entrance, sensors = device_id(env, "front_entrance"), device_id(env, "reception_sensor")
    lighting, shutter = device_id(env, "lighting"), device_id(env, "shutter")
    hvac = device_id(env, "hvac")
    duration = {"name": "for", "optional": True, "type": "positive_time_period_dict"}

    # exactly what the list offers goes back as the question
    listed = await command(
        ws, {"id": 1, "type": "device_automation/trigger/list", "device_id": entrance}
    )
    door = next(t for t in listed["result"] if t["type"] == "opened")
    assert await capabilities(ws, 2, "trigger", door) == {"extra_fields": [duration]}

    temperature = {
        "trigger": "device",
        "device_id": sensors,
        "domain": "sensor",
        "entity_id": "sensor.reception_temperature",
        "type": "temperature",
    }
    assert await capabilities(ws, 3, "trigger", temperature) == {
        "extra_fields": [
            {"name": "above", "optional": True, "type": "float"},
            {"name": "below", "optional": True, "type": "float"},
            duration,
        ]
    }
    condition = {**temperature, "condition": "device", "type": "is_temperature"}
    del condition["trigger"]
    fields = (await capabilities(ws, 4, "condition", condition))["extra_fields"]
    assert [f["name"] for f in fields] == ["above", "below"]

    unlock = {
        "device_id": entrance,
        "domain": "lock",
        "entity_id": "demo:demo_front_door_lock",
        "type": "unlock",
    }
    assert await capabilities(ws, 5, "action", unlock) == {
        "extra_fields": [{"name": "code", "optional": True, "type": "string", "lengthMax": 64}]
    }
    position = {
        "device_id": shutter,
        "domain": "cover",
        "entity_id": "cover.stockroom_shutter",
        "type": "set_position",
    }
    assert await capabilities(ws, 6, "action", position) == {
        "extra_fields": [
            {
                "name": "position",
                "required": True,
                "type": "integer",
                "valueMin": 0,
                "valueMax": 100,
            }
        ]
    }
    flash = {
        "device_id": lighting,
        "domain": "light",
        "entity_id": "light.reception_lights",
        "type": "flash",
    }
    assert await capabilities(ws, 7, "action", flash) == {
        "extra_fields": [
            {
                "name": "flash",
                "type": "select",
                "options": [["short", "short"], ["long", "long"]],
                "optional": True,
                "default": "short",
            }
        ]
    }
    mode = {
        "trigger": "device",
        "device_id": hvac,
        "domain": "climate",
        "entity_id": "climate.office_hvac",
        "type": "hvac_mode_changed",
    }
    fields = {f["name"]: f for f in (await capabilities(ws, 8, "trigger", mode))["extra_fields"]}
    assert fields.keys() == {"to", "for"} and fields["for"] == duration
    assert (fields["to"]["type"], fields["to"]["required"]) == ("select", True)
    assert ["heat", "heat"] in fields["to"]["options"]
    turn_off = {**flash, "type": "turn_off"}
    assert await capabilities(ws, 9, "action", turn_off) == {"extra_fields": []}

    # unknown types, devices and mismatched entities: nothing to offer
    assert await capabilities(ws, 10, "action", {**flash, "type": "explode"}) == {}
    assert await capabilities(ws, 11, "action", {**flash, "device_id": "nope"}) == {}
    assert await capabilities(ws, 12, "action", {**flash, "device_id": entrance}) == {}
    reply = await command(
        ws, {"id": 13, "type": "device_automation/action/capabilities", "action": {"type": "x"}}
    )
    assert not reply["success"] and reply["error"]["code"] == "invalid_format"


async def test_capabilities_follow_the_users_rights(make_api: MakeApi, config_dir: Path) -> None:
    env = await start(make_api, config_dir)
    entrance = device_id(env, "front_entrance")
    door = {
        "condition": "device",
        "device_id": entrance,
        "domain": "binary_sensor",
        "entity_id": "binary_sensor.front_door",
        "type": "is_open",
    }
    lock = {**door, "domain": "lock", "entity_id": "lock.front_door", "type": "is_locked"}
    grant = Grant(frozenset({"read"}), entity_ids=frozenset({"binary_sensor.front_door"}))
    await env.auth.set_role(Role("door", "Door only", (Policy("p", (grant,)),)))
    viewer = await env.user("viewer", UserRole.USER)
    await env.auth.update_user(viewer.id, role_ids=["door"])
    ws = await env.ws(await env.token("viewer", UserRole.USER))
    assert (await capabilities(ws, 1, "condition", door))["extra_fields"][0]["name"] == "for"
    assert await capabilities(ws, 2, "condition", lock) == {}  # as if it did not exist
    guest = await env.ws(await env.token("guest", UserRole.USER))
    assert await capabilities(guest, 1, "condition", door) == {}


def not_attached(*_args: Any) -> Any:
    return lambda: None  # (the list and capabilities commands never attach)


def button_presses(device: DeviceEntry) -> list[str]:
    """The keypad's buttons (a device-level trigger's subtypes)."""
    return ["button_1", "button_2"] if device.name == "Alarm Keypad" else []


async def test_device_level_types_are_offered_for_the_integrations_devices(
    make_api: MakeApi, config_dir: Path
) -> None:
    env = await start(make_api, config_dir)
    keypad, entrance = device_id(env, "keypad"), device_id(env, "front_entrance")
    removers = [
        register_trigger_type(
            "demo",
            TriggerType(
                "remote_button_short_press",
                not_attached,
                schema={vol.Optional("repeat", default=1): vol.All(int, vol.Range(min=1))},
                needs_entity=False,
                subtypes=button_presses,
            ),
        ),
        register_action_type(
            "demo",
            ActionType(
                "beep",
                "demo.beep",
                needs_entity=False,
                for_device=lambda device: device.name == "Alarm Keypad",
            ),
        ),
    ]
    try:
        admin = await env.ws()
        listed = await command(
            admin, {"id": 1, "type": "device_automation/trigger/list", "device_id": keypad}
        )
        device_level = [t for t in listed["result"] if "entity_id" not in t]
        assert device_level == [
            {
                "trigger": "device",
                "device_id": keypad,
                "domain": "demo",
                "type": "remote_button_short_press",
                "subtype": subtype,
                "metadata": {},
            }
            for subtype in ("button_1", "button_2")
        ]
        assert any(t["domain"] == "binary_sensor" for t in listed["result"])  # the tamper
        listed = await command(
            admin, {"id": 2, "type": "device_automation/action/list", "device_id": keypad}
        )
        assert {"device_id": keypad, "domain": "demo", "type": "beep", "metadata": {}} in (
            listed["result"]
        )
        # other devices of the integration: neither the keypad's buttons nor its beep
        for msg_id, kind in ((3, "trigger"), (4, "action")):
            other = await command(
                admin,
                {"id": msg_id, "type": f"device_automation/{kind}/list", "device_id": entrance},
            )
            assert all("entity_id" in item for item in other["result"])
        # what the list offers is valid configuration, and has its capabilities
        reply = await command(admin, {"id": 5, "type": "validate_config", "triggers": device_level})
        assert reply["result"]["triggers"] == {"valid": True, "error": None}
        assert await capabilities(admin, 6, "trigger", device_level[0]) == {
            "extra_fields": [
                {"name": "repeat", "type": "integer", "valueMin": 1, "optional": True, "default": 1}
            ]
        }

        # a user sees device-level items of the devices they may see
        message = {"id": 1, "type": "device_automation/trigger/list", "device_id": keypad}
        guest = await env.ws(await env.token("guest", UserRole.USER))
        assert (await command(guest, message))["result"] == []
        assert await capabilities(guest, 2, "trigger", device_level[0]) == {}
        grant = Grant(frozenset({"read"}), devices=frozenset({keypad}))
        await env.auth.set_role(Role("keypad", "Keypad", (Policy("p", (grant,)),)))
        viewer = await env.user("viewer", UserRole.USER)
        await env.auth.update_user(viewer.id, role_ids=["keypad"])
        ws = await env.ws(await env.token("viewer", UserRole.USER))
        seen = (await command(ws, message))["result"]
        assert [t.get("subtype") for t in seen if "entity_id" not in t] == ["button_1", "button_2"]
        assert (await capabilities(ws, 2, "trigger", device_level[0]))["extra_fields"]
    finally:
        for remove in removers:
            remove()
