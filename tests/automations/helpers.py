"""Helpers for automation tests: a recording service and a config writer."""

from __future__ import annotations

from typing import Any

from hub.runtime import Hub
from hub.services import ServiceCall


class Calls(list[ServiceCall]):
    """Service calls recorded by `record_service`."""

    def data(self) -> list[dict[str, Any]]:
        return [dict(c.data) for c in self]


def record_service(hub: Hub, domain: str = "test", service: str = "record") -> Calls:
    """Register `domain.service` that records each call (and returns {'ok': True})."""
    calls = Calls()

    async def handler(call: ServiceCall) -> dict[str, Any]:
        calls.append(call)
        return {"ok": True, "n": len(calls)}

    from hub.services import SupportsResponse

    hub.services.register(domain, service, handler, supports_response=SupportsResponse.OPTIONAL)
    return calls


def automation_yaml(body: str) -> str:
    return "automation:\n" + body
