"""The HTTP API: REST, the Home Assistant websocket protocol, auth endpoints, the frontend."""

from .config import HttpConfig
from .extensions import register_view, register_webhook
from .permissions import Permission, public
from .server import HttpServer
from .websocket.connection import ActiveConnection
from .websocket.registry import commands_for, register_command

__all__ = [
    "ActiveConnection",
    "HttpConfig",
    "HttpServer",
    "Permission",
    "commands_for",
    "public",
    "register_command",
    "register_view",
    "register_webhook",
]
