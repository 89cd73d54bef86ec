"""system_health: integrations register info callbacks; `info()` gathers them for the API.

from integrations.system_health import register_info
register_info(ctx, lambda: {"connected": True})
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import platform
import sys
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any
from weakref import WeakKeyDictionary

import voluptuous as vol

import hub
from hub.integration import IntegrationContext
from hub.services import ServiceCall, SupportsResponse

_LOGGER = logging.getLogger(__name__)

DOMAIN = "system_health"
INFO_TIMEOUT = 10.0

InfoCallback = Callable[[], dict[str, Any] | Awaitable[dict[str, Any]]]


class HealthRegistry:
    """Info callbacks of one hub, by integration domain."""

    def __init__(self) -> None:
        self.callbacks: dict[str, InfoCallback] = {}


# One registry per hub, keyed by that hub's Notifications object (unique per hub, and
# reachable from both a Hub and an IntegrationContext). Weak so stopped hubs go away.
_REGISTRIES: WeakKeyDictionary[Any, HealthRegistry] = WeakKeyDictionary()


def _registry(owner: Any) -> HealthRegistry:
    """The registry of the hub behind `owner` (a Hub or an IntegrationContext)."""
    key = owner.notifications
    registry = _REGISTRIES.get(key)
    if registry is None:
        registry = _REGISTRIES[key] = HealthRegistry()
    return registry


def register_info(ctx: IntegrationContext, callback: InfoCallback) -> None:
    """Show `callback()`'s dict under the caller's domain; removed when it unloads."""
    registry = _registry(ctx)
    registry.callbacks[ctx.domain] = callback

    def remove() -> None:
        if registry.callbacks.get(ctx.domain) is callback:
            del registry.callbacks[ctx.domain]

    ctx.on_unload(remove)


async def _run(domain: str, callback: InfoCallback) -> dict[str, Any]:
    try:
        async with asyncio.timeout(INFO_TIMEOUT):
            result = callback()
            if inspect.isawaitable(result):
                result = await result
    except TimeoutError:
        return {"error": f"no answer within {INFO_TIMEOUT:.0f} s"}
    except Exception as err:  # one broken integration must not hide the others
        _LOGGER.exception("System health info of %s failed", domain)
        return {"error": f"{type(err).__name__}: {err}"}
    if not isinstance(result, dict):
        return {"error": "info callback did not return a mapping"}
    return result


async def info(owner: Any) -> dict[str, dict[str, Any]]:
    """Every registered domain's info (core first), each callback bounded by a timeout."""
    registry = _registry(owner)
    domains = sorted(registry.callbacks, key=lambda d: (d != "homeassistant", d))
    results = await asyncio.gather(*(_run(d, registry.callbacks[d]) for d in domains))
    return dict(zip(domains, results, strict=True))


def _uptime(started: datetime, now: datetime) -> str:
    seconds = int((now - started).total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{days}d {hours:02}:{minutes:02}:{seconds:02}"


async def setup(ctx: IntegrationContext, config: Any) -> bool:
    """Register core info and the `system_health.info` service (response only)."""
    started = ctx.now()

    def core_info() -> dict[str, Any]:
        return {
            "version": hub.__version__,
            "installation_type": "Bastion",
            "python_version": platform.python_version(),
            "os_name": platform.system(),
            "os_version": platform.release(),
            "arch": platform.machine(),
            "virtualenv": sys.prefix != sys.base_prefix,
            "docker": os.path.exists("/.dockerenv"),
            "timezone": str(getattr(ctx.core, "time_zone", "UTC")),
            "entity_count": len(ctx.states.entity_ids()),
            "started": started.isoformat(),
            "uptime": _uptime(started, ctx.now()),
            "config_dir": str(ctx.config_dir),
        }

    _registry(ctx).callbacks["homeassistant"] = core_info
    ctx.on_unload(lambda: _registry(ctx).callbacks.pop("homeassistant", None))

    async def handle_info(call: ServiceCall) -> dict[str, Any]:
        return await info(ctx)

    ctx.register_service(
        "info", handle_info, vol.Schema({}), supports_response=SupportsResponse.ONLY
    )
    return True
