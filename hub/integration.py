"""IntegrationContext: the narrow set of things an integration may do with the hub."""

from __future__ import annotations

import asyncio
import itertools
import logging
import weakref
from collections.abc import Callable, Coroutine, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import voluptuous as vol

from .clock import Clock
from .context import Context
from .entity import DeviceInfo, Entity
from .entity_host import EntityService
from .errors import NotFound
from .events import Event, EventFilter, Listener
from .registry import DeviceEntry
from .services import CallGuard, ServiceHandler, ServiceResponse, SupportsResponse
from .states import State

if TYPE_CHECKING:
    from .runtime import CoreState, Hub

_LOGGER = logging.getLogger(__name__)
T = TypeVar("T")
Unsubscribe = Callable[[], None]
UnloadCallback = Callable[[], Any]
# Per-hub objects an integration offers to others (see IntegrationContext.shared); weak keys so
# a stopped hub takes its entries with it.
_SHARED: weakref.WeakKeyDictionary[Hub, dict[str, dict[str, Any]]] = weakref.WeakKeyDictionary()


def shared_of(hub: Hub, domain: str) -> Mapping[str, Any]:
    """Read-only view of what integration `domain` offers on `hub` (see
    IntegrationContext.shared); for code handed the hub, e.g. the automation engine's API."""
    return MappingProxyType(_SHARED.get(hub, {}).get(domain, {}))


class StatesView:
    """Read-only access to current states."""

    def __init__(self, hub: Hub) -> None:
        self._states = hub.states

    def get(self, entity_id: str) -> State | None:
        return self._states.get(entity_id)

    def all(self, domain: str | None = None) -> list[State]:
        return self._states.all(domain)

    def entity_ids(self, domain: str | None = None) -> list[str]:
        return self._states.entity_ids(domain)


