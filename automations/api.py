"""The automation engine's API for the websocket/REST layer (all functions take the hub).

validate_config(hub, {"triggers": [...], "conditions": [...], "actions": [...]}) -> dict
subscribe_trigger(hub, trigger_config, callback, variables=None) -> unsubscribe (awaitable)
run_script(hub, actions_config, variables=None, context=None) -> ScriptResult
list_traces(hub, domain=None, item_id=None) -> [summary dicts]
get_trace(hub, domain, item_id, run_id) -> dict | None
get_config(hub, domain, item_id) -> dict | None
save_config(hub, domain, item_id, config) -> list[ConfigError]   (writes YAML, reloads)
delete_config(hub, domain, item_id) -> bool
reload(hub, domain) -> list[ConfigError]
stats(hub) -> EngineStats
webhooks_for(hub) -> Webhooks   (the HTTP layer hands `/api/webhook/<id>` requests to it)
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import voluptuous as vol
import yaml

from hub.config.errors import ConfigError
from hub.config.nodes import strip_positions
from hub.context import Context
from hub.errors import NotFound, ValidationError
from hub.services import humanize
from hub.storage import write_atomic

from . import schemas
from .actions import Script, ScriptResult
from .device.resolve import check_actions, check_automation, check_conditions, check_triggers
from .host import EngineStats, Host, Unsubscribe
from .shared import Shared, peek
from .sources import FILES
from .triggers.attach import attach_triggers
from .webhooks import Webhooks

DOMAINS = ("automation", "script")


def _shared(hub: Any) -> Shared:
    shared = peek(hub)
    if shared is None:
        raise NotFound("the automation engine is not loaded")
    return shared


def get_engine(hub: Any, domain: str = "automation") -> Any:
    """The AutomationEngine (or ScriptEngine for domain "script") of `hub`."""
    engine = _shared(hub).engines.get(domain)
    if engine is None:
        raise NotFound(f"{domain} is not loaded")
    return engine


def _host(hub: Any) -> Host:
    return get_engine(hub).host  # type: ignore[no-any-return]


def stats(hub: Any) -> EngineStats:
    return _shared(hub).stats


def webhooks_for(hub: Any) -> Webhooks:
    """The webhook registry of `hub`'s automation engine (webhook triggers register here)."""
    return _shared(hub).webhooks


def validate_config(hub: Any, config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Validate triggers/conditions/actions sections: {section: {"valid": bool, "error": str}}."""
    validators = {
        "triggers": (schemas.triggers, check_triggers),
        "trigger": (schemas.triggers, check_triggers),
        "conditions": (schemas.conditions, check_conditions),
        "condition": (schemas.conditions, check_conditions),
        "actions": (schemas.actions, check_actions),
        "action": (schemas.actions, check_actions),
    }
    result: dict[str, dict[str, Any]] = {}
    for key, value in config.items():
        if key not in validators:
            continue
        validator, check_devices = validators[key]
        try:
            check_devices(hub.registries, validator(value))
            result[key] = {"valid": True, "error": None}
        except vol.Invalid as err:
            result[key] = {"valid": False, "error": humanize(err)}
    return result


async def subscribe_trigger(
    hub: Any,
    trigger_config: Any,
    callback: Callable[[dict[str, Any], Context | None], None],
    variables: dict[str, Any] | None = None,
) -> Unsubscribe:
    """Attach triggers and call `callback({"trigger": {...}, ...}, context)` on each firing."""
    try:
        configs = schemas.triggers(trigger_config)
        check_triggers(hub.registries, configs)
    except vol.Invalid as err:
        raise ValidationError(humanize(err)) from None
    return await attach_triggers(
        _host(hub),
        configs,
        callback,
        name="subscribe_trigger",
        item_id="subscribe_trigger",
        variables=variables or {},
        persist=False,
    )


async def run_script(
    hub: Any,
    actions_config: Any,
    variables: dict[str, Any] | None = None,
    context: Context | None = None,
) -> ScriptResult:
    """Validate and run an ad-hoc action sequence (websocket execute_script) to completion."""
    try:
        sequence = schemas.actions(actions_config)
        check_actions(hub.registries, sequence)
    except vol.Invalid as err:
        raise ValidationError(humanize(err)) from None
    shared = _shared(hub)
    script = Script(
        _host(hub),
        sequence,
        name="execute_script",
        domain="script",
        item_id="execute_script",
        traces=shared.traces,
        mode="parallel",
        root="sequence",
    )
    context = context or Context()
    run_vars = {**(variables or {}), "context": context}
    result = await script.run(run_vars, context)
    assert result is not None  # parallel mode never refuses below its max
    return result


def list_traces(
    hub: Any, domain: str | None = None, item_id: str | None = None
) -> list[dict[str, Any]]:
    return [t.summary() for t in _shared(hub).traces.list(domain, item_id)]


def get_trace(hub: Any, domain: str, item_id: str, run_id: str) -> dict[str, Any] | None:
    trace = _shared(hub).traces.get(domain, item_id, run_id)
    return None if trace is None else trace.as_dict()


# -- stored configuration (automations.yaml / scripts.yaml) --------------------------------
def _file(hub: Any, domain: str) -> Path:
    if domain not in DOMAINS:
        raise NotFound(f"unknown domain {domain!r}")
    return Path(hub.config_dir) / FILES[domain]


def _read(path: Path) -> Any:
    """The file's data; a file that does not parse is refused (with file:line), never rewritten."""
    if not path.exists():
        return None
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path.name}:{mark.line + 1}" if mark is not None else path.name
        problem = getattr(err, "problem", None) or "invalid YAML"
        raise ValidationError(f"{where}: {problem}; fix the file by hand first") from None


