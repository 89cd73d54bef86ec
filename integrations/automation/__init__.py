"""automation: Home Assistant-compatible automations from configuration.yaml / automations.yaml."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from automations import blueprints, config_views
from automations.device import websocket as device_websocket
from automations.engine import AutomationEngine, validate_items
from automations.shared import shared_for
from automations.sources import FILES
from hub.config.errors import ConfigError
from hub.config.yaml_loader import load_yaml
from hub.integration import IntegrationContext
from hub.runtime import CoreState

from . import websocket
from .webhook_bridge import expose_webhooks

# Each automation is validated on its own (an invalid one is reported and skipped).
CONFIG_SCHEMA = vol.Any(None, list, dict)
_STOPPING = (CoreState.STOPPING, CoreState.FINAL_WRITE, CoreState.STOPPED)


async def setup(ctx: IntegrationContext, config: Any) -> bool:
    shared = await shared_for(ctx)
    await ctx.run_blocking(blueprints.install_shipped, ctx.config_dir)
    engine = AutomationEngine(ctx, shared)
    shared.engines["automation"] = engine
    engine.register_services()
    items: list[Any] = []
    if config is not None:
        items = list(config) if isinstance(config, list) else [config]
    else:
        path = ctx.config_dir / FILES["automation"]
        if path.exists():
            loaded = await ctx.run_blocking(load_yaml, path, ctx.config_dir)
            items = list(loaded or [])
    await engine.load(items)
    # The API pieces are owned by ctx: the loader removes them when the integration unloads.
    websocket.register(ctx)
    device_websocket.register(ctx)
    config_views.register(ctx, "automation")
    expose_webhooks(ctx, shared.webhooks)
    return True


def check_config(value: Any, loaded: Any) -> list[Any]:
    """Every invalid automation with file:line, for `bastion check-config` (no hub needed)."""
    items: list[Any] = []
    errors: list[Any] = []
    if value is not None:
        items = list(value) if isinstance(value, list) else [value]
    else:
        path = loaded.config_dir / FILES["automation"]
        if path.exists():
            try:
                items = list(load_yaml(path, loaded.config_dir) or [])
            except ConfigError as err:
                return [err]
    _, problems = validate_items(items, loaded.config_dir)
    return [*errors, *problems]


async def unload(ctx: IntegrationContext) -> None:
    shared = await shared_for(ctx)
    engine = shared.engines.pop("automation", None)
    if engine is None:
        return
    engine.host.stopping = ctx.hub_state in _STOPPING
    await engine.unload_all()
    await shared.save()
