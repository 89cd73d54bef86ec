"""CommandRegistry: websocket commands with their schema and required permission, per hub.

Integrations and the automation engine register commands through `register_command(hub, ...)`
without importing the server; registration works before or after the server starts.
"""

from __future__ import annotations

import weakref
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import voluptuous as vol

from ..permissions import Permission

if TYPE_CHECKING:
    from .connection import ActiveConnection

CommandHandler = Callable[["ActiveConnection", dict[str, Any]], Awaitable[None] | None]
Unregister = Callable[[], None]

BASE_SCHEMA: dict[Any, Any] = {vol.Required("id"): int, vol.Required("type"): str}


@dataclass(frozen=True, slots=True)
class Command:
    """One websocket command type: validated by `schema`, allowed by `permission`."""

    type: str
    handler: CommandHandler
    schema: vol.Schema
    permission: Permission


class CommandRegistry:
    """The commands one hub answers; the connection looks types up here per message."""

    def __init__(self) -> None:
        self._commands: dict[str, Command] = {}

    def register(
        self,
        command_type: str,
        handler: CommandHandler,
        schema: dict[Any, Any],
        permission: Permission | str,
    ) -> Unregister:
        """Add a command; `schema` describes the keys besides id/type (extra keys rejected)."""
        permission = Permission(permission)
        if permission is Permission.PUBLIC:
            raise ValueError("Websocket commands always run after authentication")
        full = vol.Schema({**BASE_SCHEMA, vol.Required("type"): command_type, **schema})
        command = Command(command_type, handler, full, permission)
        self._commands[command_type] = command

        def unregister() -> None:
            if self._commands.get(command_type) is command:
                del self._commands[command_type]

        return unregister

    def get(self, command_type: str) -> Command | None:
        return self._commands.get(command_type)

    def __iter__(self) -> Iterator[Command]:
        return iter(list(self._commands.values()))

    def __contains__(self, command_type: object) -> bool:
        return command_type in self._commands


_REGISTRIES: weakref.WeakKeyDictionary[Any, CommandRegistry] = weakref.WeakKeyDictionary()


def commands_for(hub: Any) -> CommandRegistry:
    """The command registry of `hub` (created on first use)."""
    registry = _REGISTRIES.get(hub)
    if registry is None:
        registry = _REGISTRIES[hub] = CommandRegistry()
    return registry


def register_command(
    hub: Any,
    command_type: str,
    schema: dict[Any, Any],
    handler: CommandHandler,
    permission: Permission | str,
) -> Unregister:
    """Register a websocket command on `hub`; returns a function that removes it."""
    return commands_for(hub).register(command_type, handler, schema, permission)


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """A command declared with the @command decorator, installed by `install()`."""

    type: str
    schema: dict[Any, Any]
    permission: Permission


def command(
    command_type: str, schema: dict[Any, Any], permission: Permission | str
) -> Callable[[CommandHandler], CommandHandler]:
    """Declare a built-in command: its type, schema and required permission."""

    def decorate(func: CommandHandler) -> CommandHandler:
        func.__bastion_command__ = CommandSpec(  # type: ignore[attr-defined]
            command_type, schema, Permission(permission)
        )
        return func

    return decorate


def install(registry: CommandRegistry, *modules: Any) -> None:
    """Register every @command function found in `modules` (unless already overridden)."""
    for module in modules:
        for value in vars(module).values():
            spec = getattr(value, "__bastion_command__", None)
            if isinstance(spec, CommandSpec) and spec.type not in registry:
                registry.register(spec.type, value, spec.schema, spec.permission)
