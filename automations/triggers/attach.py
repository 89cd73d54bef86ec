"""Attach a list of validated triggers; one callback for all, detached together."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import Any

from hub.context import Context
from hub.templates import render_bool, render_complex

from ..host import Host, Unsubscribe
from . import TriggerInfo, get_platform

_LOGGER = logging.getLogger(__name__)

# on_trigger(trigger_variables, context) — trigger_variables is {"trigger": {...}}.
OnTrigger = Callable[[dict[str, Any], Context | None], None]


async def attach_triggers(
    host: Host,
    configs: list[dict[str, Any]],
    on_trigger: OnTrigger,
    *,
    name: str,
    item_id: str,
    variables: dict[str, Any] | None = None,
    persist: bool = True,
) -> Unsubscribe:
    """Attach every enabled trigger; a platform that fails is logged and skipped."""
    variables = variables or {}
    removers: list[Unsubscribe] = []
    for index, config in enumerate(configs):
        enabled = config.get("enabled", True)
        if isinstance(enabled, str):
            enabled = render_bool(host.template(enabled), variables)
        if not enabled:
            continue
        platform = get_platform(config["trigger"])
        if platform is None:
            _LOGGER.error("%s: trigger platform %s is not available", name, config["trigger"])
            continue
        info = TriggerInfo(name, item_id, index, variables, persist)
        fire = _make_fire(host, config, index, on_trigger, variables)
        try:
            remove = platform.attach(host, config, fire, info)
            if inspect.isawaitable(remove):
                remove = await remove
        except Exception:
            _LOGGER.exception(
                "%s: could not attach trigger %d (%s)", name, index, config["trigger"]
            )
            continue
        removers.append(remove)

    def detach() -> None:
        for remove in removers:
            try:
                remove()
            except Exception:
                _LOGGER.exception("%s: error detaching a trigger", name)
        removers.clear()

    return detach


def _make_fire(
    host: Host,
    config: dict[str, Any],
    index: int,
    on_trigger: OnTrigger,
    variables: dict[str, Any],
) -> Callable[[dict[str, Any], Context | None], None]:
    trigger_id = config.get("id", str(index))
    alias = config.get("alias")
    extra = config.get("variables")

    def fire(data: dict[str, Any], context: Context | None) -> None:
        trigger = {"id": trigger_id, "idx": str(index), "alias": alias, **data}
        payload: dict[str, Any] = {"trigger": trigger}
        if extra:
            try:
                payload.update(render_complex(extra, {**variables, **payload}, host.templates))
            except Exception:
                _LOGGER.exception("Trigger variables failed to render")
                return
        on_trigger(payload, context)

    return fire
