"""A simulated ESPHome device: an asyncio server speaking the native API on loopback."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aioesphomeapi import api_pb2 as pb
from aioesphomeapi.core import MESSAGE_TYPE_TO_PROTO
from google.protobuf.message import Message

from .entities import SimEntity, coerce_fields, entity_key
from .framing import FramingError, NoiseFraming, PlainFraming
from .images import frame_chunks

_LOGGER = logging.getLogger(__name__)

PROTO_TO_TYPE: dict[type[Message], int] = {cls: num for num, cls in MESSAGE_TYPE_TO_PROTO.items()}
API_VERSION = (1, 12)
HANDSHAKE_TIMEOUT = 10.0
STOP_TIMEOUT = 5.0
WAIT_TIMEOUT = 5.0
ARG_TYPES = {
    "bool": pb.SERVICE_ARG_TYPE_BOOL,
    "int": pb.SERVICE_ARG_TYPE_INT,
    "float": pb.SERVICE_ARG_TYPE_FLOAT,
    "string": pb.SERVICE_ARG_TYPE_STRING,
    "bool[]": pb.SERVICE_ARG_TYPE_BOOL_ARRAY,
    "int[]": pb.SERVICE_ARG_TYPE_INT_ARRAY,
    "float[]": pb.SERVICE_ARG_TYPE_FLOAT_ARRAY,
    "string[]": pb.SERVICE_ARG_TYPE_STRING_ARRAY,
}
_ARG_FIELD = {
    pb.SERVICE_ARG_TYPE_BOOL: "bool_",
    pb.SERVICE_ARG_TYPE_INT: "int_",
    pb.SERVICE_ARG_TYPE_FLOAT: "float_",
    pb.SERVICE_ARG_TYPE_STRING: "string_",
    pb.SERVICE_ARG_TYPE_BOOL_ARRAY: "bool_array",
    pb.SERVICE_ARG_TYPE_INT_ARRAY: "int_array",
    pb.SERVICE_ARG_TYPE_FLOAT_ARRAY: "float_array",
    pb.SERVICE_ARG_TYPE_STRING_ARRAY: "string_array",
}


@dataclass(slots=True)
class DeviceConfig:
    """What the simulated device is (the YAML file's content, validated)."""

    name: str = "bastion-sim"
    friendly_name: str = "Bastion simulated device"
    mac_address: str = "02:00:00:00:00:01"
    model: str = "host"
    manufacturer: str = "Bastion"
    esphome_version: str = "2025.1.0"
    project_name: str = ""
    project_version: str = ""
    host: str = "127.0.0.1"
    port: int = 6053
    encryption_key: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    services: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> DeviceConfig:
        known = set(cls.__dataclass_fields__)
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"Unknown device settings: {', '.join(sorted(unknown))}")
        return cls(**dict(data))


@dataclass(slots=True, eq=False)
class _Client:
    framing: PlainFraming | NoiseFraming
    writer: asyncio.StreamWriter
    states: bool = False
    actions: bool = False
    ha_states: bool = False


