"""After setup the hub keeps only the config blocks it reads again; reloads re-read files."""

from __future__ import annotations

from pathlib import Path

from hub.config import load_configuration
from hub.config.core import retained
from hub.runtime import RETAINED_CONFIG_DOMAINS

from ..conftest import write_config

CONFIG = """
http:
  server_port: 18990
input_boolean:
  porch: {name: Porch}
automation:
  - id: one
    triggers: {trigger: event, event_type: go}
    actions: []
"""


def test_retained_keeps_only_the_named_blocks(config_dir: Path) -> None:
    write_config(config_dir, CONFIG)
    loaded = load_configuration(config_dir)
    slim = retained(loaded, ["http"])
    assert list(slim.raw) == ["http"]
    assert slim.raw.position("http") == loaded.raw.position("http")
    assert slim.core == loaded.core and slim.errors == loaded.errors
    assert "automation" in loaded.raw  # the original is untouched


async def test_reload_after_setup_reads_the_files(make_hub, config_dir: Path) -> None:
    hub = await make_hub(CONFIG.replace("http:\n  server_port: 18990\n", ""))
    assert set(hub.config.raw) <= set(RETAINED_CONFIG_DOMAINS)
    assert hub.states.get("input_boolean.porch") is not None
    write_config(
        config_dir,
        CONFIG.replace("http:\n  server_port: 18990\n", "").replace(
            "porch: {name: Porch}", "porch: {name: Porch}\n  hall: {name: Hall}"
        )
        + "  - id: two\n    triggers: {trigger: event, event_type: go}\n    actions: []\n",
    )
    await hub.services.call("input_boolean", "reload", {}, blocking=True)
    await hub.services.call("automation", "reload", {}, blocking=True)
    assert hub.states.get("input_boolean.hall") is not None
    assert hub.states.get("automation.two") is not None
