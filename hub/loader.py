"""Loader: set up integrations in dependency order, isolate failures, unload them cleanly."""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .errors import NotReady
from .events import EVENT_COMPONENT_LOADED
from .integration import IntegrationContext
from .manifest import Manifest, discover, setup_order

if TYPE_CHECKING:
    from .config.core import LoadedConfig
    from .runtime import Hub

_LOGGER = logging.getLogger(__name__)

DEFAULT_SETUP_TIMEOUT = 60.0
UNLOAD_TIMEOUT = 10.0
RETRY_DELAYS = (5.0, 15.0, 30.0, 60.0, 120.0, 300.0)
NOTIFICATION_PREFIX = "integration_failed_"


@dataclass(slots=True)
class Loaded:
    manifest: Manifest
    module: ModuleType
    context: IntegrationContext


@dataclass(slots=True)
class SetupReport:
    loaded: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


class Loader:
    """Finds integrations and runs their `setup(ctx, config)` / `unload(ctx)`."""

    def __init__(self, hub: Hub) -> None:
        self._hub = hub
        self.manifests, self.problems = discover()
        self.loaded: dict[str, Loaded] = {}
        self.report = SetupReport()
        self._retry_tasks: dict[str, asyncio.Task[None]] = {}

    def wanted(self, config: LoadedConfig) -> set[str]:
        """Domains named in the configuration plus those that always load."""
        return wanted_domains(config.raw, self.manifests)

    async def setup_all(self, config: LoadedConfig) -> SetupReport:
        """Set up every wanted integration; failures are reported and never stop the rest."""
        for problem in self.problems:
            _LOGGER.error("%s", problem)
        order, problems = setup_order(self.wanted(config), self.manifests)
        for problem in problems:
            _LOGGER.error("%s", problem)
            self._hub.notifications.create(problem, "Integration problem")
        for domain in order:
            manifest = self.manifests[domain]
            if any(dep in self.report.failed for dep in manifest.dependencies):
                self._fail(domain, "a dependency failed to set up")
                continue
            await self.setup(domain, config)
        return self.report

    async def setup(self, domain: str, config: LoadedConfig, attempt: int = 0) -> bool:
        """Validate config and set up one integration; True on success."""
        from .config.core import config_for_domain, validate_domain_config

        manifest = self.manifests[domain]
        try:
            module = importlib.import_module(manifest.module)
        except Exception as err:
            _LOGGER.exception("Cannot import integration %s", domain)
            self._fail(domain, f"cannot import: {err}")
            return False
        raw = _merge_blocks([value for _, value in config_for_domain(config.raw, domain)])
        schema = getattr(module, "CONFIG_SCHEMA", None)
        value: Any = raw
        if schema is not None:
            value, errors = validate_domain_config(domain, schema, raw, config)
            if errors:
                for error in errors:
                    _LOGGER.error("%s", error)
                self._fail(domain, "invalid configuration: " + "; ".join(map(str, errors)))
                return False
        context = IntegrationContext(self._hub, domain)
        timeout = manifest.setup_timeout or DEFAULT_SETUP_TIMEOUT
        try:
            async with asyncio.timeout(timeout):
                result = await module.setup(context, value)
        except NotReady as err:
            await context._unload()
            self._schedule_retry(domain, config, str(err), attempt)
            return False
        except TimeoutError:
            await context._unload()
            self._fail(domain, f"setup did not finish within {timeout:.0f} s")
            return False
        except Exception as err:
            _LOGGER.exception("Error setting up integration %s", domain)
            await context._unload()
            self._fail(domain, f"{type(err).__name__}: {err}")
            return False
        if result is False:
            await context._unload()
            self._fail(domain, "setup returned False")
            return False
        self.loaded[domain] = Loaded(manifest, module, context)
        self.report.loaded.append(domain)
        self.report.failed.pop(domain, None)
        self._hub.notifications.dismiss(NOTIFICATION_PREFIX + domain)
        self._hub.bus.fire(EVENT_COMPONENT_LOADED, {"component": domain})
        return True

    def _fail(self, domain: str, reason: str) -> None:
        self.report.failed[domain] = reason
        _LOGGER.error("Integration %s failed to set up: %s", domain, reason)
        self._hub.notifications.create(
            f"The integration **{domain}** could not be set up: {reason}",
            "Integration failed",
            NOTIFICATION_PREFIX + domain,
        )
        self._hub.bus.fire(
            "bastion_audit",
            {
                "action": "integration.fail",
                "target": domain,
                "outcome": "failure",
                "details": {"reason": reason},
            },
        )

    def _schedule_retry(self, domain: str, config: LoadedConfig, reason: str, attempt: int) -> None:
        delay = RETRY_DELAYS[min(attempt, len(RETRY_DELAYS) - 1)]
        self.report.failed[domain] = f"not ready ({reason}); retrying in {delay:.0f} s"
        _LOGGER.warning("Integration %s not ready: %s; retrying in %.0f s", domain, reason, delay)

        async def retry() -> None:
            await self._hub.clock.sleep(delay)
            await self.setup(domain, config, attempt + 1)

        self._retry_tasks[domain] = self._hub.tasks.create(retry(), f"retry:{domain}")

    async def unload(self, domain: str) -> None:
        """Run the integration's unload hook and release everything it owned."""
        loaded = self.loaded.pop(domain, None)
        if loaded is None:
            return
        hook = getattr(loaded.module, "unload", None)
        if hook is not None:
            try:
                async with asyncio.timeout(UNLOAD_TIMEOUT):
                    await hook(loaded.context)
            except Exception:
                _LOGGER.exception("Error unloading %s", domain)
        await loaded.context._unload()

    async def unload_all(self) -> None:
        """Unload in reverse setup order."""
        for task in self._retry_tasks.values():
            task.cancel()
        for domain in reversed(list(self.loaded)):
            await self.unload(domain)

    def components(self) -> list[str]:
        return sorted(self.loaded)


# Top-level keys configuring the hub itself rather than naming an integration. Home Assistant
# configurations also name `api`, `websocket_api` (served by the `http` part) and `history`,
# `logbook` (served by the recorder): accepted so such files load unchanged.
HUB_CONFIG_KEYS = frozenset(
    {
        "homeassistant",
        "bastion",
        "http",
        "recorder",
        "logger",
        "auth",
        "audit",
        "default_config",
        "api",
        "websocket_api",
        "history",
        "logbook",
    }
)


def wanted_domains(raw: Mapping[Any, Any], manifests: Mapping[str, Manifest]) -> set[str]:
    """Integrations to set up: those named in the config (by domain) and those always loaded."""
    from .config.core import domain_of

    wanted = {domain_of(str(key)) for key in raw}
    wanted = {d for d in wanted if d in manifests or d not in HUB_CONFIG_KEYS}
    wanted.update(d for d, m in manifests.items() if m.always_load)
    return wanted


def _merge_blocks(values: list[Any]) -> Any:
    """Combine `domain:` and `domain name:` blocks: lists concatenate, mappings merge."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    if all(isinstance(v, list) for v in values):
        return [item for v in values for item in v]
    if all(isinstance(v, Mapping) for v in values):
        merged: dict[str, Any] = {}
        for v in values:
            merged.update(v)
        return merged
    return values[0]
