"""Steps that act on the outside: service calls and events."""

from __future__ import annotations

from typing import Any

from hub.services import TARGET_KEYS
from hub.states import valid_entity_id

from .runner import ScriptRun, step_handler


@step_handler("action")
async def call_service(run: ScriptRun, step: dict[str, Any], path: str) -> None:
    name = str(run.render(step["action"]))
    domain, _, service = name.partition(".")
    if not domain or not service:
        raise ValueError(f"invalid action name {name!r} (expected domain.service)")
    data = run.render(step.get("data") or {})
    if not isinstance(data, dict):
        raise ValueError("action data must render to a mapping")
    target = run.render(step.get("target") or {})
    if isinstance(target, str):
        target = {"entity_id": target}
    for key in TARGET_KEYS:  # HA lets data carry the target too
        if key in data and key not in target:
            target[key] = data.pop(key)
    if isinstance(target.get("entity_id"), str) and "," in target["entity_id"]:
        target["entity_id"] = [e.strip() for e in target["entity_id"].split(",")]
    entity_ids = target.get("entity_id")
    if isinstance(entity_ids, list) and not all(valid_entity_id(e) for e in entity_ids):
        raise ValueError(f"invalid entity id in target: {entity_ids}")
    want_response = "response_variable" in step
    if run.current_step is not None:
        run.current_step.result = {
            "params": {"domain": domain, "service": service, "service_data": data, "target": target}
        }
    response = await run.host.ctx.call_service(
        domain,
        service,
        data,
        target=target or None,
        context=run.context,
        blocking=True,
        return_response=want_response,
    )
    if want_response:
        run.set_variables({step["response_variable"]: response})


@step_handler("event")
async def fire_event(run: ScriptRun, step: dict[str, Any], path: str) -> None:
    event_type = str(run.render(step["event"]))
    data = run.render(step.get("event_data") or {})
    run.host.fire(event_type, data, run.context)
    if run.current_step is not None:
        run.current_step.result = {"event": event_type, "event_data": data}
