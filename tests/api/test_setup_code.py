"""The one-time setup code reaches the console, never the log."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from hub.api.onboarding import announce_setup_code
from hub.auth.manager import AuthManager


async def test_setup_code_printed_not_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    auth = AuthManager(tmp_path)
    await auth.load()
    with caplog.at_level(logging.DEBUG):
        code = announce_setup_code(auth, "http://127.0.0.1:8123/")
    assert code is not None
    assert code in capsys.readouterr().err
    assert code not in caplog.text
    assert "setup code" in caplog.text
