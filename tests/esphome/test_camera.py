"""ESPHome cameras: snapshots are the JPEG the device sends (in chunks), fresh on every ask."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from hub.domains.camera import CameraEntity
from hub.errors import ValidationError
from hub.runtime import Hub
from hub.states import STATE_UNAVAILABLE
from integrations.esphome.simulator import SimulatedDevice
from integrations.esphome.simulator.config_file import load_device
from integrations.esphome.simulator.images import TEST_CARD_JPEG
from tests.api.conftest import MakeApi
from tests.conftest import write_config
from tests.esphome.conftest import (
    SimFactory,
    device_yaml,
    hub_yaml,
    new_key,
    wait_for,
    wait_state,
    write_secrets,
)

CAMERA_ID = "camera.test_device_door_cam"
# 100-byte chunks: the 368-byte test card arrives in four pieces.
ENTITIES: list[dict[str, Any]] = [
    {"platform": "camera", "id": "door_cam", "name": "Door cam", "chunk_size": 100},
    {"platform": "binary_sensor", "id": "motion", "name": "Motion", "device_class": "motion"},
]
OTHER_JPEG = TEST_CARD_JPEG[:-2] + b"\x00\x00\xff\xd9"  # different bytes, still JPEG-framed


def camera_of(hub: Hub) -> CameraEntity:
    entity = hub.entities.get(CAMERA_ID)
    assert isinstance(entity, CameraEntity)
    return entity


async def started(
    make_hub: Any, make_sim: SimFactory, config_dir: Path, *, encrypted: bool = False
) -> tuple[Hub, SimulatedDevice]:
    if encrypted:
        key = new_key()
        sim = await make_sim(ENTITIES, key=key)
        write_secrets(config_dir, cam_key=key)
        hub = await make_hub(hub_yaml(device_yaml(sim, secret="cam_key")))
    else:
        sim = await make_sim(ENTITIES)
        hub = await make_hub(hub_yaml(device_yaml(sim, allow_plaintext=True)))
    await wait_state(hub, CAMERA_ID, lambda s: s.state == "idle")
    return hub, sim


async def test_snapshot_is_the_device_jpeg_over_noise(
    make_hub: Any, make_sim: SimFactory, config_dir: Path
) -> None:
    hub, sim = await started(make_hub, make_sim, config_dir, encrypted=True)
    state = hub.states.get(CAMERA_ID)
    token = state.attributes["access_token"]
    assert state.attributes["entity_picture"] == f"/api/camera_proxy/{CAMERA_ID}?token={token}"
    assert state.attributes["friendly_name"] == "Test device Door cam"
    entry = hub.registries.entities.get(CAMERA_ID)
    assert entry.unique_id == "02:00:00:00:00:01-camera-door_cam"

    image = await camera_of(hub).image()

    assert image == TEST_CARD_JPEG
    (request,) = sim.image_requests
    assert request.single and not request.stream
    assert hub.states.get(CAMERA_ID).state == "idle"  # frames are not state changes


async def test_every_snapshot_is_fresh_and_concurrent_ones_share_a_request(
    make_hub: Any, make_sim: SimFactory, config_dir: Path
) -> None:
    hub, sim = await started(make_hub, make_sim, config_dir)
    camera = camera_of(hub)

    first, second = await asyncio.gather(camera.image(), camera.image())
    assert first == second == TEST_CARD_JPEG
    assert len(sim.image_requests) == 1

    sim.set_image("door_cam", OTHER_JPEG)  # the scene changed on the device
    assert await camera.image() == OTHER_JPEG  # not a cached frame
    assert len(sim.image_requests) == 2


async def test_a_frame_that_is_not_a_jpeg_is_refused(
    make_hub: Any,
    make_sim: SimFactory,
    config_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    hub, sim = await started(make_hub, make_sim, config_dir)
    sim.set_image("door_cam", b"<html><script>alert(1)</script></html>")

    assert await camera_of(hub).image() is None
    assert "not a JPEG" in caplog.text
    sim.set_image("door_cam", TEST_CARD_JPEG)
    assert await camera_of(hub).image() == TEST_CARD_JPEG


async def test_drop_answers_waiting_snapshots_and_marks_unavailable(
    make_hub: Any, make_sim: SimFactory, config_dir: Path
) -> None:
    hub, sim = await started(make_hub, make_sim, config_dir)
    camera = camera_of(hub)
    sim.answer_images = False  # the device takes the request but never sends the frame
    waiting = asyncio.create_task(camera.image())
    await sim.wait_for(lambda: len(sim.image_requests) == 1)

    sim.drop_connections()

    assert await waiting is None  # answered by the drop, not by a timeout
    await wait_state(hub, CAMERA_ID, lambda s: s.state == STATE_UNAVAILABLE)
    assert await camera.image() is None
    assert len(sim.image_requests) == 1  # nothing asked of a disconnected device

    sim.answer_images = True
    await wait_state(hub, CAMERA_ID, lambda s: s.state == "idle", timeout=15)
    assert await camera.image() == TEST_CARD_JPEG


async def test_turned_off_camera_asks_nothing_and_motion_detection_is_refused(
    make_hub: Any, make_sim: SimFactory, config_dir: Path
) -> None:
    hub, sim = await started(make_hub, make_sim, config_dir)
    await hub.services.call("camera", "turn_off", {"entity_id": CAMERA_ID})
    assert await camera_of(hub).image() is None
    assert sim.image_requests == []
    await hub.services.call("camera", "turn_on", {"entity_id": CAMERA_ID})
    assert await camera_of(hub).image() == TEST_CARD_JPEG

    with pytest.raises(ValidationError, match="no motion detection"):
        await hub.services.call("camera", "enable_motion_detection", {"entity_id": CAMERA_ID})
    assert "motion_detection" not in hub.states.get(CAMERA_ID).attributes


async def test_removed_camera_is_removed_from_the_hub(
    make_hub: Any, make_sim: SimFactory, config_dir: Path
) -> None:
    hub, sim = await started(make_hub, make_sim, config_dir)
    await sim.stop()
    await wait_state(hub, CAMERA_ID, lambda s: s.state == STATE_UNAVAILABLE)
    flashed = await make_sim(ENTITIES[1:], port=sim.port)  # firmware without the camera
    assert flashed.port == sim.port
    await wait_for(lambda: hub.states.get(CAMERA_ID) is None, hub, timeout=15)
    await wait_state(hub, "binary_sensor.test_device_motion", lambda s: s.state == "off")


async def test_camera_proxy_serves_the_device_jpeg(
    make_api: MakeApi, make_sim: SimFactory, config_dir: Path
) -> None:
    sim = await make_sim(ENTITIES)
    write_config(config_dir, hub_yaml(device_yaml(sim, allow_plaintext=True)))
    env = await make_api()
    await wait_state(env.hub, CAMERA_ID, lambda s: s.state == "idle")
    headers = await env.headers()

    resp = await env.session.get(env.url + f"api/camera_proxy/{CAMERA_ID}", headers=headers)

    assert resp.status == 200
    assert resp.content_type == "image/jpeg"
    assert await resp.read() == TEST_CARD_JPEG


def test_simulator_yaml_camera_image_is_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "frames").mkdir()
    (tmp_path / "frames" / "porch.jpg").write_bytes(OTHER_JPEG)
    (tmp_path / "device.yaml").write_text(
        "entities:\n"
        "  - {platform: camera, id: porch, name: Porch, image: frames/porch.jpg}\n"
        "  - {platform: camera, id: yard, name: Yard}\n",
        encoding="utf-8",
    )
    device = load_device(tmp_path / "device.yaml")
    assert device.entities["porch"].image == OTHER_JPEG
    assert device.entities["yard"].image == TEST_CARD_JPEG