def _write(path: Path, data: Any) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)
    write_atomic(path, text.encode("utf-8"))


def _plain(value: Any) -> Any:
    return strip_positions(value)


def get_config(hub: Any, domain: str, item_id: str) -> dict[str, Any] | None:
    """The stored (raw) config of an automation id or script name."""
    if domain == "automation":
        engine = get_engine(hub)
        for raw in engine.raw_items:
            if isinstance(raw, dict) and str(raw.get("id")) == item_id:
                return _plain(raw)
        return None
    data = _read(_file(hub, domain)) or {}
    value = data.get(item_id) if isinstance(data, dict) else None
    return value


async def save_config(
    hub: Any, domain: str, item_id: str, config: dict[str, Any]
) -> list[ConfigError]:
    """Validate, write the item into automations.yaml/scripts.yaml atomically, then reload."""
    from .engine import validate_automation
    from .scripts import validate_script

    try:
        if domain == "automation":
            checked = validate_automation({**config, "id": item_id}, hub.config_dir)
            check_automation(hub.registries, checked)
        else:
            checked = validate_script(config, hub.config_dir)
            check_actions(hub.registries, checked["sequence"], ("sequence",))
    except vol.Invalid as err:
        raise ValidationError(humanize(err)) from None
    path = _file(hub, domain)

    def update() -> None:
        data = _read(path)
        if domain == "automation":
            items = list(data or [])
            new = {"id": item_id, **{k: v for k, v in config.items() if k != "id"}}
            for index, item in enumerate(items):
                if isinstance(item, dict) and str(item.get("id")) == item_id:
                    items[index] = new
                    break
            else:
                items.append(new)
            _write(path, items)
        else:
            mapping = dict(data or {})
            mapping[item_id] = config
            _write(path, mapping)

    await asyncio.to_thread(update)
    return await reload(hub, domain)


async def delete_config(hub: Any, domain: str, item_id: str) -> bool:
    """Remove the item from automations.yaml/scripts.yaml and reload; False if absent."""
    path = _file(hub, domain)

    def update() -> bool:
        data = _read(path)
        if domain == "automation":
            items = list(data or [])
            kept = [i for i in items if not (isinstance(i, dict) and str(i.get("id")) == item_id)]
            if len(kept) == len(items):
                return False
            _write(path, kept)
            return True
        mapping = dict(data or {})
        if mapping.pop(item_id, None) is None:
            return False
        _write(path, mapping)
        return True

    removed = await asyncio.to_thread(update)
    if removed:
        await reload(hub, domain)
    return removed


async def reload(hub: Any, domain: str = "automation") -> list[ConfigError]:
    return await get_engine(hub, domain).reload()  # type: ignore[no-any-return]
