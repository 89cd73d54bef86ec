"""Device actions: the registered action type of the entity's domain, as a service call."""

from __future__ import annotations

from typing import Any

from .. import device
from ..device.resolve import resolve
from .runner import ScriptRun, step_handler


@step_handler("device")
async def device_action(run: ScriptRun, step: dict[str, Any], path: str) -> None:
    kind = device.ACTIONS.get(step["domain"], step["type"])
    if kind is None:  # its integration was unloaded since validation
        raise ValueError(f"device action type {step['domain']}.{step['type']} is gone")
    entity_id = resolve(run.host.registries, step)
    domain, _, service = kind.service.partition(".")
    data = kind.service_data(step)
    if entity_id is not None:
        target = {"entity_id": [entity_id]}
    else:  # a device-level action of an integration's type
        target = {"device_id": [step["device_id"]]}
    if run.current_step is not None:
        run.current_step.result = {
            "params": {"domain": domain, "service": service, "service_data": data, "target": target}
        }
    await run.host.ctx.call_service(
        domain, service, data, target=target, context=run.context, blocking=True
    )
