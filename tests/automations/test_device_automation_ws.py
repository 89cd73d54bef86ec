"""The websocket commands the automation editor uses for device automations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hub.auth import Grant, Policy, Role, UserRole
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
