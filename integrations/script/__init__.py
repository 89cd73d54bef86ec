"""script: `script.<name>` entities and services from configuration.yaml / scripts.yaml."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from automations import config_views
from automations.scripts import ScriptEngine, validate_blocks
from automations.shared import shared_for
from automations.sources import FILES
from hub.config.errors import ConfigError
from hub.config.yaml_loader import load_yaml
from hub.integration import IntegrationContext
from hub.runtime import CoreState

CONFIG_SCHEMA = vol.Any(None, dict)
_STOPPING = (CoreState.STOPPING, CoreState.FINAL_WRITE, CoreState.STOPPED)


async def setup(ctx: IntegrationContext, config: Any) -> bool:
    shared = await shared_for(ctx)
    engine = ScriptEngine(ctx, shared)
    shared.engines["script"] = engine
    engine.register_services()
    blocks: list[Any] = []
    if config is not None:
        blocks = [config]
    else:
        path = ctx.config_dir / FILES["script"]
        if path.exists():
            loaded = await ctx.run_blocking(load_yaml, path, ctx.config_dir)
            blocks = [loaded] if loaded else []
    await engine.load(blocks)
    config_views.register(ctx, "script")  # owned by ctx: removed on unload
    return True


def check_config(value: Any, loaded: Any) -> list[Any]:
    """Every invalid script with file:line, for `bastion check-config` (no hub needed)."""
    blocks: list[Any] = []
    if value is not None:
        blocks = [value]
    else:
        path = loaded.config_dir / FILES["script"]
        if path.exists():
            try:
                data = load_yaml(path, loaded.config_dir)
            except ConfigError as err:
                return [err]
            blocks = [data] if data else []
    return validate_blocks(blocks, loaded.config_dir)[1]


async def unload(ctx: IntegrationContext) -> None:
    shared = await shared_for(ctx)
    engine = shared.engines.pop("script", None)
    if engine is not None:
        engine.host.stopping = ctx.hub_state in _STOPPING
        await engine.unload_all()
        await shared.save()  # runs cancelled just now left their traces and kept their delays
