"""Registries: devices, entities, areas, floors, labels, persistence and target expansion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hub.errors import ValidationError
from hub.events import EventBus
from hub.registry import Registries
from hub.services import Target
from hub.states import StateMachine


def make(tmp_path: Path) -> Registries:
    bus = EventBus()
    return Registries(bus, StateMachine(bus), tmp_path)


async def test_device_found_again_by_identifier_or_connection(tmp_path: Path) -> None:
    regs = make(tmp_path)
    await regs.load()
    first = regs.devices.get_or_create(
        "demo", identifiers=[("demo", "lock1")], name="Front lock", manufacturer="Acme"
    )
    again = regs.devices.get_or_create(
        "demo", connections=[("mac", "aa:bb")], identifiers=[("demo", "lock1")], sw_version="2.0"
    )
    assert again.id == first.id
    assert again.sw_version == "2.0" and again.manufacturer == "Acme"
    assert regs.devices.find(connections=[("mac", "aa:bb")]).id == first.id  # type: ignore[union-attr]


async def test_entity_ids_are_stable_and_unique(tmp_path: Path) -> None:
    regs = make(tmp_path)
    await regs.load()
    a = regs.entities.get_or_create("light", "demo", "u1", suggested_object_id="Desk Lamp")
    b = regs.entities.get_or_create("light", "demo", "u2", suggested_object_id="Desk Lamp")
    assert a.entity_id == "light.desk_lamp" and b.entity_id == "light.desk_lamp_2"
    assert regs.entities.get_or_create("light", "demo", "u1").entity_id == "light.desk_lamp"


async def test_persistence_round_trip_is_atomic_json(tmp_path: Path) -> None:
    regs = make(tmp_path)
    await regs.load()
    floor = regs.floors.create("Ground floor", level=0)
    area = regs.areas.create("Server Room", floor_id=floor.id)
    regs.labels.create("Critical", color="red")
    device = regs.devices.get_or_create("demo", identifiers=[("demo", "d")], area_id=area.id)
    regs.entities.get_or_create("lock", "demo", "x", device_id=device.id)
    await regs.flush()
    raw = json.loads((tmp_path / ".storage" / "core.area_registry").read_text())
    assert raw["version"] == 1 and raw["data"]["items"][0]["id"] == "server_room"
    again = make(tmp_path)
    await again.load()
    assert again.areas.get("server_room").floor_id == "ground_floor"  # type: ignore[union-attr]
    assert again.devices.get(device.id).identifiers == (("demo", "d"),)  # type: ignore[union-attr]
    assert again.entities.for_device(device.id)[0].entity_id.startswith("lock.")


async def test_duplicate_area_names_refused(tmp_path: Path) -> None:
    regs = make(tmp_path)
    await regs.load()
    regs.areas.create("Kitchen")
    with pytest.raises(ValidationError, match="already in use"):
        regs.areas.create("kitchen")


async def test_target_expansion_by_device_area_floor_label(tmp_path: Path) -> None:
    regs = make(tmp_path)
    await regs.load()
    floor = regs.floors.create("First")
    office = regs.areas.create("Office", floor_id=floor.id)
    hall = regs.areas.create("Hall")
    label = regs.labels.create("Night")
    dev = regs.devices.get_or_create("demo", identifiers=[("demo", "1")], area_id=office.id)
    lamp = regs.entities.get_or_create("light", "demo", "lamp", device_id=dev.id)
    moved = regs.entities.get_or_create("light", "demo", "moved", device_id=dev.id, area_id=hall.id)
    config = regs.entities.get_or_create(
        "switch", "demo", "cfg", device_id=dev.id, entity_category="config"
    )
    tagged = regs.entities.get_or_create("lock", "demo", "door")
    regs.entities.update(tagged.entity_id, labels=[label.id])

    assert regs.resolve_target(Target(area_ids=("office",))) == {lamp.entity_id}
    assert regs.resolve_target(Target(floor_ids=("first",))) == {lamp.entity_id}
    assert regs.resolve_target(Target(device_ids=(dev.id,))) == {lamp.entity_id, moved.entity_id}
    assert regs.resolve_target(Target(area_ids=("hall",))) == {moved.entity_id}
    assert regs.resolve_target(Target(label_ids=("night",))) == {tagged.entity_id}
    assert config.entity_id not in regs.resolve_target(Target(area_ids=("office",)))
    assert regs.area_name(lamp.entity_id) == "Office"
    assert regs.area_entities("Office") == sorted([lamp.entity_id, config.entity_id])


async def test_entity_rename(tmp_path: Path) -> None:
    regs = make(tmp_path)
    await regs.load()
    entry = regs.entities.get_or_create("light", "demo", "u")
    renamed = regs.entities.update(entry.entity_id, new_entity_id="light.porch", name="Porch")
    assert regs.entities.get("light.porch") == renamed
    assert regs.entities.entity_id_for("light", "demo", "u") == "light.porch"
    with pytest.raises(ValidationError):
        regs.entities.update("light.porch", new_entity_id="switch.porch")
