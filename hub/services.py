"""ServiceRegistry: named actions (`domain.service`) with schemas, targets and responses."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import voluptuous as vol

from .context import Context
from .errors import HubError, ServiceNotFound, ValidationError
from .events import (
    EVENT_CALL_SERVICE,
    EVENT_SERVICE_REGISTERED,
    EVENT_SERVICE_REMOVED,
    EventBus,
)
from .redaction import redact_secrets

_LOGGER = logging.getLogger(__name__)

TARGET_KEYS = ("entity_id", "device_id", "area_id", "floor_id", "label_id")
ENTITY_MATCH_ALL = "all"

ServiceResponse = dict[str, Any] | None
ServiceHandler = Callable[["ServiceCall"], Awaitable[ServiceResponse] | ServiceResponse]
TargetResolver = Callable[["Target"], set[str]]
Authorizer = Callable[["ServiceCall"], None]
# A guard sees every validated call and raises (Unauthorized or another HubError) to refuse it.
CallGuard = Callable[["ServiceCall"], None]
Unsubscribe = Callable[[], None]


class SupportsResponse(StrEnum):
    """Whether a service returns response data."""

    NONE = "none"
    OPTIONAL = "optional"
    ONLY = "only"


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return tuple(str(v) for v in value)


@dataclass(frozen=True, slots=True)
class Target:
    """What a call acts on, as given by the caller (before expansion)."""

    entity_ids: tuple[str, ...] = ()
    device_ids: tuple[str, ...] = ()
    area_ids: tuple[str, ...] = ()
    floor_ids: tuple[str, ...] = ()
    label_ids: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Target:
        """Read the target keys out of service data (or a `target:` mapping)."""
        return cls(*(_as_tuple(data.get(key)) for key in TARGET_KEYS))

    def __bool__(self) -> bool:
        return any(
            (self.entity_ids, self.device_ids, self.area_ids, self.floor_ids, self.label_ids)
        )

    @property
    def all_entities(self) -> bool:
        return ENTITY_MATCH_ALL in self.entity_ids


@dataclass(frozen=True, slots=True)
class ServiceCall:
    """One invocation of a service, validated, with its provenance and resolved targets."""

    domain: str
    service: str
    data: Mapping[str, Any]
    context: Context
    target: Target = field(default_factory=Target)
    entity_ids: frozenset[str] | None = None
    return_response: bool = False

    def params(self) -> dict[str, Any]:
        """The service data without target keys (what an entity method receives)."""
        return {k: v for k, v in self.data.items() if k not in TARGET_KEYS}


@dataclass(slots=True)
class Service:
    """A registered service."""

    domain: str
    name: str
    handler: ServiceHandler
    schema: vol.Schema | None
    supports_response: SupportsResponse
    is_coroutine: bool
    description: Mapping[str, Any] = field(default_factory=dict)


class ServiceRegistry:
    """Registers and calls services; expands targets through an injected resolver."""

    def __init__(self, bus: EventBus) -> None:
        self._bus = bus
        self._services: dict[str, dict[str, Service]] = {}
        self._resolver: TargetResolver | None = None
        self._authorizer: Authorizer | None = None
        self._guards: list[CallGuard] = []
        self._tasks: set[asyncio.Task[Any]] = set()

    def set_target_resolver(self, resolver: TargetResolver) -> None:
        """Install the function that expands device/area/floor/label targets to entity ids."""
        self._resolver = resolver

    def set_authorizer(self, authorizer: Authorizer | None) -> None:
        """Install a check that raises Unauthorized for calls the caller may not make."""
        self._authorizer = authorizer

    def add_guard(self, guard: CallGuard) -> Unsubscribe:
        """Add a check run after the authorizer on every call; it raises a HubError (with a
        message for the caller) to refuse the call. Returns a function removing the guard."""
        self._guards.append(guard)

        def remove() -> None:
            if guard in self._guards:
                self._guards.remove(guard)

        return remove

    def register(
        self,
        domain: str,
        service: str,
        handler: ServiceHandler,
        schema: vol.Schema | Mapping[Any, Any] | None = None,
        *,
        supports_response: SupportsResponse = SupportsResponse.NONE,
        description: Mapping[str, Any] | None = None,
    ) -> Unsubscribe:
        """Register `domain.service`; returns a function that removes it."""
        domain, service = domain.lower(), service.lower()
        if schema is not None and not isinstance(schema, vol.Schema):
            schema = vol.Schema(schema, extra=vol.ALLOW_EXTRA)
        entry = Service(
            domain,
            service,
            handler,
            schema,
            supports_response,
            inspect.iscoroutinefunction(handler),
            description or {},
        )
        self._services.setdefault(domain, {})[service] = entry
        self._bus.fire(EVENT_SERVICE_REGISTERED, {"domain": domain, "service": service})

        def remove() -> None:
            self.remove(domain, service, entry)

        return remove

    def remove(self, domain: str, service: str, entry: Service | None = None) -> None:
        """Remove a service (only `entry` if given, so a re-registration survives)."""
        services = self._services.get(domain, {})
        current = services.get(service)
        if current is None or (entry is not None and current is not entry):
            return
        del services[service]
        if not services:
            self._services.pop(domain, None)
        self._bus.fire(EVENT_SERVICE_REMOVED, {"domain": domain, "service": service})

    def has(self, domain: str, service: str) -> bool:
        return service.lower() in self._services.get(domain.lower(), {})

    def get(self, domain: str, service: str) -> Service:
        try:
            return self._services[domain.lower()][service.lower()]
        except KeyError:
            raise ServiceNotFound(domain, service) from None

    def services(self) -> dict[str, dict[str, Service]]:
        """Every service by domain (a read-only view)."""
        return MappingProxyType(self._services)  # type: ignore[return-value]

    def resolve(self, target: Target) -> set[str]:
        """Expand a target to entity ids."""
        if self._resolver is not None:
            return self._resolver(target)
        return {e for e in target.entity_ids if e != ENTITY_MATCH_ALL}

    async def call(
        self,
        domain: str,
        service: str,
        data: Mapping[str, Any] | None = None,
        *,
        target: Mapping[str, Any] | None = None,
        context: Context | None = None,
        blocking: bool = True,
        return_response: bool = False,
        timeout: float | None = None,
    ) -> ServiceResponse:
        """Validate and run a service. Raises ServiceNotFound, ValidationError or the handler's
        HubError; returns response data when `return_response` is set."""
        entry = self.get(domain, service)
        merged: dict[str, Any] = dict(data or {})
        if target:
            for key in TARGET_KEYS:
                if key in target and target[key] is not None:
                    merged[key] = target[key]
        if return_response and entry.supports_response is SupportsResponse.NONE:
            raise ValidationError(f"Service {entry.domain}.{entry.name} does not return responses")
        if not return_response and entry.supports_response is SupportsResponse.ONLY:
            raise ValidationError(
                f"Service {entry.domain}.{entry.name} only works with return_response"
            )
        if return_response and not blocking:
            raise ValidationError("return_response needs a blocking call")
        if entry.schema is not None:
            try:
                merged = entry.schema(merged)
            except vol.Invalid as err:
                raise ValidationError(
                    f"Invalid data for {entry.domain}.{entry.name}: {humanize(err)}"
                ) from err
        tgt = Target.from_data(merged)
        entity_ids = frozenset(self.resolve(tgt)) if tgt else None
        call = ServiceCall(
            entry.domain,
            entry.name,
            MappingProxyType(merged),
            context or Context(),
            tgt,
            entity_ids,
            return_response,
        )
        if self._authorizer is not None:
            self._authorizer(call)
        for guard in tuple(self._guards):
            guard(call)
        self._bus.fire(
            EVENT_CALL_SERVICE,
            {
                "domain": entry.domain,
                "service": entry.name,
                "service_data": redact_secrets(merged),
            },
            context=call.context,
        )
        if not blocking:
            task = asyncio.get_running_loop().create_task(
                self._run_logged(entry, call), name=f"service:{entry.domain}.{entry.name}"
            )
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            return None
        if timeout is not None:
            async with asyncio.timeout(timeout):
                response = await self._run(entry, call)
        else:
            response = await self._run(entry, call)
        if return_response:
            if response is not None and not isinstance(response, dict):
                raise HubError(f"Service {entry.domain}.{entry.name} returned a non-dict response")
            return response or {}
        return None

    @staticmethod
    async def _run(entry: Service, call: ServiceCall) -> ServiceResponse:
        if entry.is_coroutine:
            return await entry.handler(call)  # type: ignore[misc]
        result = entry.handler(call)
        if inspect.isawaitable(result):
            return await result
        return result

    async def _run_logged(self, entry: Service, call: ServiceCall) -> None:
        try:
            await self._run(entry, call)
        except Exception:
            _LOGGER.exception("Error running service %s.%s", entry.domain, entry.name)


def humanize(err: vol.Invalid) -> str:
    """A voluptuous error as one readable line with the key path."""
    if isinstance(err, vol.MultipleInvalid):
        return "; ".join(humanize(e) for e in err.errors)
    path = ".".join(str(p) for p in err.path)
    return f"{err.msg} at '{path}'" if path else str(err.msg)


def entity_ids_in(call: ServiceCall, candidates: Iterable[str]) -> list[str]:
    """The candidate entity ids this call targets (all of them for `entity_id: all`)."""
    if call.target.all_entities:
        return list(candidates)
    if call.entity_ids is None:
        return []
    return [eid for eid in candidates if eid in call.entity_ids]