class IntegrationContext:
    """Given to an integration's `setup(ctx, config)`; everything it attaches is owned and
    released when the integration unloads."""

    def __init__(self, hub: Hub, domain: str) -> None:
        self._hub = hub
        self.domain = domain
        self.logger = logging.getLogger(f"integrations.{domain}")
        # Insertion-ordered; an owned unsubscribe called early removes its own entry, so
        # listeners re-created on every reload do not pile up here.
        self._unloads: dict[int, UnloadCallback] = {}
        self._keys = itertools.count()
        self.states = StatesView(hub)

    # -- facts ---------------------------------------------------------------------------
    @property
    def config_dir(self) -> Path:
        return self._hub.config_dir

    @property
    def clock(self) -> Clock:
        return self._hub.clock

    @property
    def hub_state(self) -> CoreState:
        """Where the hub is in its lifecycle (STARTING, RUNNING, STOPPING, ...); read-only."""
        return self._hub.state

    @property
    def owned(self) -> int:
        """How many listeners, services, timers and callbacks are still released on unload."""
        return len(self._unloads)

    @property
    def core(self) -> Any:
        """The validated core configuration (location, time zone, units)."""
        return self._hub.core_config

    @property
    def registries(self) -> Any:
        """Entity/device/area/floor/label registries (read; update through their methods)."""
        return self._hub.registries

    @property
    def templates(self) -> Any:
        """The hub's template engine."""
        return self._hub.templates

    @property
    def notifications(self) -> Any:
        return self._hub.notifications

    def shared(self, domain: str) -> dict[str, Any]:
        """The per-hub dict where integration `domain` keeps objects it offers to others (only
        `domain` itself should write to it; readers check the types of what they take)."""
        return _SHARED.setdefault(self._hub, {}).setdefault(domain, {})

    def secret(self, name: str) -> Any:
        """A value from secrets.yaml; raises NotFound (without the value) when missing."""
        try:
            return self._hub.secrets()[name]
        except KeyError:
            raise NotFound(f"Secret {name!r} is not defined in secrets.yaml") from None

    def now(self) -> datetime:
        return self._hub.clock.now()

    # -- entities and devices ------------------------------------------------------------
    async def add_entities(self, entities: Iterable[Entity]) -> list[str]:
        """Publish entities; returns their entity ids. They are removed on unload."""
        ids = []
        for entity in entities:
            ids.append(await self._hub.entities.add(self.domain, entity))
        return ids

    async def remove_entity(self, entity_id: str) -> None:
        if self._hub.entities.owner_of(entity_id) != self.domain:
            raise NotFound(f"{entity_id} is not an entity of {self.domain}")
        await self._hub.entities.remove(entity_id)

    def entity(self, entity_id: str) -> Entity | None:
        """One of this integration's own entity objects."""
        if self._hub.entities.owner_of(entity_id) != self.domain:
            return None
        return self._hub.entities.get(entity_id)

    def register_device(self, info: DeviceInfo) -> DeviceEntry:
        return self._hub.registries.devices.get_or_create(
            self.domain,
            identifiers=info.identifiers,
            connections=info.connections,
            via_device=info.via_device,
            name=info.name,
            manufacturer=info.manufacturer,
            model=info.model,
            sw_version=info.sw_version,
            hw_version=info.hw_version,
            serial_number=info.serial_number,
        )

    # -- services ------------------------------------------------------------------------
    def register_service(
        self,
        service: str,
        handler: ServiceHandler,
        schema: vol.Schema | Mapping[Any, Any] | None = None,
        *,
        supports_response: SupportsResponse = SupportsResponse.NONE,
        domain: str | None = None,
    ) -> Unsubscribe:
        """Register `<domain>.<service>` (own domain unless a hub-owned one is named); returns
        a function removing it early (it is removed on unload anyway)."""
        return self._own(
            self._hub.services.register(
                domain or self.domain, service, handler, schema, supports_response=supports_response
            )
        )

    def register_entity_service(self, domain: str, service: EntityService) -> None:
        """Register a service acting on entities of `domain` (e.g. a custom lock service)."""
        self._hub.entities.register_entity_service(domain, service)
        self.on_unload(lambda: self._hub.services.remove(domain, service.name))

    async def call_service(
        self,
        domain: str,
        service: str,
        data: Mapping[str, Any] | None = None,
        *,
        target: Mapping[str, Any] | None = None,
        context: Context | None = None,
        blocking: bool = True,
        return_response: bool = False,
    ) -> ServiceResponse:
        return await self._hub.services.call(
            domain,
            service,
            data,
            target=target,
            context=context,
            blocking=blocking,
            return_response=return_response,
        )

    def has_service(self, domain: str, service: str) -> bool:
        return self._hub.services.has(domain, service)

    def add_service_guard(self, guard: CallGuard) -> Unsubscribe:
        """Check every service call (e.g. refuse ones conflicting with a safety hold); the
        guard raises a HubError to refuse. Removed on unload."""
        return self._own(self._hub.services.add_guard(guard))

    @property
    def audit(self) -> Any:
        """The hub's audit sink (`record(action, *, user_id, context, target, outcome,
        details)`, see hub.auth.audit.AuditSink); a null sink when no audit part runs."""
        from .auth.audit import NullAuditSink

        return getattr(self._hub.parts.get("audit"), "sink", None) or NullAuditSink()

    # -- events --------------------------------------------------------------------------
    def listen(
        self, event_type: str, listener: Listener, *, event_filter: EventFilter | None = None
    ) -> Unsubscribe:
        """Call `listener(event)` for each `event_type` event passing the filter; owned."""
        return self._own(self._hub.bus.listen(event_type, listener, event_filter=event_filter))

    def listen_once(self, event_type: str, listener: Listener) -> Unsubscribe:
        """Call `listener(event)` for the next `event_type` event only; owned until it fires."""
        key = next(self._keys)
        remove_listener = self._hub.bus.listen_once(event_type, listener)

        def fired(_event: Event) -> None:
            self._unloads.pop(key, None)

        # A second one-shot subscription, delivered with the same event, drops the entry
        # (wrapping `listener` instead would hide whether it is a coroutine function).
        remove_marker = self._hub.bus.listen_once(event_type, fired)

        def remove() -> None:
            remove_listener()
            remove_marker()

        return self._own(remove, key)

    def listen_entities(
        self, event_type: str, entity_ids: Iterable[str], listener: Listener
    ) -> Unsubscribe:
        """Call `listener(event)` for `event_type` events about these entities (indexed)."""
        return self._own(self._hub.bus.listen_entities(event_type, entity_ids, listener))

    def listen_state(self, entity_ids: Iterable[str], listener: Listener) -> Unsubscribe:
        """Call `listener(event)` on state_changed of these entities (indexed, O(1))."""
        return self.listen_entities("state_changed", entity_ids, listener)

    def fire(
        self,
        event_type: str,
        data: Mapping[str, Any] | None = None,
        context: Context | None = None,
        *,
        time_fired: datetime | None = None,
    ) -> Event:
        return self._hub.bus.fire(event_type, data, context=context, time_fired=time_fired)

    # -- time and tasks ------------------------------------------------------------------
    def call_later(self, delay: float, callback: Callable[[], Any]) -> Unsubscribe:
        """Run `callback` (a plain function) after `delay` seconds; owned until it runs."""
        key = next(self._keys)
        return self._own(self._hub.clock.call_later(delay, self._timer(key, callback)), key)

    def call_at(self, when: datetime | float, callback: Callable[[], Any]) -> Unsubscribe:
        """Run `callback` (a plain function) at `when`; owned until it runs."""
        key = next(self._keys)
        return self._own(self._hub.clock.call_at(when, self._timer(key, callback)), key)

    def _timer(self, key: int, callback: Callable[[], Any]) -> Callable[[], Any]:
        def run() -> Any:
            self._unloads.pop(key, None)
            return callback()

        return run

    def create_task(
        self, coro: Coroutine[Any, Any, T], name: str, *, eager: bool = False
    ) -> asyncio.Task[T]:
        """A named task owned by this integration (cancelled on unload); `eager` starts it
        at once on the caller's stack (see TaskSupervisor.create)."""
        return self._hub.tasks.create(coro, f"{self.domain}:{name}", owner=self.domain, eager=eager)

    async def run_blocking(self, func: Callable[..., T], *args: Any) -> T:
        return await self._hub.tasks.run_blocking(func, *args)

    def notify(
        self, message: str, title: str | None = None, notification_id: str | None = None
    ) -> str:
        """Show the user a persistent notification (a problem they should act on)."""
        return self._hub.notifications.create(message, title or self.domain, notification_id)

    # -- core control (used by the `homeassistant` integration) -------------------------
    def request_stop(self, exit_code: int = 0) -> None:
        """Ask the hub to stop; exit code 100 asks the CLI to start it again."""
        self._hub.request_stop(exit_code)

    def services(self) -> Mapping[str, Mapping[str, Any]]:
        """Every registered service by domain (read-only view)."""
        return self._hub.services.services()

    async def reload_core_config(self) -> list[Any]:
        """Re-read the core block (location, units, ...); returns the config errors found."""
        from .config.core import load_configuration
        from .events import EVENT_CORE_CONFIG_UPDATE

        loaded = await self.run_blocking(load_configuration, self._hub.config_dir)
        self._hub.core_config = loaded.core
        self._hub.bus.fire(EVENT_CORE_CONFIG_UPDATE)
        return list(loaded.errors)

    async def update_entity(self, entity_id: str) -> bool:
        """Refresh any entity (its `update()` if it has one) and rewrite its state."""
        entity = self._hub.entities.get(entity_id)
        if entity is None:
            return False
        update = getattr(entity, "update", None)
        if callable(update):
            result = update()
            if asyncio.iscoroutine(result):
                await result
        entity.write_state(force_update=True)
        return True

    # -- HTTP/websocket API extensions (released on unload) -------------------------------
    def register_command(
        self, command_type: str, schema: dict[Any, Any], handler: Any, permission: str
    ) -> Unsubscribe:
        """Add a websocket command (see hub.api.register_command); removed on unload."""
        from .api.websocket.registry import register_command

        return self._own(register_command(self._hub, command_type, schema, handler, permission))

    def register_view(
        self,
        method: str,
        path: str,
        handler: Any,
        permission: str,
        schema: dict[Any, Any] | None = None,
    ) -> Unsubscribe:
        """Add a REST view under /api/ (see hub.api.register_view); removed on unload."""
        from .api.extensions import register_view

        return self._own(register_view(self._hub, method, path, handler, permission, schema))

    def register_webhook(
        self,
        webhook_id: str,
        handler: Any,
        *,
        allowed_methods: tuple[str, ...] = ("POST", "PUT"),
        local_only: bool = True,
    ) -> Unsubscribe:
        """Expose /api/webhook/<id> (see hub.api.register_webhook); removed on unload."""
        from .api.extensions import register_webhook

        remove = register_webhook(
            self._hub,
            webhook_id,
            handler,
            allowed_methods=allowed_methods,
            local_only=local_only,
        )
        return self._own(remove)

    def on_unload(self, callback: UnloadCallback) -> None:
        """Run `callback` (plain or async) when the integration unloads."""
        self._unloads[next(self._keys)] = callback

    def _own(self, unsubscribe: Unsubscribe, key: int | None = None) -> Unsubscribe:
        """Keep `unsubscribe` for unload; the returned function runs it at most once and, when
        called early, also forgets it (so nothing accumulates across reloads)."""
        key = next(self._keys) if key is None else key
        self._unloads[key] = unsubscribe

        def release() -> None:
            if self._unloads.pop(key, None) is not None:
                unsubscribe()

        return release

    async def _unload(self) -> None:
        """Release everything this integration attached (called by the loader)."""
        callbacks = list(self._unloads.values())
        self._unloads.clear()
        for callback in reversed(callbacks):
            try:
                result = callback()
                if asyncio.iscoroutine(result):
                    await result
            except Exception:
                _LOGGER.exception("Error unloading %s", self.domain)
        await self._hub.tasks.cancel_owner(self.domain)
        await self._hub.entities.remove_owned(self.domain)
