"""Hub lifecycle, plugin loading through entry points, failure isolation and restore state."""

from __future__ import annotations

import asyncio
import importlib
import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from hub.manifest import Manifest, setup_order
from hub.runtime import CoreState
from tests.conftest import HubFactory

PLUGINS = {
    "good_plugin": """
        from hub.domains.switch import SwitchEntity

        class Relay(SwitchEntity):
            restore = True
            restore_promptly = True

            def __init__(self):
                super().__init__("Relay", unique_id="relay1")
                self._on = False

            @property
            def is_on(self):
                return self._on

            async def turn_on(self, **kwargs):
                self._on = True

            async def turn_off(self, **kwargs):
                self._on = False

            async def restore_state(self, last, extra):
                self._on = last.state == "on"

        async def setup(ctx, config):
            await ctx.add_entities([Relay()])
            ctx.register_service("ping", lambda call: {"pong": call.data.get("n")},
                                 supports_response="optional")
    """,
    "broken_plugin": """
        async def setup(ctx, config):
            raise RuntimeError("hardware on fire")
    """,
    "needs_broken": """
        async def setup(ctx, config):
            ctx.fire("should_not_happen")
    """,
    "schema_plugin": """
        import voluptuous as vol
        CONFIG_SCHEMA = vol.Schema({vol.Required("port"): int})

        async def setup(ctx, config):
            ctx.fire("schema_plugin_ok", {"port": config["port"]})
    """,
}
DEPENDENCIES = {"needs_broken": ["broken_plugin"]}


@pytest.fixture
def plugins(tmp_path: Path) -> Iterator[Path]:
    """Third-party integrations installed through the `bastion.integrations` entry point."""
    root = tmp_path / "site"
    root.mkdir()
    eps = ["[bastion.integrations]"]
    for name, code in PLUGINS.items():
        pkg = root / name
        pkg.mkdir()
        (pkg / "__init__.py").write_text(textwrap.dedent(code))
        manifest = {"domain": name, "name": name, "dependencies": DEPENDENCIES.get(name, [])}
        (pkg / "manifest.json").write_text(json.dumps(manifest))
        eps.append(f"{name} = {name}")
    dist = root / "bastion_test_plugins-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: bastion-test-plugins\nVersion: 1.0\n"
    )
    (dist / "entry_points.txt").write_text("\n".join(eps) + "\n")
    sys.path.insert(0, str(root))
    importlib.invalidate_caches()
    yield root
    sys.path.remove(str(root))
    for name in PLUGINS:
        sys.modules.pop(name, None)


CONFIG = """
homeassistant:
  name: Test site
good_plugin:
broken_plugin:
needs_broken:
schema_plugin:
  port: 12
"""


async def test_broken_integration_does_not_stop_the_others(
    plugins: Path, make_hub: HubFactory
) -> None:
    hub = await make_hub(CONFIG)
    assert hub.state is CoreState.RUNNING
    report = hub.loader.report
    assert "good_plugin" in report.loaded and "schema_plugin" in report.loaded
    assert "hardware on fire" in report.failed["broken_plugin"]
    assert "dependency failed" in report.failed["needs_broken"]
    audit = await hub.parts["audit"].sink.query(action="integration.fail")
    assert {row["target"] for row in audit} == {"broken_plugin", "needs_broken"}
    messages = [n.message for n in hub.notifications.all().values()]
    assert any("broken_plugin" in m and "hardware on fire" in m for m in messages)
    assert hub.states.get("switch.relay").state == "off"  # type: ignore[union-attr]
    response = await hub.services.call("good_plugin", "ping", {"n": 7}, return_response=True)
    assert response == {"pong": 7}


async def test_invalid_integration_config_is_skipped_with_location(
    plugins: Path, make_hub: HubFactory
) -> None:
    hub = await make_hub(CONFIG.replace("port: 12", "port: twelve"))
    assert "schema_plugin" not in hub.loader.loaded
    reason = hub.loader.report.failed["schema_plugin"]
    assert "configuration.yaml" in reason and "port" in reason
    assert "good_plugin" in hub.loader.loaded


