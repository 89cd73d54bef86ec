"""The `http:` YAML block, the CLI helpers, and the recorder-backed endpoints."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub.api import HttpConfig, HttpServer
from hub.api.cli_support import add_user, create_token
from hub.errors import ValidationError
from hub.runtime import Hub

from .conftest import ApiEnv, command


def test_http_config_from_yaml(tmp_path: Path) -> None:
    config = HttpConfig.from_yaml(
        {
            "server_host": "127.0.0.1",
            "server_port": 0,
            "ssl_certificate": "cert.pem",
            "ssl_key": "key.pem",
            "trusted_proxies": ["10.0.0.0/8"],
            "use_x_forwarded_for": True,
            "login_attempts_threshold": 3,
        },
        tmp_path,
    )
    assert config.server_host == ("127.0.0.1",) and config.ssl_certificate == tmp_path / "cert.pem"
    assert HttpConfig.from_yaml(None).server_host == ("0.0.0.0",)
    with pytest.raises(ValidationError, match="together"):
        HttpConfig.from_yaml({"ssl_certificate": "a.pem"})
    with pytest.raises(ValidationError, match="server_port"):
        HttpConfig.from_yaml({"server_port": "nope"})
    with pytest.raises(ValidationError):
        HttpConfig.from_yaml({"unknown_key": 1})


async def test_server_reads_http_block_and_cli_tokens_work(config_dir: Path) -> None:
    (config_dir / "configuration.yaml").write_text(
        "http:\n  server_host: 127.0.0.1\n  server_port: 0\n"
    )
    user = await add_user(config_dir, "admin1", "a long password 1", role="admin")
    assert user.is_admin
    token = await create_token(config_dir, "admin1", "script", days=2)
    with pytest.raises(Exception, match="not found"):
        await create_token(config_dir, "ghost", "x")
    hub = Hub(config_dir)  # real clock: the CLI minted the token with real time
    server = HttpServer()
    hub.parts["http"] = server
    await hub.start()
    try:
        import aiohttp

        assert server.setup_code is None  # a user exists: no onboarding code
        async with aiohttp.ClientSession() as session:
            resp = await session.get(
                server.url + "api/", headers={"Authorization": f"Bearer {token}"}
            )
            assert resp.status == 200
    finally:
        await hub.stop()


async def test_history_logbook_with_recorder(api: ApiEnv, config_dir: Path) -> None:
    from hub.recorder import Recorder, RecorderConfig

    hub = api.hub
    recorder = Recorder(hub.bus, hub.states, api.clock, RecorderConfig.from_yaml({}), config_dir)
    await recorder.start()
    hub.parts["recorder"] = recorder  # stopped with the hub
    hub.recorder = recorder
    start = api.clock.now()
    hub.states.set("sensor.temp", "20")
    await api.clock.advance(10)
    hub.states.set("sensor.temp", "21")
    await recorder.flush()
    ws = await api.ws()
    history = await command(
        ws,
        {
            "id": 1,
            "type": "history/history_during_period",
            "start_time": start.isoformat(),
            "entity_ids": ["sensor.temp"],
        },
    )
    assert [row["s"] for row in history["result"]["sensor.temp"]] == ["20", "21"]
    logbook = await command(
        ws, {"id": 2, "type": "logbook/get_events", "start_time": start.isoformat()}
    )
    assert logbook["success"]
    stats = await command(
        ws, {"id": 3, "type": "recorder/list_statistic_ids", "statistic_type": "mean"}
    )
    assert stats["success"]
    info = await command(ws, {"id": 4, "type": "recorder/info"})
    assert info["result"]["backlog"] == 0 and info["result"]["recording"] is True
    headers = await api.headers()
    url = api.url + "api/history/period/" + start.isoformat()
    rest = await api.session.get(url, params={"filter_entity_id": "sensor.temp"}, headers=headers)
    assert rest.status == 200
    rows = await rest.json()
    assert [r["state"] for r in rows[0]] == ["20", "21"]
    assert rows[0][0]["entity_id"] == "sensor.temp"
    csv_resp = await api.session.get(
        api.url + "api/history/export/sensor.temp",
        params={"start_time": start.isoformat()},
        headers=headers,
    )
    assert csv_resp.status == 200
    assert csv_resp.headers["Content-Type"].startswith("text/csv")
    lines = (await csv_resp.text()).strip().splitlines()
    assert len(lines) == 3 and "20" in lines[1] and "21" in lines[2]
    book = await api.session.get(api.url + "api/logbook/" + start.isoformat(), headers=headers)
    assert book.status == 200
