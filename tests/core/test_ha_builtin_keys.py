"""Home Assistant configurations name `api:`, `websocket_api:`, `history:` and `logbook:`."""

from __future__ import annotations

from pathlib import Path

from hub.check_config import check_config
from tests.conftest import HubFactory

HA_STYLE = """
homeassistant:
  name: Bench Home
api:
websocket_api:
logbook:
history:
input_boolean:
  bench_toggle_0:
    name: Bench toggle 0
"""


def test_check_config_accepts_home_assistant_builtin_keys(tmp_path: Path) -> None:
    (tmp_path / "configuration.yaml").write_text(HA_STYLE)
    assert check_config(tmp_path) == []


async def test_hub_starts_without_failing_on_builtin_keys(make_hub: HubFactory) -> None:
    hub = await make_hub(HA_STYLE)
    assert hub.loader.report.failed == {}
    assert hub.states.get("input_boolean.bench_toggle_0") is not None
