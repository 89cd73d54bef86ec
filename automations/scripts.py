"""ScriptEngine: `script:` items as `script.<name>` entities and services, with fields."""

from __future__ import annotations

import logging
from typing import Any

import voluptuous as vol

from hub.config.errors import ConfigError
from hub.context import Context
from hub.entity import Entity
from hub.integration import IntegrationContext
from hub.services import ServiceCall, SupportsResponse, entity_ids_in
from hub.templates import render_complex

from . import blueprints, schemas
from .actions import Script, ScriptResult
from .actions.resume import restore_runs
from .device.resolve import check_actions
from .host import Host
from .shared import Shared
from .sources import collect, validate_item

_LOGGER = logging.getLogger(__name__)
DOMAIN = "script"
EVENT_SCRIPT_STARTED = "script_started"
_RESERVED = {"turn_on", "turn_off", "toggle", "reload"}


def validate_script(raw: Any, config_dir: Any) -> dict[str, Any]:
    if isinstance(raw, dict) and "use_blueprint" in raw:
        raw = blueprints.substitute(config_dir, "script", raw)
    return schemas.script(raw)


class ScriptEntity(Entity):
    domain = DOMAIN

    def __init__(self, item: ScriptItem) -> None:
        super().__init__(item.name)
        self.suggested_object_id = item.object_id
        self.item = item

    @property
    def state(self) -> str:
        return "on" if self.item.script.is_running else "off"

    @property
    def icon(self) -> str | None:
        return self.item.config.get("icon")

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        return {
            "last_triggered": self.item.last_triggered,
            "mode": self.item.script.mode.value,
            "current": self.item.script.runs,
            "friendly_name": self.item.name,
        }


class ScriptItem:
    def __init__(self, host: Host, shared: Shared, object_id: str, config: dict[str, Any]):
        self.host = host
        self.object_id = object_id
        self.config = config
        self.name: str = config.get("alias") or object_id
        self.last_triggered: str | None = None
        self.entity = ScriptEntity(self)
        self.script = Script(
            host,
            config["sequence"],
            name=self.name,
            domain=DOMAIN,
            item_id=object_id,
            traces=shared.traces,
            mode=config["mode"],
            max_runs=config["max"],
            max_exceeded=config["max_exceeded"],
            root="sequence",
            pending_prefix=f"script_delay/{object_id}/",
            on_change=lambda: self.entity.write_state(),
        )

    def variables(self, given: dict[str, Any], context: Context) -> dict[str, Any]:
        variables: dict[str, Any] = {"this": self.host.state(self.entity.entity_id)}
        for name, spec in self.config.get("fields", {}).items():
            if "default" in spec:
                variables[name] = spec["default"]
        variables.update(given)
        variables["context"] = context
        if self.config.get("variables"):
            variables.update(
                render_complex(self.config["variables"], variables, self.host.templates)
            )
        return variables

    async def start(
        self, given: dict[str, Any], parent: Context, *, wait: bool
    ) -> ScriptResult | None:
        context = Context(user_id=parent.user_id, parent_id=parent.id)
        variables = self.variables(given, context)
        self.last_triggered = self.host.now().isoformat()
        self.host.fire(
            EVENT_SCRIPT_STARTED, {"name": self.name, "entity_id": self.entity.entity_id}, context
        )
        trace = self.script.new_trace(context, variables, "called")
        task = await self.script.start(variables, context, trace)
        if task is None or not wait:
            return None
        return await task


