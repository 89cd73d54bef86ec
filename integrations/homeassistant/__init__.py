"""homeassistant: the core services (generic turn on/off, reloads, restart/stop, checks)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

import voluptuous as vol

from hub.entity_host import ENTITY_TARGET_SCHEMA
from hub.errors import HubError
from hub.integration import IntegrationContext
from hub.services import ServiceCall

from .check import check_configuration

_LOGGER = logging.getLogger(__name__)

DOMAIN = "homeassistant"
RESTART_EXIT_CODE = 100
CHECK_CONFIG_NOTIFICATION = "homeassistant.check_config"
MAX_GROUP_DEPTH = 8

# Domains whose "on"/"off" have their own service names.
SERVICE_NAMES: dict[str, dict[str, str]] = {
    "cover": {"turn_on": "open_cover", "turn_off": "close_cover", "toggle": "toggle"},
    "valve": {"turn_on": "open_valve", "turn_off": "close_valve", "toggle": "toggle"},
    "lock": {"turn_on": "unlock", "turn_off": "lock"},
}
# Only targets are passed on to these (their services take no on/off options).
TARGET_ONLY = frozenset(SERVICE_NAMES)

TURN_SCHEMA = vol.Schema(ENTITY_TARGET_SCHEMA, extra=vol.ALLOW_EXTRA)


def expand_groups(ctx: IntegrationContext, entity_ids: Iterable[str]) -> set[str]:
    """Replace `group.*` ids by their members (recursively, loops cut off)."""
    result: set[str] = set()
    seen: set[str] = set()

    def visit(entity_id: str, depth: int) -> None:
        if entity_id in seen:
            return
        seen.add(entity_id)
        if entity_id.startswith("group.") and depth < MAX_GROUP_DEPTH:
            state = ctx.states.get(entity_id)
            members = state.attributes.get("entity_id") if state is not None else None
            if members:
                for member in members:
                    visit(str(member), depth + 1)
                return
        result.add(entity_id)

    for entity_id in entity_ids:
        visit(entity_id, 0)
    return result


class CoreServices:
    """The handlers of the homeassistant.* services."""

    def __init__(self, ctx: IntegrationContext) -> None:
        self._ctx = ctx

    async def turn(self, call: ServiceCall) -> None:
        """homeassistant.turn_on/turn_off/toggle: call each target domain's own service."""
        if not call.entity_ids:
            _LOGGER.warning("homeassistant.%s called without targets", call.service)
            return
        by_domain: dict[str, list[str]] = {}
        for entity_id in sorted(expand_groups(self._ctx, call.entity_ids)):
            by_domain.setdefault(entity_id.partition(".")[0], []).append(entity_id)
        params = call.params()
        calls = []
        unsupported: list[str] = []
        for domain, entity_ids in by_domain.items():
            if domain in (DOMAIN, "group"):
                unsupported.extend(entity_ids)
                continue
            for service, ids in self._services_for(domain, call.service, entity_ids):
                if not self._ctx.has_service(domain, service):
                    unsupported.extend(ids)
                    continue
                data = {} if domain in TARGET_ONLY else dict(params)
                data["entity_id"] = ids
                calls.append(self._ctx.call_service(domain, service, data, context=call.context))
        if unsupported:
            _LOGGER.warning(
                "homeassistant.%s does not support %s", call.service, ", ".join(unsupported)
            )
        results = await asyncio.gather(*calls, return_exceptions=True)
        errors = [r for r in results if isinstance(r, BaseException)]
        if errors:
            raise errors[0]

    def _services_for(
        self, domain: str, service: str, entity_ids: list[str]
    ) -> list[tuple[str, list[str]]]:
        if domain == "lock" and service == "toggle":
            locked = [e for e in entity_ids if self._state_of(e) == "locked"]
            others = [e for e in entity_ids if e not in locked]
            return [(s, ids) for s, ids in (("unlock", locked), ("lock", others)) if ids]
        return [(SERVICE_NAMES.get(domain, {}).get(service, service), entity_ids)]

    def _state_of(self, entity_id: str) -> str | None:
        state = self._ctx.states.get(entity_id)
        return state.state if state is not None else None

    async def update_entity(self, call: ServiceCall) -> None:
        for entity_id in sorted(call.entity_ids or ()):
            if not await self._ctx.update_entity(entity_id):
                _LOGGER.warning("homeassistant.update_entity: %s not found", entity_id)

    async def reload_core_config(self, call: ServiceCall | None = None) -> None:
        errors = await self._ctx.reload_core_config()
        for error in errors:
            _LOGGER.warning("Configuration problem while reloading core config: %s", error)

    async def _check(self, action: str) -> None:
        """Raise (and notify) when the configuration is invalid, so `action` is refused."""
        problems = await self._ctx.run_blocking(check_configuration, self._ctx.config_dir)
        if problems:
            self._notify(problems)
            raise HubError(
                f"The system cannot {action} because the configuration is not valid: "
                + "; ".join(problems[:5])
            )

    def _notify(self, problems: list[str]) -> None:
        self._ctx.notifications.create(
            "Configuration errors:\n" + "\n".join(problems[:20]),
            "Config validating",
            CHECK_CONFIG_NOTIFICATION,
        )

    async def reload_all(self, call: ServiceCall) -> None:
        """Check the config, reload the core block, then every domain's `reload` service."""
        await self._check("reload")
        await self.reload_core_config()
        failures: list[str] = []
        for domain in sorted(self._ctx.services()):
            if domain == DOMAIN or not self._ctx.has_service(domain, "reload"):
                continue
            try:
                await self._ctx.call_service(domain, "reload", {}, context=call.context)
            except HubError as err:
                _LOGGER.error("Reloading %s failed: %s", domain, err)
                failures.append(f"{domain}: {err}")
        if failures:
            raise HubError("Some domains failed to reload: " + "; ".join(failures))

    async def check_config(self, call: ServiceCall) -> None:
        problems = await self._ctx.run_blocking(check_configuration, self._ctx.config_dir)
        if problems:
            for problem in problems:
                _LOGGER.error("Configuration problem: %s", problem)
            self._notify(problems)
        else:
            self._ctx.notifications.dismiss(CHECK_CONFIG_NOTIFICATION)

    async def restart(self, call: ServiceCall) -> None:
        await self._check("restart")
        self._ctx.request_stop(RESTART_EXIT_CODE)

    def stop(self, call: ServiceCall) -> None:
        self._ctx.request_stop(0)


async def setup(ctx: IntegrationContext, config: Any) -> bool:
    """Register the homeassistant.* services (the config value is the core block; unused)."""
    core = CoreServices(ctx)
    for service in ("turn_on", "turn_off", "toggle"):
        ctx.register_service(service, core.turn, TURN_SCHEMA)
    ctx.register_service("update_entity", core.update_entity, vol.Schema(ENTITY_TARGET_SCHEMA))
    ctx.register_service("reload_core_config", core.reload_core_config, vol.Schema({}))
    ctx.register_service("reload_all", core.reload_all, vol.Schema({}))
    ctx.register_service("check_config", core.check_config, vol.Schema({}))
    ctx.register_service("restart", core.restart, vol.Schema({}))
    ctx.register_service("stop", core.stop, vol.Schema({}))
    return True
