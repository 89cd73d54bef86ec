"""`/api/camera_proxy`: bearer callers who may read the camera, or the camera's rotating token."""

from __future__ import annotations

from pathlib import Path

from hub.api.camera_tokens import TOKEN_ROTATION_INTERVAL
from hub.auth.users import UserRole

from .conftest import MakeApi

CAMERA = "camera.entrance_camera"
DEMO = """
homeassistant:
  time_zone: Europe/London
demo:
  simulate: false
"""


async def _env(make_api: MakeApi, config_dir: Path):  # type: ignore[no-untyped-def]
    (config_dir / "configuration.yaml").write_text(DEMO)
    env = await make_api()
    assert env.hub.states.get(CAMERA) is not None
    return env


async def test_reader_gets_the_image_and_others_do_not(make_api: MakeApi, config_dir: Path) -> None:
    env = await _env(make_api, config_dir)
    owner = await env.session.get(
        env.url + f"api/camera_proxy/{CAMERA}", headers=await env.headers()
    )
    assert owner.status == 200
    assert owner.content_type == "image/png"
    assert (await owner.read()).startswith(b"\x89PNG\r\n\x1a\n")
    assert owner.headers["Cache-Control"] == "no-store"

    guest = await env.headers("guest", UserRole.USER)  # default deny: may not read the camera
    refused = await env.session.get(env.url + f"api/camera_proxy/{CAMERA}", headers=guest)
    assert refused.status == 404
    not_camera = await env.session.get(
        env.url + "api/camera_proxy/sun.sun", headers=await env.headers()
    )
    assert not_camera.status == 404


async def test_picture_url_token_works_without_a_bearer_and_rotates(
    make_api: MakeApi, config_dir: Path
) -> None:
    env = await _env(make_api, config_dir)
    first = env.hub.states.get(CAMERA).attributes["entity_picture"]
    assert first.startswith(f"/api/camera_proxy/{CAMERA}?token=")
    resp = await env.session.get(env.url + first.lstrip("/"))
    assert resp.status == 200 and (await resp.read()).startswith(b"\x89PNG")

    for bad in ("", "?token=", "?token=" + "0" * 64):
        refused = await env.session.get(env.url + f"api/camera_proxy/{CAMERA}{bad}")
        assert refused.status == 401, bad
    token = first.split("token=")[1]
    other = await env.session.get(env.url + f"api/camera_proxy/sun.sun?token={token}")
    assert other.status == 401

    await env.clock.advance(TOKEN_ROTATION_INTERVAL)
    second = env.hub.states.get(CAMERA).attributes["entity_picture"]
    assert second != first
    # The previous token stays valid for one more period, so an open page keeps working.
    assert (await env.session.get(env.url + first.lstrip("/"))).status == 200
    await env.clock.advance(TOKEN_ROTATION_INTERVAL)
    assert (await env.session.get(env.url + first.lstrip("/"))).status == 401
    assert (await env.session.get(env.url + second.lstrip("/"))).status == 200