def validate_blocks(
    blocks: list[Any], config_dir: Any, registries: Any = None
) -> tuple[dict[str, dict[str, Any]], list[ConfigError]]:
    """Validate `script:` blocks (name → script); invalid scripts become errors with file:line.

    With `registries`, the devices and entities of device actions/conditions must exist.
    """
    errors: list[ConfigError] = []
    configs: dict[str, dict[str, Any]] = {}

    def validator(raw: Any) -> dict[str, Any]:
        config = validate_script(raw, config_dir)
        if registries is not None:
            check_actions(registries, config["sequence"], ("sequence",))
        return config

    for block in blocks:
        if not isinstance(block, dict):
            errors.append(ConfigError("script: expected a mapping of script names", domain=DOMAIN))
            continue
        for name, raw in block.items():
            key = str(name)
            if not schemas.cv.slugify(key) == key or key in _RESERVED:
                errors.append(
                    ConfigError(f"invalid script name {key!r}", domain=DOMAIN, path=(DOMAIN, key))
                )
                continue
            config, problems = validate_item(raw, validator, DOMAIN, f"script.{key}")
            if config is None:
                errors.extend(problems)
            else:
                configs[key] = config
    return configs, errors


class ScriptEngine:
    def __init__(self, ctx: IntegrationContext, shared: Shared) -> None:
        self.ctx = ctx
        self.shared = shared
        self.host = shared.host(ctx)
        self.items: dict[str, ScriptItem] = {}
        self.errors: list[ConfigError] = []
        self._service_removers: list[Any] = []

    async def load(self, blocks: list[Any], extra_errors: list[ConfigError] = ()) -> None:  # type: ignore[assignment]
        configs, problems = validate_blocks(blocks, self.ctx.config_dir, self.ctx.registries)
        errors = [*extra_errors, *problems]
        for error in errors:
            _LOGGER.error("Invalid script: %s", error)
        self.errors = errors
        await self.unload_all()
        for object_id, config in configs.items():
            item = ScriptItem(self.host, self.shared, object_id, config)
            await self.ctx.add_entities([item.entity])
            self.items[item.entity.entity_id] = item
            self._register_item_service(item)
            restore_runs(item.script, lambda item=item: self.host.state(item.entity.entity_id))

    def _register_item_service(self, item: ScriptItem) -> None:
        async def handler(call: ServiceCall) -> dict[str, Any] | None:
            result = await item.start(dict(call.data), call.context, wait=True)
            if result is None:
                return None
            if result.execution == "error":
                raise vol.Invalid(result.error or "script failed")
            return result.response if isinstance(result.response, dict) else None

        remove = self.ctx.register_service(
            item.object_id,
            handler,
            vol.Schema({}, extra=vol.ALLOW_EXTRA),
            supports_response=SupportsResponse.OPTIONAL,
        )
        self._service_removers.append(remove)

    async def unload_all(self) -> None:
        for remove in self._service_removers:
            remove()
        self._service_removers.clear()
        for entity_id, item in list(self.items.items()):
            await item.script.stop()
            await self.ctx.remove_entity(entity_id)
        self.items.clear()

    async def reload(self) -> list[ConfigError]:
        blocks, errors = await self.ctx.run_blocking(collect, self.ctx.config_dir, DOMAIN)
        await self.load(blocks, errors)
        return self.errors

    def register_services(self) -> None:
        schema = vol.Schema(
            {vol.Optional("entity_id"): object, vol.Optional("variables", default=dict): dict},
            extra=vol.ALLOW_EXTRA,
        )
        self.ctx.register_service("turn_on", self._turn_on, schema)
        self.ctx.register_service("turn_off", self._turn_off, schema)
        self.ctx.register_service("toggle", self._toggle, schema)
        self.ctx.register_service("reload", self._reload, vol.Schema({}, extra=vol.ALLOW_EXTRA))

    def _targets(self, call: ServiceCall) -> list[ScriptItem]:
        return [self.items[e] for e in entity_ids_in(call, self.items)]

    async def _turn_on(self, call: ServiceCall) -> None:
        for item in self._targets(call):
            await item.start(dict(call.data.get("variables") or {}), call.context, wait=False)

    async def _turn_off(self, call: ServiceCall) -> None:
        for item in self._targets(call):
            await item.script.stop()

    async def _toggle(self, call: ServiceCall) -> None:
        for item in self._targets(call):
            if item.script.is_running:
                await item.script.stop()
            else:
                await item.start(dict(call.data.get("variables") or {}), call.context, wait=False)

    async def _reload(self, call: ServiceCall) -> None:
        await self.reload()