async def test_restart_restores_opted_in_state(plugins: Path, make_hub: HubFactory) -> None:
    hub = await make_hub(CONFIG)
    await hub.services.call("switch", "turn_on", target={"entity_id": "switch.relay"})
    assert hub.states.get("switch.relay").state == "on"  # type: ignore[union-attr]
    await hub.stop()
    again = await make_hub()
    assert again.states.get("switch.relay").state == "on"  # type: ignore[union-attr]
    entry = again.registries.entities.get("switch.relay")
    assert entry is not None and entry.unique_id == "relay1"


async def test_lifecycle_events_in_order(plugins: Path, make_hub: HubFactory) -> None:
    hub = await make_hub("homeassistant:\n  name: x\n")
    seen: list[str] = []
    for event_type in ("homeassistant_stop", "homeassistant_final_write", "homeassistant_close"):
        hub.bus.listen(event_type, lambda e: seen.append(e.event_type))
    await hub.stop()
    assert seen == ["homeassistant_stop", "homeassistant_final_write", "homeassistant_close"]
    assert hub.state is CoreState.STOPPED


def _manifest(domain: str, deps: tuple[str, ...] = (), after: tuple[str, ...] = ()) -> Manifest:
    return Manifest(domain, domain, "1", deps, after, (), "calculated", domain, Path("."), True)


def test_setup_order_dependencies_cycles_and_missing() -> None:
    manifests = {
        "a": _manifest("a", ("b",)),
        "b": _manifest("b"),
        "c": _manifest("c", ("d",)),
        "d": _manifest("d", ("c",)),
        "e": _manifest("e", ("missing",)),
        "f": _manifest("f", after=("a",)),
    }
    order, problems = setup_order({"a", "b", "c", "d", "e", "f"}, manifests)
    assert order.index("b") < order.index("a") < order.index("f")
    assert not {"c", "d", "e"} & set(order)
    assert any("cycle" in p for p in problems)
    assert any("'missing' not found (needed by e)" in p for p in problems)


async def test_recorder_database_down_at_start_is_retried(make_hub: HubFactory) -> None:
    """The database does not exist yet at start: the hub runs, then the recorder retries."""
    import secrets

    import sqlalchemy

    from tests.conftest import service_missing

    admin_url = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    name = f"bastion_retry_{secrets.token_hex(4)}"
    admin = sqlalchemy.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sqlalchemy.text("SELECT 1"))
    except sqlalchemy.exc.OperationalError as err:
        admin.dispose()
        service_missing("PostgreSQL at 127.0.0.1:5432", str(err).splitlines()[0])
    try:
        hub = await make_hub(
            "homeassistant:\n  name: x\nrecorder:\n"
            f"  db_url: postgresql+psycopg://postgres@127.0.0.1:5432/{name}\n"
        )
        assert hub.state is CoreState.RUNNING
        assert hub.recorder is None
        note = hub.notifications.get("part_recorder")
        assert note is not None and "not ready" in note.message
        with admin.connect() as conn:
            conn.execute(sqlalchemy.text(f"CREATE DATABASE {name}"))
        await hub.clock.advance(6)  # type: ignore[attr-defined]
        for _ in range(200):  # the connection attempt runs in a worker thread (real time)
            if hub.recorder is not None:
                break
            await asyncio.sleep(0.05)
        assert hub.recorder is not None
        assert hub.notifications.get("part_recorder") is None
        hub.states.set("sensor.after", "1")
        await hub.recorder.flush()
        await hub.stop()
    finally:
        with admin.connect() as conn:
            conn.execute(sqlalchemy.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


async def test_prompt_restore_saves_without_a_clean_stop(
    plugins: Path, make_hub: HubFactory
) -> None:
    """A restore_promptly entity's change is on disk before any shutdown (power-cut safety)."""
    hub = await make_hub(CONFIG)
    await hub.restore.flush()
    await hub.services.call("switch", "turn_on", target={"entity_id": "switch.relay"})
    assert hub.restore._store.has_pending  # scheduled by the state change itself
    await hub.restore.flush()  # what the 1 s timer does
    saved = json.loads((hub.config_dir / ".storage" / "core.restore_state").read_text())
    states = {item["state"]["entity_id"]: item["state"]["state"] for item in saved["data"]}
    assert states["switch.relay"] == "on"
