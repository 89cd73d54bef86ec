"""Device user services, device requests to the hub (refused unless allowed, always audited),
devices added through the API, discovery and unloading."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from zeroconf import ServiceInfo

from hub.errors import ValidationError
from hub.events import Event
from hub.runtime import Hub
from integrations import esphome
from integrations.esphome.discovery import SERVICE_TYPE, Discovery
from tests.esphome.conftest import (
    SimFactory,
    device_yaml,
    hub_yaml,
    new_key,
    wait_for,
    wait_state,
)

SERVICES = [{"name": "open_gate", "args": {"seconds": "int", "reason": "string"}}]


def audit_log(hub: Hub) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []

    def record(event: Event) -> None:
        events.append(dict(event.data))

    hub.bus.listen("bastion_audit", record)
    return events


def esphome_ctx(hub: Hub) -> Any:
    return hub.loader.loaded["esphome"].context


async def test_user_service_registered_and_executed(
    make_hub, make_sim: SimFactory, config_dir: Path
) -> None:
    sim = await make_sim(services=SERVICES)
    hub = await make_hub(hub_yaml(device_yaml(sim, allow_plaintext=True)))
    await wait_for(lambda: hub.services.has("esphome", "test_device_open_gate"), hub)
    await hub.services.call(
        "esphome", "test_device_open_gate", {"seconds": "30", "reason": "delivery"}
    )
    await sim.wait_for(lambda: bool(sim.service_calls))
    assert sim.service_calls == [("open_gate", {"seconds": 30, "reason": "delivery"})]
    with pytest.raises(ValidationError):
        await hub.services.call("esphome", "test_device_open_gate", {"seconds": 1})


async def test_device_actions_refused_by_default_and_audited(
    make_hub, make_sim: SimFactory, config_dir: Path
) -> None:
    sim = await make_sim()
    hub = await make_hub(
        hub_yaml(device_yaml(sim, allow_plaintext=True))
        + "input_boolean:\n  siren:\n    initial: false\n"
    )
    audits = audit_log(hub)
    await wait_state(hub, "switch.test_device_relay", lambda s: s.state == "off")

    sim.request_action("input_boolean.turn_on", {"entity_id": "input_boolean.siren"}, call_id=7)
    sim.request_hub_state("input_boolean.siren")
    await wait_for(lambda: len(audits) == 2, hub)
    assert hub.states.get("input_boolean.siren").state == "off"
    assert {(a["kind"], a["target"], a["outcome"]) for a in audits} == {
        ("action", "input_boolean.turn_on", "refused"),
        ("state", "input_boolean.siren", "refused"),
    }
    assert all(a["action"] == "esphome.device_action" for a in audits)
    await sim.wait_for(lambda: bool(sim.action_responses))
    assert sim.action_responses[0].call_id == 7 and not sim.action_responses[0].success
    assert sim.ha_states == []


async def test_device_actions_allowed_per_device(
    make_hub, make_sim: SimFactory, config_dir: Path
) -> None:
    sim = await make_sim()
    hub = await make_hub(
        hub_yaml(device_yaml(sim, allow_plaintext=True, allow_service_calls=True))
        + "input_boolean:\n  siren:\n    initial: false\n"
    )
    audits = audit_log(hub)
    await wait_state(hub, "switch.test_device_relay", lambda s: s.state == "off")

    sim.request_hub_state("input_boolean.siren")
    await sim.wait_for(lambda: sim.ha_states == [("input_boolean.siren", "", "off")])
    sim.request_action(
        "input_boolean.turn_on",
        data_template={"entity_id": "input_boolean.{{ which }}"},
        variables={"which": "siren"},
    )
    await wait_state(hub, "input_boolean.siren", lambda s: s.state == "on")
    await sim.wait_for(lambda: ("input_boolean.siren", "", "on") in sim.ha_states)
    sim.request_action("esphome.tag_scanned", {"tag": "abc"}, is_event=True)
    sim.request_action("input_boolean.no_such_service", {})
    await wait_for(lambda: len(audits) == 4, hub)
    outcomes = [(a["kind"], a["target"], a["outcome"]) for a in audits]
    assert outcomes == [
        ("state", "input_boolean.siren", "success"),
        ("action", "input_boolean.turn_on", "success"),
        ("event", "esphome.tag_scanned", "success"),
        ("action", "input_boolean.no_such_service", "failure"),
    ]


async def test_add_device_through_the_api_persists_and_removes(
    make_hub, make_sim: SimFactory, config_dir: Path
) -> None:
    key = new_key()
    sim = await make_sim(key=key)
    hub = await make_hub(hub_yaml())
    ctx = esphome_ctx(hub)
    status = await esphome.add_device(ctx, "127.0.0.1", sim.port, key)
    assert status.encrypted and status.source == "api"
    await wait_state(hub, "switch.test_device_relay", lambda s: s.state == "off")
    stored = (config_dir / ".storage" / "esphome.devices").stat()
    assert stored.st_mode & 0o077 == 0  # holds keys: owner-only
    with pytest.raises(ValidationError):
        await esphome.add_device(ctx, "127.0.0.1", sim.port, key)
    with pytest.raises(ValidationError):
        await esphome.add_device(ctx, "127.0.0.1", 1234, "not-a-key")

    await hub.stop()  # a restart brings the stored device back
    hub = await make_hub()
    await wait_state(hub, "switch.test_device_relay", lambda s: s.state == "off")
    ctx = esphome_ctx(hub)
    assert [d.port for d in esphome.list_devices(ctx)] == [sim.port]

    await esphome.remove_device(ctx, "127.0.0.1", sim.port)
    assert hub.states.get("switch.test_device_relay") is None
    assert esphome.list_devices(ctx) == []
    await sim.wait_for(lambda: sim.connected == 0)


async def test_unload_disconnects_and_removes_everything(
    make_hub, make_sim: SimFactory, config_dir: Path
) -> None:
    sim = await make_sim(services=SERVICES)
    hub = await make_hub(hub_yaml(device_yaml(sim, allow_plaintext=True)))
    await wait_state(hub, "switch.test_device_relay", lambda s: s.state == "off")
    await hub.loader.unload("esphome")
    assert hub.states.entity_ids() == [] or not any(
        e.startswith(("switch.test", "sensor.test")) for e in hub.states.entity_ids()
    )
    assert not hub.services.has("esphome", "test_device_open_gate")
    assert not [t for t in hub.tasks.names() if t.startswith("esphome")]
    await sim.wait_for(lambda: sim.connected == 0)


def service_info(name: str, port: int, mac: str) -> ServiceInfo:
    return ServiceInfo(
        SERVICE_TYPE,
        f"{name}.{SERVICE_TYPE}",
        addresses=[socket.inet_aton("127.0.0.1")],
        port=port,
        properties={"mac": mac, "friendly_name": "Porch\x1b[31m light", "version": "2025.1.0"},
    )


async def test_discovery_reports_unknown_devices_only(
    make_hub, make_sim: SimFactory, config_dir: Path
) -> None:
    sim = await make_sim()
    hub = await make_hub(hub_yaml(device_yaml(sim, allow_plaintext=True)))
    await wait_state(hub, "switch.test_device_relay", lambda s: s.state == "off")
    manager = esphome.manager(esphome_ctx(hub))
    discovery = Discovery(manager.on_discovered)  # the handler the zeroconf browser feeds

    discovery.handle(service_info("test-device", sim.port, "020000000001"))  # known
    discovery.handle(service_info("porch", 6053, "aabbccddeeff"))
    (found,) = esphome.discovered_devices(esphome_ctx(hub))
    assert (found.name, found.host, found.port, found.mac) == (
        "porch",
        "127.0.0.1",
        6053,
        "aa:bb:cc:dd:ee:ff",
    )
    assert found.friendly_name == "Porch[31m light"  # control characters stripped
    notes = [n for n in hub.notifications.all() if n.startswith("esphome_discovered_")]
    assert notes == ["esphome_discovered_porch"]
    listing = await hub.services.call("esphome", "list_devices", return_response=True)
    assert [d["name"] for d in listing["discovered"]] == ["porch"]
