"""One ESPHome device: its API client, reconnects with backoff, entities, user services and
the problems a user must see (wrong key, encryption mismatch)."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, tzinfo
from typing import TYPE_CHECKING, Any

import voluptuous as vol
from aioesphomeapi import (
    APIClient,
    APIConnectionError,
    EncryptionPlaintextAPIError,
    EntityInfo,
    EntityState,
    InvalidEncryptionKeyAPIError,
    ReconnectLogic,
    RequiresEncryptionAPIError,
    UserService,
    UserServiceArgType,
)
from aioesphomeapi import (
    DeviceInfo as EspDeviceInfo,
)

from hub.config import validation as cv
from hub.entity import DeviceInfo, sanitize
from hub.errors import DeviceError
from hub.registry import slugify
from hub.services import ServiceCall

from .actions import HubAccess
from .config import DeviceSettings
from .entity import DeviceLink, EsphomeEntity
from .platforms import create_entity

if TYPE_CHECKING:
    from hub.integration import IntegrationContext

_LOGGER = logging.getLogger(__name__)

DOMAIN = "esphome"
CLIENT_INFO = "Bastion"
LIST_TIMEOUT = 30.0
DISCONNECT_TIMEOUT = 5.0
SERVICE_TIMEOUT = 30.0
_ARG_SCHEMAS: dict[UserServiceArgType, Any] = {
    UserServiceArgType.BOOL: cv.boolean,
    UserServiceArgType.INT: vol.Coerce(int),
    UserServiceArgType.FLOAT: vol.Coerce(float),
    UserServiceArgType.STRING: cv.string,
    UserServiceArgType.BOOL_ARRAY: [cv.boolean],
    UserServiceArgType.INT_ARRAY: [vol.Coerce(int)],
    UserServiceArgType.FLOAT_ARRAY: [vol.Coerce(float)],
    UserServiceArgType.STRING_ARRAY: [cv.string],
}


def problem_message(settings: DeviceSettings, err: Exception) -> str | None:
    """A user-facing explanation of a connection error the user must fix (None: transient)."""
    where = settings.address
    if isinstance(err, InvalidEncryptionKeyAPIError):
        return (
            f"The ESPHome device at {where} rejected the encryption key. Copy the device's "
            "`api: encryption: key:` into its noise_psk (via !secret)."
        )
    if isinstance(err, RequiresEncryptionAPIError):
        return (
            f"The ESPHome device at {where} requires encryption but no noise_psk is configured "
            "for it. Add the device's encryption key as noise_psk."
        )
    if isinstance(err, EncryptionPlaintextAPIError):
        return (
            f"The ESPHome device at {where} does not use encryption, but a noise_psk is "
            "configured. Enable `api: encryption:` on the device (recommended)."
        )
    return None


class DeviceConnection(DeviceLink):
    """Keeps one device connected (aioesphomeapi's ReconnectLogic) and mirrors it as entities."""

    def __init__(self, ctx: IntegrationContext, settings: DeviceSettings) -> None:
        self._ctx = ctx
        self.settings = settings
        self.mac = ""
        self.name = settings.host
        self.device_info = DeviceInfo()
        self.connected = False
        self.problem: str | None = None
        self.entities: dict[int, EsphomeEntity] = {}
        self._services: dict[str, tuple[UserService, Any]] = {}
        self._access: HubAccess | None = None
        self._client: APIClient | None = None
        self._logic: ReconnectLogic | None = None

    @property
    def client(self) -> APIClient:
        if self._client is None:
            raise DeviceError(f"ESPHome device {self.settings.address} is not set up")
        return self._client

    @property
    def time_zone(self) -> tzinfo:
        return getattr(self._ctx.core, "time_zone", None) or UTC

    @property
    def notification_id(self) -> str:
        return f"esphome_problem_{slugify(self.settings.address)}"

    @property
    def encrypted(self) -> bool:
        return self.settings.noise_psk is not None

    # -- lifecycle -------------------------------------------------------------------------
    async def start(self) -> None:
        """Begin connecting; a plaintext device the user did not allow is refused here."""
        if not self.encrypted and not self.settings.allow_plaintext:
            self._set_problem(
                f"The ESPHome device at {self.settings.address} has no noise_psk. Bastion "
                "requires encryption; add the device's key, or set allow_plaintext: true for "
                "this device if you accept an unencrypted connection."
            )
            return
        self._client = APIClient(
            self.settings.host,
            self.settings.port,
            None,
            client_info=CLIENT_INFO,
            noise_psk=self.settings.noise_psk,
        )
        self._logic = ReconnectLogic(
            client=self._client,
            on_connect=self._on_connect,
            on_disconnect=self._on_disconnect,
            on_connect_error=self._on_connect_error,
            zeroconf_wake=False,
            name=self.settings.host,
        )
        await self._logic.start()

    async def stop(self) -> None:
        """Disconnect and remove this device's entities and services."""
        if self._logic is not None:
            await self._logic.stop()
        if self._client is not None:
            try:
                async with asyncio.timeout(DISCONNECT_TIMEOUT):
                    await self._client.disconnect()
            except (APIConnectionError, TimeoutError):
                _LOGGER.debug("Disconnect from %s did not finish cleanly", self.settings.address)
        self._end_session()
        for _, remove in self._services.values():
            remove()
        self._services.clear()
        for entity in list(self.entities.values()):
            if entity.entity_id:
                await self._ctx.remove_entity(entity.entity_id)
        self.entities.clear()
        self._ctx.notifications.dismiss(self.notification_id)

    def notify_seen(self) -> None:
        """Discovery saw the device: try now instead of waiting out the backoff."""
        if self._logic is not None:
            self._logic.notify_device_seen()

    # -- callbacks from ReconnectLogic -----------------------------------------------------------
    async def _on_connect(self) -> None:
        client = self.client
        try:
            async with asyncio.timeout(LIST_TIMEOUT):
                info, infos, services = await client.device_info_and_list_entities()
        except (APIConnectionError, TimeoutError) as err:
            # Drop the session; ReconnectLogic's disconnect path schedules the next attempt.
            _LOGGER.warning("Could not list entities of %s: %s", self.settings.address, err)
            client.force_disconnect()
            return
        self._describe(info)
        self.connected = True
        await self._sync_entities(infos)
        self._sync_services(services)
        self._access = HubAccess(self._ctx, client, self.name, self.settings.allow_service_calls)
        client.subscribe_home_assistant_states_and_services(
            on_state=self._on_state,
            on_service_call=self._access.on_service_call,
            on_state_sub=self._access.on_state_subscription,
            on_state_request=self._access.on_state_request,
        )
        for entity in self.entities.values():
            entity.set_available(True)
        self._clear_problem()
        _LOGGER.info("Connected to ESPHome device %s (%s)", self.name, self.settings.address)

    async def _on_disconnect(self, expected_disconnect: bool) -> None:
        self.connected = False
        self._end_session()
        for entity in self.entities.values():
            entity.set_available(False)

    async def _on_connect_error(self, err: Exception) -> None:
        message = problem_message(self.settings, err)
        if message is not None:
            self._set_problem(message)

    def _end_session(self) -> None:
        if self._access is not None:
            self._access.close()
            self._access = None

    # -- device description -------------------------------------------------------------------
    def _describe(self, info: EspDeviceInfo) -> None:
        self.mac = info.mac_address.lower()
        self.name = sanitize(info.name) or self.settings.host
        manufacturer, model = info.manufacturer or "Espressif", info.model or None
        sw_version = f"ESPHome {info.esphome_version}"
        if info.project_name:
            project_maker, _, project_model = info.project_name.partition(".")
            manufacturer, model = project_maker, project_model or model
            sw_version = f"{info.project_version} ({sw_version})"
        url = f"http://{self.settings.host}:{info.webserver_port}" if info.webserver_port else None
        self.device_info = DeviceInfo(
            identifiers=frozenset({(DOMAIN, self.mac)}),
            connections=frozenset({("mac", self.mac)}),
            name=sanitize(info.friendly_name or info.name),
            manufacturer=sanitize(manufacturer),
            model=sanitize(model) if model else None,
            sw_version=sanitize(sw_version),
            suggested_area=sanitize(info.suggested_area) or None,
            configuration_url=url,
        )
        self._ctx.register_device(self.device_info)

    async def _sync_entities(self, infos: list[EntityInfo]) -> None:
        """Add new entities, refresh known ones, remove those the firmware no longer has."""
        seen: set[int] = set()
        new: list[EsphomeEntity] = []
        for info in infos:
            entity = self.entities.get(info.key)
            if entity is not None and isinstance(info, entity.INFO):
                entity.update_info(info)
            else:
                if entity is not None:
                    await self._ctx.remove_entity(entity.entity_id)
                created = create_entity(self, info)
                if created is None:
                    _LOGGER.debug("Skipping unsupported ESPHome entity %s", type(info).__name__)
                    continue
                self.entities[info.key] = created
                new.append(created)
            seen.add(info.key)
        for key in set(self.entities) - seen:
            gone = self.entities.pop(key)
            if gone.entity_id:
                await self._ctx.remove_entity(gone.entity_id)
        if new:
            await self._ctx.add_entities(new)

    def _on_state(self, state: EntityState) -> None:
        entity = self.entities.get(state.key)
        if entity is not None and entity.attached:
            entity.apply_state(state)

    # -- user services --------------------------------------------------------------------------
    def _sync_services(self, services: list[UserService]) -> None:
        wanted = {f"{slugify(self.name)}_{slugify(s.name)}": s for s in services}
        for name in list(self._services):
            if name not in wanted or wanted[name] != self._services[name][0]:
                self._services.pop(name)[1]()
        for name, service in wanted.items():
            if name in self._services:
                continue
            schema = vol.Schema(
                {vol.Required(arg.name): _ARG_SCHEMAS[arg.type] for arg in service.args}
            )
            remove = self._ctx.register_service(name, self._service_handler(service), schema)
            self._services[name] = (service, remove)

    def _service_handler(self, service: UserService) -> Any:
        async def handle(call: ServiceCall) -> None:
            if not self.connected:
                raise DeviceError(f"ESPHome device {self.name} is not connected")
            data = {arg.name: call.data[arg.name] for arg in service.args}
            async with asyncio.timeout(SERVICE_TIMEOUT):
                await self.client.execute_service(service, data)

        return handle

    # -- problems the user must see --------------------------------------------------------------
    def _set_problem(self, message: str) -> None:
        if message != self.problem:
            _LOGGER.warning("%s", message)
        self.problem = message
        self._ctx.notify(message, "ESPHome device problem", self.notification_id)

    def _clear_problem(self) -> None:
        if self.problem is not None:
            self.problem = None
            self._ctx.notifications.dismiss(self.notification_id)
