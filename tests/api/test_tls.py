"""TLS start-up with a freshly generated self-signed certificate."""

from __future__ import annotations

import asyncio
import shutil
import ssl
from pathlib import Path

import pytest

from .conftest import command

OPENSSL_TIMEOUT = 30.0


async def _self_signed(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    process = await asyncio.create_subprocess_exec(
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1",
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    async with asyncio.timeout(OPENSSL_TIMEOUT):
        _, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    return cert, key


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl CLI not installed")
async def test_tls_serves_https_and_wss(make_api, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cert, key = await _self_signed(tmp_path)
    api = await make_api(ssl_certificate=cert, ssl_key=key)
    assert api.url.startswith("https://")
    context = ssl.create_default_context(cafile=str(cert))
    resp = await api.session.get(api.url + "api/", headers=await api.headers(), ssl=context)
    assert resp.status == 200
    assert resp.headers["Strict-Transport-Security"].startswith("max-age=")
    ws = await api.ws(ssl=context)
    assert (await command(ws, {"id": 1, "type": "ping"}))["type"] == "pong"
    with pytest.raises(Exception):  # noqa: B017 - any TLS verification failure
        await api.session.get(api.url + "api/")
