"""Connecting to simulated devices: listing, states, commands, encryption and reconnects."""

from __future__ import annotations

from pathlib import Path

from hub.states import STATE_UNAVAILABLE
from tests.esphome.conftest import (
    SimFactory,
    device_yaml,
    hub_yaml,
    new_key,
    wait_for,
    wait_state,
    write_secrets,
)


async def test_encrypted_device_entities_states_and_commands(
    make_hub, make_sim: SimFactory, config_dir: Path
) -> None:
    key = new_key()
    sim = await make_sim(key=key, project_name="acme.doorbox", project_version="2.1")
    write_secrets(config_dir, door_key=key)
    hub = await make_hub(hub_yaml(device_yaml(sim, secret="door_key")))

    door = await wait_state(hub, "binary_sensor.test_device_front_door", lambda s: s.state == "off")
    assert door.attributes["device_class"] == "door"
    assert door.attributes["friendly_name"] == "Test device Front door"
    temp = hub.states.get("sensor.test_device_temperature")
    assert temp is not None and temp.state == "21.5"
    assert temp.attributes["unit_of_measurement"] == "°C"
    assert temp.attributes["state_class"] == "measurement"
    assert hub.states.get("sensor.test_device_status").state == "idle"

    device = hub.registries.devices.find(connections=[("mac", "02:00:00:00:00:01")])
    assert device is not None
    assert (device.name, device.manufacturer, device.model) == ("Test device", "acme", "doorbox")
    assert device.sw_version == "2.1 (ESPHome 2025.1.0)"

    sim.set_state("front_door", True)
    await wait_state(hub, "binary_sensor.test_device_front_door", lambda s: s.state == "on")

    await hub.services.call("switch", "turn_on", {"entity_id": "switch.test_device_relay"})
    await wait_state(hub, "switch.test_device_relay", lambda s: s.state == "on")
    assert sim.commands[-1][0] == "relay"
    assert sim.commands[-1][1].state is True


async def test_plaintext_device_refused_unless_allowed(
    make_hub, make_sim: SimFactory, config_dir: Path
) -> None:
    sim = await make_sim()
    other = await make_sim(name="other", friendly_name="Other", mac_address="02:00:00:00:00:02")
    hub = await make_hub(hub_yaml(device_yaml(sim), device_yaml(other, allow_plaintext=True)))

    await wait_state(hub, "switch.other_relay", lambda s: s.state == "off")
    assert sim.handshake_failures == 0 and sim.connected == 0  # never even tried
    assert hub.states.get("switch.test_device_relay") is None
    problems = [n.message for n in hub.notifications.all().values()]
    assert any(f"127.0.0.1:{sim.port} has no noise_psk" in m for m in problems)
    listing = await hub.services.call("esphome", "list_devices", return_response=True)
    by_port = {d["port"]: d for d in listing["devices"]}
    assert by_port[other.port]["encrypted"] is False
    assert by_port[other.port]["allow_plaintext"] is True
    assert by_port[other.port]["connected"] is True
    assert by_port[sim.port]["connected"] is False


async def test_wrong_key_is_a_visible_problem(
    make_hub, make_sim: SimFactory, config_dir: Path
) -> None:
    sim = await make_sim(key=new_key())
    wrong = new_key()
    write_secrets(config_dir, door_key=wrong)
    hub = await make_hub(hub_yaml(device_yaml(sim, secret="door_key")))

    await wait_for(lambda: bool(hub.notifications.all()), hub)
    (note,) = hub.notifications.all().values()
    assert "rejected the encryption key" in note.message
    assert wrong not in note.message
    assert hub.states.get("switch.test_device_relay") is None


async def test_encrypted_device_without_key_and_plaintext_device_with_key(
    make_hub, make_sim: SimFactory, config_dir: Path
) -> None:
    encrypted = await make_sim(key=new_key())
    plain = await make_sim(name="plain", mac_address="02:00:00:00:00:03")
    write_secrets(config_dir, plain_key=new_key())
    hub = await make_hub(
        hub_yaml(
            device_yaml(encrypted, allow_plaintext=True),
            device_yaml(plain, secret="plain_key"),
        )
    )
    await wait_for(lambda: len(hub.notifications.all()) == 2, hub)
    messages = sorted(n.message for n in hub.notifications.all().values())
    assert any("requires encryption but no noise_psk" in m for m in messages)
    assert any("does not use encryption, but a noise_psk is configured" in m for m in messages)


async def test_unavailable_on_drop_and_back_on_reconnect(
    make_hub, make_sim: SimFactory, config_dir: Path
) -> None:
    key = new_key()
    sim = await make_sim(key=key)
    write_secrets(config_dir, door_key=key)
    hub = await make_hub(hub_yaml(device_yaml(sim, secret="door_key")))
    await wait_state(hub, "switch.test_device_relay", lambda s: s.state == "off")

    await sim.stop()
    await wait_state(hub, "switch.test_device_relay", lambda s: s.state == STATE_UNAVAILABLE)
    assert hub.states.get("sensor.test_device_temperature").state == STATE_UNAVAILABLE

    sim.entities["relay"].set_state({"state": True})  # changed while the hub was away
    await sim.start()  # same port; ReconnectLogic's backoff brings it back
    await wait_state(hub, "switch.test_device_relay", lambda s: s.state == "on", timeout=15)
    assert hub.states.get("sensor.test_device_temperature").state == "21.5"


async def test_reconnect_picks_up_changed_firmware(
    make_hub, make_sim: SimFactory, config_dir: Path
) -> None:
    sim = await make_sim()
    hub = await make_hub(hub_yaml(device_yaml(sim, allow_plaintext=True)))
    await wait_state(hub, "switch.test_device_relay", lambda s: s.state == "off")
    await sim.stop()
    await wait_state(hub, "switch.test_device_relay", lambda s: s.state == STATE_UNAVAILABLE)

    # New firmware on the same address: the relay is gone, a siren is new.
    flashed = await make_sim(
        [
            {"platform": "binary_sensor", "id": "front_door", "name": "Front door"},
            {"platform": "siren", "id": "siren", "name": "Siren"},
        ],
        esphome_version="2025.2.0",
        port=sim.port,
    )
    assert flashed.port == sim.port
    await wait_state(hub, "siren.test_device_siren", lambda s: s.state == "off", timeout=15)
    assert hub.states.get("switch.test_device_relay") is None
    assert hub.states.get("binary_sensor.test_device_front_door").state == "off"
    device = hub.registries.devices.find(connections=[("mac", "02:00:00:00:00:01")])
    assert device.sw_version == "ESPHome 2025.2.0"
