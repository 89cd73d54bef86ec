"""AutomationEngine: loads, validates, attaches and reloads automations; their services."""

from __future__ import annotations

import logging
from typing import Any

import voluptuous as vol

from hub.config.errors import ConfigError
from hub.config.nodes import compact
from hub.integration import IntegrationContext
from hub.services import ServiceCall, entity_ids_in

from . import blueprints, schemas
from .automation import DOMAIN, Automation
from .device.resolve import check_automation
from .shared import Shared
from .sources import collect, validate_item

_LOGGER = logging.getLogger(__name__)

TARGET_SCHEMA = {vol.Optional("entity_id"): object}


def validate_automation(raw: Any, config_dir: Any) -> dict[str, Any]:
    """Blueprint substitution (if `use_blueprint`) then schema validation."""
    if isinstance(raw, dict) and "use_blueprint" in raw:
        raw = blueprints.substitute(config_dir, "automation", raw)
    return schemas.automation(raw)


def validate_items(
    raw_items: list[Any], config_dir: Any, registries: Any = None
) -> tuple[list[dict[str, Any]], list[ConfigError]]:
    """Validate automations one by one; invalid ones become errors with file:line.

    With `registries`, devices and entities named by device triggers, conditions and actions
    must exist (without, e.g. for check-config, only their form is checked).
    """
    valid: list[dict[str, Any]] = []
    errors: list[ConfigError] = []

    def validator(raw: Any) -> dict[str, Any]:
        config = validate_automation(raw, config_dir)
        if registries is not None:
            check_automation(registries, config)
        return config

    for index, raw in enumerate(raw_items):
        label = f"automation[{index}]"
        config, problems = validate_item(raw, validator, DOMAIN, label)
        if config is None:
            errors.extend(problems)
        else:
            # Kept for the hub's lifetime: a plain, interned copy (positions were only needed
            # to report validation errors).
            config = compact(config)
            config["_raw"] = raw
            valid.append(config)
    return valid, errors


class AutomationEngine:
    """All automations of one hub."""

    def __init__(self, ctx: IntegrationContext, shared: Shared) -> None:
        self.ctx = ctx
        self.host = shared.host(ctx)
        self.shared = shared
        self.automations: dict[str, Automation] = {}
        self.errors: list[ConfigError] = []
        self.raw_items: list[Any] = []

    def validate(self, raw_items: list[Any]) -> tuple[list[dict[str, Any]], list[ConfigError]]:
        return validate_items(raw_items, self.ctx.config_dir, self.ctx.registries)

    async def load(self, raw_items: list[Any], extra_errors: list[ConfigError] = ()) -> None:  # type: ignore[assignment]
        """Replace all automations with those in `raw_items`; invalid ones are reported."""
        configs, errors = self.validate(raw_items)
        # The editor reads items back (invalid ones too); keep them without positions.
        self.raw_items = compact(raw_items)
        plain = {id(raw): item for raw, item in zip(raw_items, self.raw_items, strict=True)}
        for config in configs:
            config["_raw"] = plain.get(id(config["_raw"]), config["_raw"])
        errors = [*extra_errors, *errors]
        for error in errors:
            _LOGGER.error("Invalid automation: %s", error)
        self.errors = errors
        if errors:
            self.ctx.notify(
                "\n".join(str(e) for e in errors[:20]), "Invalid automations", "automation_errors"
            )
        else:
            self.ctx.notifications.dismiss("automation_errors")
        await self.unload_all()
        seen: set[str] = set()
        for index, config in enumerate(configs):
            automation = Automation(self.host, self.shared.traces, config, index)
            if automation.item_id in seen:
                automation.item_id = f"{automation.item_id}_{index}"
            seen.add(automation.item_id)
            try:
                await self.ctx.add_entities([automation.entity])
                await automation.attach()
            except Exception:
                _LOGGER.exception("Could not set up automation %s", automation.name)
                continue
            self.automations[automation.entity_id] = automation

    async def unload_all(self) -> None:
        for entity_id, automation in list(self.automations.items()):
            await automation.remove()
            await self.ctx.remove_entity(entity_id)
        self.automations.clear()

    async def reload(self) -> list[ConfigError]:
        """Re-read the configuration; returns the errors (invalid automations are skipped)."""
        items, errors = await self.ctx.run_blocking(collect, self.ctx.config_dir, DOMAIN)
        await self.load(items, errors)
        return self.errors

    def by_item_id(self, item_id: str) -> Automation | None:
        for automation in self.automations.values():
            if automation.item_id == item_id:
                return automation
        return None

    # -- services ------------------------------------------------------------------------
    def register_services(self) -> None:
        extra = vol.Schema(
            {
                **TARGET_SCHEMA,
                vol.Optional("skip_condition", default=True): bool,
                vol.Optional("stop_actions", default=True): bool,
                vol.Optional("variables", default=dict): dict,
            },
            extra=vol.ALLOW_EXTRA,
        )
        self.ctx.register_service("trigger", self._svc_trigger, extra)
        self.ctx.register_service("turn_on", self._svc_turn_on, extra)
        self.ctx.register_service("turn_off", self._svc_turn_off, extra)
        self.ctx.register_service("toggle", self._svc_toggle, extra)
        self.ctx.register_service("reload", self._svc_reload, vol.Schema({}, extra=vol.ALLOW_EXTRA))

    def _targets(self, call: ServiceCall) -> list[Automation]:
        return [self.automations[e] for e in entity_ids_in(call, self.automations)]

    async def _svc_trigger(self, call: ServiceCall) -> None:
        for automation in self._targets(call):
            payload = {"trigger": {"platform": None, "id": None, "description": "manual"}}
            payload.update(call.data.get("variables") or {})
            await automation.trigger(
                payload, call.context, skip_condition=call.data.get("skip_condition", True)
            )

    async def _svc_turn_on(self, call: ServiceCall) -> None:
        for automation in self._targets(call):
            await automation.turn_on()

    async def _svc_turn_off(self, call: ServiceCall) -> None:
        for automation in self._targets(call):
            await automation.turn_off(call.data.get("stop_actions", True))

    async def _svc_toggle(self, call: ServiceCall) -> None:
        for automation in self._targets(call):
            if automation.enabled:
                await automation.turn_off()
            else:
                await automation.turn_on()

    async def _svc_reload(self, call: ServiceCall) -> None:
        await self.reload()
