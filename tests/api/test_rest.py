"""REST API: endpoints, permissions, JSON errors, security headers and limits."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from hub.api import register_view, register_webhook
from hub.auth import UserRole
from hub.services import SupportsResponse

from .conftest import ApiEnv


async def test_security_headers_everywhere(api: ApiEnv) -> None:
    for path in ("auth/providers", "api/states", "api/nothing-here"):
        resp = await api.session.get(api.url + path)
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert resp.headers["X-Frame-Options"] == "DENY"
        assert resp.headers["Referrer-Policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]
        assert "Server" not in resp.headers


async def test_unauthenticated_is_401_json(api: ApiEnv) -> None:
    resp = await api.session.get(api.url + "api/states")
    assert resp.status == 401
    assert await resp.json() == {"message": "Unauthorized"}


async def test_states_crud(api: ApiEnv) -> None:
    headers = await api.headers()
    url = api.url + "api/states/sensor.temp"
    created = await api.session.post(
        url, json={"state": 21, "attributes": {"u": "C"}}, headers=headers
    )
    assert created.status == 201 and created.headers["Location"] == "/api/states/sensor.temp"
    assert (await created.json())["state"] == "21"
    updated = await api.session.post(url, json={"state": "22"}, headers=headers)
    assert updated.status == 200
    got = await (await api.session.get(url, headers=headers)).json()
    assert got["state"] == "22" and got["entity_id"] == "sensor.temp"
    listing = await (await api.session.get(api.url + "api/states", headers=headers)).json()
    assert "sensor.temp" in {s["entity_id"] for s in listing}
    bad = await api.session.post(url, json={"attributes": {}}, headers=headers)
    assert bad.status == 400 and "state" in (await bad.json())["message"]
    invalid_json = await api.session.post(url, data=b"{oops", headers=headers)
    assert invalid_json.status == 400
    assert (await api.session.delete(url, headers=headers)).status == 200
    missing = await api.session.get(url, headers=headers)
    assert missing.status == 404 and (await missing.json())["message"] == "Entity not found."


async def test_user_cannot_write_states(api: ApiEnv) -> None:
    headers = await api.headers("viewer", UserRole.USER)
    resp = await api.session.post(
        api.url + "api/states/sensor.x", json={"state": "1"}, headers=headers
    )
    assert resp.status == 403
    resp = await api.session.post(api.url + "api/events/custom", json={}, headers=headers)
    assert resp.status == 403


async def test_services_events_config(api: ApiEnv) -> None:
    hub = api.hub
    headers = await api.headers()

    def turn_on(call):  # type: ignore[no-untyped-def]
        hub.states.set("light.desk", "on", context=call.context)
        return {"done": True}

    hub.services.register("light", "turn_on", turn_on, supports_response=SupportsResponse.OPTIONAL)
    resp = await api.session.post(
        api.url + "api/services/light/turn_on", json={"entity_id": "light.desk"}, headers=headers
    )
    changed = await resp.json()
    assert resp.status == 200 and changed[0]["entity_id"] == "light.desk"
    resp = await api.session.post(
        api.url + "api/services/light/turn_on?return_response",
        json={"entity_id": "light.desk"},
        headers=headers,
    )
    assert (await resp.json())["service_response"] == {"done": True}
    missing = await api.session.post(api.url + "api/services/x/y", json={}, headers=headers)
    assert missing.status == 400
    seen = []
    hub.bus.listen("custom", seen.append)
    fired = await api.session.post(api.url + "api/events/custom", json={"a": 1}, headers=headers)
    assert fired.status == 200 and seen[0].data == {"a": 1}
    events = await (await api.session.get(api.url + "api/events", headers=headers)).json()
    assert {"event": "custom", "listener_count": 1} in events
    services = await (await api.session.get(api.url + "api/services", headers=headers)).json()
    assert any(s["domain"] == "light" and "turn_on" in s["services"] for s in services)
    config = await (await api.session.get(api.url + "api/config", headers=headers)).json()
    assert config["location_name"] == "Home" and "http" in config["components"]
    components = await (await api.session.get(api.url + "api/components", headers=headers)).json()
    assert "http" in components
    status = await (await api.session.get(api.url + "api/", headers=headers)).json()
    assert status == {"message": "API running."}


async def test_template_check_config_error_log_camera(api: ApiEnv) -> None:
    headers = await api.headers()
    api.hub.states.set("sensor.t", "5")
    resp = await api.session.post(
        api.url + "api/template", json={"template": "{{ states('sensor.t') }}!"}, headers=headers
    )
    assert await resp.text() == "5!"
    bad = await api.session.post(api.url + "api/template", json={"template": "{{"}, headers=headers)
    assert bad.status == 400
    check = await api.session.post(api.url + "api/config/core/check_config", headers=headers)
    assert (await check.json())["result"] == "valid"
    log = await api.session.get(api.url + "api/error_log", headers=headers)
    assert log.status == 200
    camera = await api.session.get(api.url + "api/camera_proxy/camera.door", headers=headers)
    assert camera.status == 404


async def test_body_size_limit(make_api) -> None:  # type: ignore[no-untyped-def]
    api = await make_api(max_body_size=4096)
    headers = await api.headers()
    resp = await api.session.post(
        api.url + "api/events/big", data=b'{"a":"' + b"x" * 10000 + b'"}', headers=headers
    )
    assert resp.status == 413


async def test_history_without_recorder(api: ApiEnv) -> None:
    headers = await api.headers()
    resp = await api.session.get(api.url + "api/history/period", headers=headers)
    assert resp.status == 404 and "recorder" in (await resp.json())["message"]


async def test_webhook_and_extension_view(api: ApiEnv) -> None:
    received = []

    async def hook(hub, webhook_id, request):  # type: ignore[no-untyped-def]
        received.append(await request.json())
        return web.json_response({"ok": True})

    register_webhook(api.hub, "secret-hook-id", hook)
    resp = await api.session.post(api.url + "api/webhook/secret-hook-id", json={"x": 1})
    assert resp.status == 200 and received == [{"x": 1}]
    unknown = await api.session.post(api.url + "api/webhook/other", json={})
    assert unknown.status == 200

    async def get_config(req):  # type: ignore[no-untyped-def]
        return web.json_response({"id": req.request.match_info["item_id"]})

    register_view(api.hub, "GET", "/api/test_ext/config/{item_id}", get_config, "admin")
    url = api.url + "api/test_ext/config/abc"
    assert (await api.session.get(url)).status == 401
    ok = await api.session.get(url, headers=await api.headers())
    assert await ok.json() == {"id": "abc"}
    denied = await api.session.get(url, headers=await api.headers("viewer", UserRole.USER))
    assert denied.status == 403


async def test_frontend_served(make_api, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<html>bastion</html>")
    (dist / "assets" / "app-3f9a8c7d1e.js").write_text("console.log(1)")
    api = await make_api(frontend_dir=dist)
    index = await api.session.get(api.url)
    assert index.status == 200 and index.headers["Cache-Control"] == "no-cache"
    deep = await api.session.get(api.url + "lovelace/0")
    assert "bastion" in await deep.text()
    asset = await api.session.get(api.url + "assets/app-3f9a8c7d1e.js")
    assert "immutable" in asset.headers["Cache-Control"]
    assert "script-src 'self'" in asset.headers["Content-Security-Policy"]
    escape = await api.session.get(api.url + "assets/..%2F..%2Fsecret.txt")
    assert escape.status == 404
