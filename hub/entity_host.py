"""EntityHost: the live Entity objects, their registry entries, names, writes and services."""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import voluptuous as vol

from .context import Context
from .entity import Entity, sanitize
from .errors import HubError, ValidationError
from .registry import Registries, slugify
from .services import ServiceCall, ServiceRegistry, SupportsResponse, entity_ids_in
from .states import State, StateMachine, valid_entity_id

if TYPE_CHECKING:
    from .restore import RestoreStates

_LOGGER = logging.getLogger(__name__)

EntityMethod = Callable[..., Awaitable[Any] | Any]


@dataclass(frozen=True, slots=True)
class EntityService:
    """A service a domain offers on its entities: `handler(entity, **params)`."""

    name: str
    handler: EntityMethod
    schema: Mapping[Any, Any] | None = None
    supports_response: SupportsResponse = SupportsResponse.NONE


ENTITY_TARGET_SCHEMA = {
    vol.Optional("entity_id"): vol.Any(str, [str]),
    vol.Optional("device_id"): vol.Any(str, [str]),
    vol.Optional("area_id"): vol.Any(str, [str]),
    vol.Optional("floor_id"): vol.Any(str, [str]),
    vol.Optional("label_id"): vol.Any(str, [str]),
}


class EntityHost:
    """Adds entities (registry, unique ids, friendly names, restore) and routes their services."""

    def __init__(
        self,
        states: StateMachine,
        registries: Registries,
        services: ServiceRegistry,
        restore: RestoreStates,
        customize: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self._states = states
        self._registries = registries
        self._services = services
        self._restore = restore
        self._customize = customize or {}
        self._entities: dict[str, Entity] = {}
        self._by_domain: dict[str, dict[str, Entity]] = {}
        self._owner: dict[str, str] = {}
        self._domain_services: set[tuple[str, str]] = set()

    # -- lookups -------------------------------------------------------------------------
    def get(self, entity_id: str) -> Entity | None:
        return self._entities.get(entity_id)

    def domain_entities(self, domain: str) -> dict[str, Entity]:
        return self._by_domain.get(domain, {})

    def owned_by(self, integration: str) -> list[str]:
        return [eid for eid, owner in self._owner.items() if owner == integration]

    def owner_of(self, entity_id: str) -> str | None:
        return self._owner.get(entity_id)

    def now(self) -> datetime:
        """The hub clock's current time (what entities stamp e.g. a button press with)."""
        return self._states.now()

    @staticmethod
    def monotonic() -> float:
        return time.monotonic()

    # -- adding and removing -------------------------------------------------------------
    async def add(self, integration: str, entity: Entity) -> str:
        """Give the entity its id, register it, restore it if asked, and write its state."""
        domain = entity.domain
        if not domain:
            raise HubError(f"{type(entity).__name__} has no domain; subclass a domain base class")
        device_id = None
        area_id = None
        if entity.device_info is not None:
            info = entity.device_info
            if info.suggested_area:
                area_id = self._registries.areas.get_or_create(info.suggested_area).id
            device = self._registries.devices.get_or_create(
                integration,
                identifiers=info.identifiers,
                connections=info.connections,
                via_device=info.via_device,
                name=sanitize(info.name) if info.name else None,
                manufacturer=info.manufacturer,
                model=info.model,
                sw_version=info.sw_version,
                hw_version=info.hw_version,
                serial_number=info.serial_number,
                configuration_url=info.configuration_url,
                entry_type=info.entry_type,
            )
            if device.area_id is None and area_id is not None:
                device = self._registries.devices.update(device.id, area_id=area_id)
            device_id = device.id
        object_id = entity.suggested_object_id or self._object_id_base(entity, device_id)
        if entity.unique_id is not None:
            entry = self._registries.entities.get_or_create(
                domain,
                integration,
                str(entity.unique_id),
                suggested_object_id=object_id,
                device_id=device_id,
                original_name=entity.name,
                original_device_class=entity.device_class,
                entity_category=entity.entity_category,
                has_entity_name=entity.has_entity_name,
                disabled_by=None if entity.entity_registry_enabled_default else "integration",
            )
            if entry.disabled:
                _LOGGER.debug("Entity %s is disabled; not adding it", entry.entity_id)
                return entry.entity_id
            entity_id = entry.entity_id
        else:
            entity_id = self._free_id(f"{domain}.{slugify(object_id)}")
        if entity_id in self._entities:
            raise HubError(f"Entity id {entity_id} is already in use")
        if not valid_entity_id(entity_id):
            raise ValidationError(f"Invalid entity id {entity_id!r}")
        entity.attach(self, entity_id)
        self._entities[entity_id] = entity
        self._by_domain.setdefault(domain, {})[entity_id] = entity
        self._owner[entity_id] = integration
        self._ensure_domain_services(entity)
        if entity.restore and (last := self._restore.last_state(entity_id)) is not None:
            try:
                await entity.restore_state(last, self._restore.last_extra(entity_id))
            except Exception:
                _LOGGER.exception("Could not restore %s", entity_id)
        await entity.added()
        entity.write_state()
        return entity_id

    def _object_id_base(self, entity: Entity, device_id: str | None) -> str:
        name = entity.name
        if entity.has_entity_name and device_id is not None:
            device = self._registries.devices.get(device_id)
            device_name = device.display_name if device else None
            name = " ".join(p for p in (device_name, name) if p)
        return name or entity.domain

    def _free_id(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self._entities or self._registries.entities.get(candidate):
            candidate, n = f"{base}_{n}", n + 1
        return candidate

    async def remove(self, entity_id: str, *, keep_state: bool = False) -> None:
        """Detach an entity; its state is removed unless `keep_state`."""
        entity = self._entities.pop(entity_id, None)
        if entity is None:
            return
        self._by_domain.get(entity.domain, {}).pop(entity_id, None)
        self._owner.pop(entity_id, None)
        self._restore.remember(entity)
        try:
            await entity.removed()
        except Exception:
            _LOGGER.exception("Error removing %s", entity_id)
        entity.detach()
        if not keep_state:
            self._states.remove(entity_id)

    async def remove_owned(self, integration: str) -> None:
        for entity_id in self.owned_by(integration):
            await self.remove(entity_id)

    def restorable(self) -> list[Entity]:
        return [e for e in self._entities.values() if e.restore]

    # -- writing -------------------------------------------------------------------------
    def friendly_name(self, entity: Entity) -> str | None:
        entry = self._registries.entities.get(entity.entity_id)
        if entry is not None and entry.name:
            return entry.name
        name = entity.name
        if entity.has_entity_name and entry is not None and entry.device_id:
            device = self._registries.devices.get(entry.device_id)
            device_name = device.display_name if device else None
            return " ".join(p for p in (device_name, name) if p) or None
        return name

    def write_state(
        self,
        entity: Entity,
        state: str,
        attributes: dict[str, Any],
        force_update: bool,
        context: Context | None,
    ) -> State:
        if (name := self.friendly_name(entity)) is not None:
            attributes["friendly_name"] = name
        entry = self._registries.entities.get(entity.entity_id)
        if entry is not None:
            if entry.icon:
                attributes["icon"] = entry.icon
            if entry.device_class:
                attributes["device_class"] = entry.device_class
        if custom := self._customize.get(entity.entity_id):
            attributes.update(custom)
        written = self._states.set(
            entity.entity_id, state, attributes, force_update=force_update, context=context
        )
        if entity.restore_promptly and written.last_updated == written.last_reported:
            self._restore.save_soon()  # a real change (not a re-report) of must-survive state
        return written

    # -- services ------------------------------------------------------------------------
    def _ensure_domain_services(self, entity: Entity) -> None:
        for service in getattr(type(entity), "SERVICES", ()):
            key = (entity.domain, service.name)
            if key in self._domain_services or self._services.has(*key):
                continue
            self.register_entity_service(entity.domain, service)

    def register_entity_service(self, domain: str, service: EntityService) -> None:
        """Register `domain.service` acting on this domain's targeted entities."""
        self._domain_services.add((domain, service.name))
        schema = vol.Schema(
            {**ENTITY_TARGET_SCHEMA, **(service.schema or {})}, extra=vol.PREVENT_EXTRA
        )

        async def handle(call: ServiceCall) -> dict[str, Any] | None:
            return await self._run_entity_service(domain, service, call)

        self._services.register(
            domain, service.name, handle, schema, supports_response=service.supports_response
        )

    async def _run_entity_service(
        self, domain: str, service: EntityService, call: ServiceCall
    ) -> dict[str, Any] | None:
        candidates = self._by_domain.get(domain, {})
        targets = [candidates[eid] for eid in entity_ids_in(call, candidates)]
        params = call.params()
        now = self.monotonic()
        responses: dict[str, Any] = {}

        async def run(entity: Entity) -> None:
            if not entity.available:
                _LOGGER.info(
                    "Skipping %s.%s on unavailable %s", domain, service.name, entity.entity_id
                )
                return
            entity.set_call_context(call.context, now)
            result = service.handler(entity, **params)
            if inspect.isawaitable(result):
                result = await result
            if call.return_response:
                responses[entity.entity_id] = result
            entity.write_state()

        if len(targets) == 1:
            await run(targets[0])
        elif targets:
            results = await asyncio.gather(*(run(e) for e in targets), return_exceptions=True)
            errors = [r for r in results if isinstance(r, BaseException)]
            if errors:
                raise errors[0]
        return responses if call.return_response else None