class SimulatedDevice:
    """Serves one device; tests and the CLI drive it with `set_state`, `fire_event`,
    `request_action` and read what the hub sent from `commands` and `service_calls`."""

    def __init__(self, config: DeviceConfig) -> None:
        self.config = config
        self.entities: dict[str, SimEntity] = {}
        for spec in config.entities:
            entity = SimEntity(spec)
            self.entities[entity.object_id] = entity
        self._by_key = {e.key: e for e in self.entities.values()}
        self.services = {s["name"]: s for s in config.services}
        self.port = config.port
        self.commands: list[tuple[str, Message]] = []
        self.service_calls: list[tuple[str, dict[str, Any]]] = []
        self.ha_states: list[tuple[str, str, str]] = []
        self.action_responses: list[Message] = []
        self.image_requests: list[pb.CameraImageRequest] = []
        self.answer_images = True  # False: a camera that never delivers a frame
        self.handshake_failures = 0
        self._server: asyncio.Server | None = None
        self._clients: set[_Client] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._changed = asyncio.Event()

    # -- lifecycle -------------------------------------------------------------------------
    async def start(self) -> None:
        """Listen on host:port (port 0 picks one; a restart reuses the port picked)."""
        self._server = await asyncio.start_server(self._serve, self.config.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Close the listener and every client connection (the device went away)."""
        if self._server is not None:
            self._server.close()
        self.drop_connections()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=STOP_TIMEOUT)
        if self._server is not None:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(STOP_TIMEOUT):
                    await self._server.wait_closed()
            self._server = None

    def drop_connections(self) -> None:
        """Close client sockets but keep listening (a Wi-Fi blip)."""
        for client in list(self._clients):
            client.writer.close()
        self._clients.clear()

    @property
    def connected(self) -> int:
        return len(self._clients)

    # -- device-side behaviour ---------------------------------------------------------------
    def set_state(self, object_id: str, value: Any = None, **fields: Any) -> None:
        """Change an entity's state on the device and push it to subscribed clients."""
        values = dict(fields)
        if value is not None:
            values["state"] = value
        message = self.entities[object_id].set_state(values)
        if message is not None:
            self._broadcast(message, lambda c: c.states)

    def fire_event(self, object_id: str, event_type: str) -> None:
        key = self.entities[object_id].key
        self._broadcast(pb.EventResponse(key=key, event_type=event_type), lambda c: c.states)

    def set_image(self, object_id: str, data: bytes) -> None:
        """The frame a camera sends for the next image requests."""
        self.entities[object_id].image = data

    def request_action(
        self,
        service: str,
        data: Mapping[str, str] | None = None,
        *,
        is_event: bool = False,
        call_id: int = 0,
        data_template: Mapping[str, str] | None = None,
        variables: Mapping[str, str] | None = None,
    ) -> None:
        """Ask the hub to run a service (ESPHome's `homeassistant.action`) or fire an event."""
        message = pb.HomeassistantActionRequest(
            service=service,
            is_event=is_event,
            call_id=call_id,
            wants_response=bool(call_id),
        )
        for key, value in (data or {}).items():
            message.data.add(key=key, value=str(value))
        for key, value in (data_template or {}).items():
            message.data_template.add(key=key, value=value)
        for key, value in (variables or {}).items():
            message.variables.add(key=key, value=value)
        self._broadcast(message, lambda c: c.actions)

    def request_hub_state(self, entity_id: str, attribute: str = "") -> None:
        """Ask the hub to stream an entity's state (ESPHome's `homeassistant` sensors)."""
        message = pb.SubscribeHomeAssistantStateResponse(entity_id=entity_id, attribute=attribute)
        self._broadcast(message, lambda c: c.ha_states)

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = WAIT_TIMEOUT) -> None:
        """Wait until `predicate()` holds (checked whenever the hub sends something)."""
        async with asyncio.timeout(timeout):
            while not predicate():
                self._changed.clear()
                await self._changed.wait()

    # -- protocol ------------------------------------------------------------------------------
    def _broadcast(self, message: Message, wanted: Callable[[_Client], bool]) -> None:
        msg_type, payload = PROTO_TO_TYPE[type(message)], message.SerializeToString()
        for client in list(self._clients):
            if wanted(client):
                client.framing.write(msg_type, payload)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        key = self.config.encryption_key
        framing = NoiseFraming(reader, writer, key) if key else PlainFraming(reader, writer)
        client = _Client(framing, writer)
        try:
            async with asyncio.timeout(HANDSHAKE_TIMEOUT):
                await framing.handshake(self.config.name, self.config.mac_address)
            self._clients.add(client)
            while True:
                msg_type, payload = await framing.read()
                if not self._handle(client, msg_type, payload):
                    break
        except FramingError as err:
            self.handshake_failures += 1
            _LOGGER.info("Simulated device %s refused a client: %s", self.config.name, err)
        except (asyncio.IncompleteReadError, ConnectionError, TimeoutError):
            pass
        finally:
            self._clients.discard(client)
            writer.close()
            self._tasks.discard(task)
            self._changed.set()

    def _send(self, client: _Client, message: Message) -> None:
        client.framing.write(PROTO_TO_TYPE[type(message)], message.SerializeToString())

    def _handle(self, client: _Client, msg_type: int, payload: bytes) -> bool:
        """Answer one message; False ends the connection."""
        cls = MESSAGE_TYPE_TO_PROTO.get(msg_type)
        if cls is None:
            return True
        msg = cls.FromString(payload)
        if cls is pb.HelloRequest:
            self._send(
                client,
                pb.HelloResponse(
                    api_version_major=API_VERSION[0],
                    api_version_minor=API_VERSION[1],
                    server_info="bastion simulator",
                    name=self.config.name,
                ),
            )
        elif cls is pb.AuthenticationRequest:
            pass  # no password: firmware only answers a failed login
        elif cls is pb.DisconnectRequest:
            self._send(client, pb.DisconnectResponse())
            return False
        elif cls is pb.PingRequest:
            self._send(client, pb.PingResponse())
        elif cls is pb.DeviceInfoRequest:
            self._send(client, self._device_info())
        elif cls is pb.ListEntitiesRequest:
            for entity in self.entities.values():
                self._send(client, entity.info)
            for service in self.services.values():
                self._send(client, _service_info(service))
            self._send(client, pb.ListEntitiesDoneResponse())
        elif cls is pb.SubscribeStatesRequest:
            client.states = True
            for entity in self.entities.values():
                if (state := entity.state_message()) is not None:
                    self._send(client, state)
        elif cls is pb.SubscribeHomeassistantServicesRequest:
            client.actions = True
        elif cls is pb.SubscribeHomeAssistantStatesRequest:
            client.ha_states = True
        elif cls is pb.HomeAssistantStateResponse:
            self.ha_states.append((msg.entity_id, msg.attribute, msg.state))
        elif cls is pb.HomeassistantActionResponse:
            self.action_responses.append(msg)
        elif cls is pb.ExecuteServiceRequest:
            self._execute_service(msg)
        elif cls is pb.CameraImageRequest:
            self._send_frames(client, msg)
        elif (entity := self._by_key.get(getattr(msg, "key", -1))) is not None and (
            entity.kind.command is cls
        ):
            self.commands.append((entity.object_id, msg))
            if (state := entity.handle_command(msg)) is not None:
                self._broadcast(state, lambda c: c.states)
        self._changed.set()
        return True

    def _send_frames(self, client: _Client, msg: pb.CameraImageRequest) -> None:
        """One frame per camera, in chunks (a stream request also gets just one frame)."""
        self.image_requests.append(msg)
        if not self.answer_images:
            return
        for entity in self.entities.values():
            if entity.platform == "camera":
                for chunk in frame_chunks(entity.key, entity.image, entity.chunk_size):
                    self._send(client, chunk)

    def _device_info(self) -> pb.DeviceInfoResponse:
        c = self.config
        return pb.DeviceInfoResponse(
            name=c.name,
            friendly_name=c.friendly_name,
            mac_address=c.mac_address,
            model=c.model,
            manufacturer=c.manufacturer,
            esphome_version=c.esphome_version,
            project_name=c.project_name,
            project_version=c.project_version,
            compilation_time="simulated",
            api_encryption_supported=bool(c.encryption_key),
        )

    def _execute_service(self, msg: pb.ExecuteServiceRequest) -> None:
        for name, service in self.services.items():
            if _service_key(name) != msg.key:
                continue
            args = list(service.get("args", {}).items())
            values: dict[str, Any] = {}
            for (arg_name, arg_type), arg in zip(args, msg.args, strict=False):
                value = getattr(arg, _ARG_FIELD[ARG_TYPES[arg_type]])
                values[arg_name] = list(value) if arg_type.endswith("[]") else value
            self.service_calls.append((name, values))
            return


def _service_key(name: str) -> int:
    return entity_key("service:" + name)


def _service_info(service: Mapping[str, Any]) -> pb.ListEntitiesServicesResponse:
    message = pb.ListEntitiesServicesResponse(
        name=service["name"], key=_service_key(service["name"])
    )
    for arg_name, arg_type in service.get("args", {}).items():
        message.args.add(name=arg_name, type=ARG_TYPES[arg_type])
    return message


__all__ = ["DeviceConfig", "SimulatedDevice", "coerce_fields"]
