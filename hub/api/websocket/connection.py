"""One websocket client: auth phase, message loop, dispatch and a bounded send queue."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import orjson
import voluptuous as vol
from aiohttp import WSCloseCode, WSMsgType, web

from ...auth import EntityInfo, PermissionChecker, RefreshToken, User
from ...context import Context
from ...entity import sanitize
from ...errors import (
    AuthFailed,
    HubError,
    NotFound,
    ServiceNotFound,
    Unauthorized,
    ValidationError,
)
from ...services import humanize
from ...templates import TemplateEngine
from ...templates.errors import TemplateError
from ..access import AccessDenied, audit_denial, denial_of
from ..permissions import Permission
from ..template_access import user_template_engine
from ..visibility import Visible, visible_entries
from . import messages as m

if TYPE_CHECKING:
    from ..context import ApiContext
    from .registry import Command

_LOGGER = logging.getLogger(__name__)

AUTH_TIMEOUT = 10.0  # seconds a client has to send its token
HEARTBEAT = 55.0  # seconds between server pings
CLOSE_TIMEOUT = 5.0
HA_VERSION = "2026.1.0"  # what we tell clients; they gate features on it

Unsubscribe = Callable[[], None]


class ActiveConnection:
    """What a command handler may do: reply, stream events, keep subscriptions, check rights."""

    def __init__(
        self,
        api: ApiContext,
        user: User,
        token: RefreshToken,
        checker: PermissionChecker,
        send: Callable[[bytes], None],
        remote: str,
    ) -> None:
        self.api = api
        self.hub = api.hub
        self.user = user
        self.token = token
        self._checker = checker
        self._revision = api.auth.revision
        self._templates: TemplateEngine | None = None
        self.remote = remote
        self.subscriptions: dict[int, Unsubscribe] = {}
        self._opened_by: dict[int, tuple[str, Permission]] = {}  # subscription -> command
        self._watchers: dict[int, Callable[[], None]] = {}
        self._rights = self._rights_key()
        self._send = send
        self.last_id = 0

    # -- replies -------------------------------------------------------------------------
    def send(self, payload: bytes) -> None:
        """Queue one already-encoded message."""
        self._send(payload)

    def send_result(self, msg_id: int, result: Any = None) -> None:
        self._send(m.result_message(msg_id, result))

    def send_error(
        self, msg_id: int | None, code: str, message: str, data: Mapping[str, Any] | None = None
    ) -> None:
        self._send(m.error_message(msg_id, code, message, data))

    def send_event(self, msg_id: int, payload: Any) -> None:
        self._send(m.event_message(msg_id, payload))

    def send_event_raw(self, msg_id: int, payload_json: bytes) -> None:
        self._send(m.event_raw(msg_id, payload_json))

    # -- rights and provenance -----------------------------------------------------------
    def context(self, msg: dict[str, Any] | None = None) -> Context:
        """A new context for an action this user takes."""
        return Context(user_id=self.user.id)

    @property
    def checker(self) -> PermissionChecker:
        """The checker for the user's current roles (rebuilt after any auth change)."""
        auth = self.api.auth
        if auth.revision != self._revision:
            self._revision = auth.revision
            user = auth.get_user(self.user.id) or replace(self.user, is_active=False)
            self.user = user
            self._checker = auth.permission_checker(user, self.api.entity_lookup, self.token)
        return self._checker

    def still_valid(self) -> bool:
        """False once the token was revoked or expired, or the user removed or deactivated."""
        token = self.api.auth.get_refresh_token(self.token.id)
        if token is None or not self.checker.user.is_active:
            return False
        return token.expire_at is None or self.hub.clock.now() < token.expire_at

    def template_engine(self) -> TemplateEngine:
        """The hub's engine for admins; for others one that sees only what they may see.

        The filtered engine asks this connection at each lookup, so it follows role changes
        and time windows without being rebuilt.
        """
        if self.is_admin:
            return self.hub.templates
        if self._templates is None:
            self._templates = user_template_engine(self.hub, self.can_read, self.covers)
        return self._templates

    def deny(self, permission: str, target: Any, reason: str, entry: str) -> None:
        """Audit a refusal (the caller sends the `unauthorized` error)."""
        audit_denial(
            self.hub,
            user=self.user,
            token=self.token,
            permission=permission,
            target=target,
            reason=reason,
            entry=f"websocket:{entry}",
            remote=self.remote,
        )

    @property
    def is_admin(self) -> bool:
        return self.checker.can_admin()

    def can(self, permission: str, entity_id: str) -> bool:
        if self.checker.can_admin():
            return True
        return self.checker.can(permission, entity_id, self.hub.clock.now())

    def can_read(self, entity_id: str) -> bool:
        return self.can("read", entity_id)

    def covers(self, info: EntityInfo) -> bool:
        """Whether a read grant covers a device, area, floor or label (see visibility.py)."""
        if self.checker.can_admin():
            return True
        return self.checker.covers("read", info, self.hub.clock.now())

    def visible(self) -> Visible:
        """The registry entries this user may see now (admins: call only for non-admins)."""
        return visible_entries(self.hub.registries, self.can_read, self.covers)

    def require_admin(self) -> None:
        if not self.is_admin:
            raise AccessDenied("Admin access required", permission="admin")

    def close_subscriptions(self) -> None:
        for unsubscribe in self.subscriptions.values():
            try:
                unsubscribe()
            except Exception:
                _LOGGER.exception("Error removing a websocket subscription")
        self.subscriptions.clear()
        self._opened_by.clear()
        self._watchers.clear()

    # -- rights changing while subscriptions are open -------------------------------------
    def opened(self, msg_id: int, command_type: str, permission: Permission) -> None:
        """Note which command opened subscription `msg_id` (the dispatcher calls this)."""
        if len(self._opened_by) > 2 * len(self.subscriptions) + 16:  # drop ended ones
            self._opened_by = {k: v for k, v in self._opened_by.items() if k in self.subscriptions}
        self._opened_by[msg_id] = (command_type, permission)

    def watch_rights(self, msg_id: int, watcher: Callable[[], None]) -> Unsubscribe:
        """Call `watcher` when this user's rights change while subscription `msg_id` is open.

        The watcher re-applies the rights to what it already sent (or ends the subscription
        with `end_subscription`); the returned function stops watching.
        """
        self._watchers[msg_id] = watcher

        def unwatch() -> None:
            if self._watchers.get(msg_id) is watcher:
                del self._watchers[msg_id]

        return unwatch

    def end_subscription(self, msg_id: int, reason: str, permission: str | None = None) -> None:
        """End one subscription with an `unauthorized` error (audited as a denial of
        `permission`, by default the one its command requires)."""
        unsubscribe = self.subscriptions.pop(msg_id, None)
        if unsubscribe is None:
            return
        self._watchers.pop(msg_id, None)
        command_type, required = self._opened_by.pop(msg_id, ("subscription", Permission.READ))
        try:
            unsubscribe()
        except Exception:
            _LOGGER.exception("Error removing a websocket subscription")
        self.deny(permission or required.value, command_type, reason, command_type)
        self.send_error(msg_id, m.ERR_UNAUTHORIZED, f"Unauthorized: {reason}")

    def rights_changed(self) -> None:
        """Re-apply the user's rights to open subscriptions after an auth change.

        Nothing happens unless the role, custom roles, activity or token changed. A revoked
        token or deactivated user ends every subscription; a user who is no longer an admin
        loses subscriptions opened by admin-only commands; the others are re-filtered by
        their watchers (render_template re-renders, subscribe_entities adds and removes).
        """
        key = self._rights_key()
        if key == self._rights:
            return
        self._rights = key
        if not self.still_valid():
            for msg_id in list(self.subscriptions):
                self.end_subscription(msg_id, "access revoked")
            return
        if not self.is_admin:
            for msg_id in list(self.subscriptions):
                opened = self._opened_by.get(msg_id)
                if opened is not None and opened[1] is Permission.ADMIN:
                    self.end_subscription(msg_id, "admin rights removed")
        for msg_id, watcher in list(self._watchers.items()):
            if msg_id not in self.subscriptions or self._watchers.get(msg_id) is not watcher:
                continue
            try:
                watcher()
            except Exception:
                _LOGGER.exception("Error re-applying rights to subscription %d", msg_id)

    def _rights_key(self) -> tuple[Any, ...]:
        checker = self.checker
        token = self.api.auth.get_refresh_token(self.token.id)
        user = checker.user
        return (
            user.role,
            user.is_active,
            checker.policies,
            checker.scope,
            None if token is None else token.expire_at,
        )


def error_for(err: BaseException) -> tuple[str, str]:
    """Map an exception raised by a handler to a Home Assistant error code and message."""
    if isinstance(err, vol.Invalid):
        return m.ERR_INVALID_FORMAT, humanize(err)
    if isinstance(err, TemplateError):
        return m.ERR_TEMPLATE_ERROR, str(err)
    if isinstance(err, ServiceNotFound | NotFound):
        return m.ERR_NOT_FOUND, str(err)
    if isinstance(err, Unauthorized | AuthFailed):
        return m.ERR_UNAUTHORIZED, str(err) or "Unauthorized"
    if isinstance(err, ValidationError):
        return m.ERR_INVALID_FORMAT, str(err)
    if isinstance(err, HubError):
        return m.ERR_HOME_ASSISTANT_ERROR, str(err)
    if isinstance(err, TimeoutError):
        return m.ERR_TIMEOUT, "Timed out"
    return m.ERR_UNKNOWN_ERROR, "Unknown error"


class WebSocketSession:
    """Serves `/api/websocket` for one client from handshake to close."""

    def __init__(self, api: ApiContext, request: web.Request) -> None:
        self._api = api
        self._request = request
        self._remote = api.remote_ip(request)
        self._ws = web.WebSocketResponse(
            heartbeat=HEARTBEAT, max_msg_size=api.config.max_ws_message_size
        )
        self._queue: deque[bytes] = deque()
        self._wakeup = asyncio.Event()
        self._closing = False
        self._coalesce = False
        self._max_pending = api.config.ws_max_pending
        self._tasks: set[asyncio.Task[Any]] = set()
        self._conn: ActiveConnection | None = None

    async def handle(self) -> web.WebSocketResponse:
        ws = self._ws
        await ws.prepare(self._request)
        writer = asyncio.get_running_loop().create_task(self._writer(), name="ws-writer")
        try:
            conn = await self._auth_phase()
            if conn is not None:
                self._conn = conn
                self._api.connections.add(self)
                unlisten = self._api.auth.listen_changes(conn.rights_changed)
                try:
                    await self._message_loop(conn)
                finally:
                    unlisten()
        except (asyncio.CancelledError, ConnectionError):
            pass
        finally:
            self._api.connections.discard(self)
            if self._conn is not None:
                self._conn.close_subscriptions()
            for task in list(self._tasks):
                task.cancel()
            self._closing = True
            self._wakeup.set()
            try:
                async with asyncio.timeout(CLOSE_TIMEOUT):
                    await writer
            except (TimeoutError, asyncio.CancelledError):
                writer.cancel()
            if not ws.closed:
                try:
                    async with asyncio.timeout(CLOSE_TIMEOUT):
                        await ws.close()
                except (TimeoutError, ConnectionError):
                    self._abort()
        return ws

    async def shutdown(self) -> None:
        """Close this client because the server stops (1001 going away)."""
        self._closing = True
        self._wakeup.set()
        try:
            async with asyncio.timeout(CLOSE_TIMEOUT):
                await self._ws.close(code=WSCloseCode.GOING_AWAY, message=b"Server stopping")
        except (TimeoutError, ConnectionError):
            self._abort()

    # -- sending -------------------------------------------------------------------------
    def _enqueue(self, payload: bytes) -> None:
        if self._closing:
            return
        if len(self._queue) >= self._max_pending:
            user = self._conn.user.name if self._conn else "?"
            _LOGGER.warning(
                "Websocket client %s (user %s) fell %d messages behind; disconnecting it",
                self._remote,
                sanitize(user, 64),
                len(self._queue),
            )
            self._closing = True
            self._queue.clear()
            self._abort()
            return
        self._queue.append(payload)
        self._wakeup.set()

    def _abort(self) -> None:
        transport = self._request.transport
        if transport is not None:
            transport.abort()

    async def _writer(self) -> None:
        ws = self._ws
        while True:
            await self._wakeup.wait()
            self._wakeup.clear()
            while self._queue:
                if self._coalesce and len(self._queue) > 1:
                    batch = [self._queue.popleft() for _ in range(min(len(self._queue), 64))]
                    payload = b"[" + b",".join(batch) + b"]"
                else:
                    payload = self._queue.popleft()
                try:
                    await ws.send_frame(payload, WSMsgType.TEXT)
                except (ConnectionError, RuntimeError):
                    self._closing = True
                    return
            if self._closing:
                return

    # -- auth ----------------------------------------------------------------------------
    async def _auth_phase(self) -> ActiveConnection | None:
        ws = self._ws
        auth = self._api.auth
        await ws.send_frame(
            orjson.dumps({"type": "auth_required", "ha_version": HA_VERSION}), WSMsgType.TEXT
        )
        try:
            async with asyncio.timeout(AUTH_TIMEOUT):
                msg = await ws.receive()
        except TimeoutError:
            _LOGGER.info("Websocket client %s did not authenticate in time", self._remote)
            return None
        if msg.type is not WSMsgType.TEXT:
            return None
        try:
            data = orjson.loads(msg.data)
        except orjson.JSONDecodeError:
            data = None
        token = data.get("access_token") if isinstance(data, dict) else None
        if not isinstance(data, dict) or data.get("type") != "auth" or not isinstance(token, str):
            await self._auth_invalid("Auth message incorrectly formatted")
            return None
        if self._api.is_banned(self._remote):
            await self._auth_invalid("Too many failed login attempts")
            return None
        found = await auth.validate_access_token(token, remote_ip=self._remote)
        if found is None:
            await self._api.record_auth_failure(self._remote, "invalid_websocket_token")
            await self._auth_invalid("Invalid access token or password")
            return None
        user, refresh = found
        checker = auth.permission_checker(user, self._api.entity_lookup, refresh)
        await ws.send_frame(
            orjson.dumps({"type": "auth_ok", "ha_version": HA_VERSION}), WSMsgType.TEXT
        )
        return ActiveConnection(self._api, user, refresh, checker, self._enqueue, self._remote)

    async def _auth_invalid(self, message: str) -> None:
        await self._ws.send_frame(
            orjson.dumps({"type": "auth_invalid", "message": message}), WSMsgType.TEXT
        )

    # -- messages ------------------------------------------------------------------------
    async def _message_loop(self, conn: ActiveConnection) -> None:
        ws = self._ws
        while not self._closing:
            msg = await ws.receive()
            if msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
                return
            if msg.type is WSMsgType.ERROR:
                _LOGGER.info("Websocket client %s: %s", self._remote, msg.data)
                return
            if msg.type is not WSMsgType.TEXT:
                conn.send_error(None, m.ERR_INVALID_FORMAT, "Only text messages are accepted")
                continue
            try:
                data = orjson.loads(msg.data)
            except orjson.JSONDecodeError:
                conn.send_error(None, m.ERR_INVALID_FORMAT, "Message is not valid JSON")
                continue
            for item in data if isinstance(data, list) else [data]:
                self._dispatch(conn, item)

    def _dispatch(self, conn: ActiveConnection, msg: Any) -> None:
        if not isinstance(msg, dict):
            conn.send_error(None, m.ERR_INVALID_FORMAT, "Message must be a JSON object")
            return
        msg_id = msg.get("id")
        if not isinstance(msg_id, int) or isinstance(msg_id, bool):
            conn.send_error(None, m.ERR_INVALID_FORMAT, "Message has no integer id")
            return
        if msg_id <= conn.last_id:
            conn.send_error(msg_id, m.ERR_ID_REUSE, "Identifier values have to increase.")
            return
        conn.last_id = msg_id
        command_type = msg.get("type")
        if command_type == "supported_features":
            features = msg.get("features")
            self._coalesce = isinstance(features, dict) and bool(features.get("coalesce_messages"))
            conn.send_result(msg_id)
            return
        command = self._api.commands.get(command_type) if isinstance(command_type, str) else None
        if command is None:
            conn.send_error(msg_id, m.ERR_UNKNOWN_COMMAND, "Unknown command.")
            return
        try:
            validated = command.schema(msg)
        except vol.Invalid as err:
            conn.send_error(
                msg_id, m.ERR_INVALID_FORMAT, f"Message incorrectly formatted: {humanize(err)}"
            )
            return
        if not conn.still_valid():
            conn.deny(command.permission, command_type, "token revoked or expired", command_type)
            conn.send_error(msg_id, m.ERR_UNAUTHORIZED, "Unauthorized")
            self._closing = True  # the loop ends; the writer flushes this error, then we close
            return
        if not self._allowed(conn, command.permission):
            conn.deny(command.permission, command_type, "command not allowed", command_type)
            conn.send_error(msg_id, m.ERR_UNAUTHORIZED, "Unauthorized")
            return
        try:
            result = command.handler(conn, validated)
        except Exception as err:
            self._handler_failed(conn, msg_id, command_type, err)
            return
        if msg_id in conn.subscriptions:
            conn.opened(msg_id, command_type, command.permission)
        if inspect.isawaitable(result):
            task = asyncio.get_running_loop().create_task(
                self._run(conn, msg_id, command, result), name=f"ws:{command_type}"
            )
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    @staticmethod
    def _allowed(conn: ActiveConnection, permission: Permission) -> bool:
        if permission is Permission.ADMIN:
            return conn.checker.can_admin()
        if permission is Permission.CONTROL:
            scope = conn.token.scope
            return scope is None or not scope.read_only
        return True

    async def _run(self, conn: ActiveConnection, msg_id: int, command: Command, aw: Any) -> None:
        try:
            await aw
        except asyncio.CancelledError:
            raise
        except Exception as err:
            self._handler_failed(conn, msg_id, command.type, err)
            return
        if msg_id in conn.subscriptions:
            conn.opened(msg_id, command.type, command.permission)

    @staticmethod
    def _handler_failed(
        conn: ActiveConnection, msg_id: int, command_type: str, err: Exception
    ) -> None:
        code, message = error_for(err)
        if isinstance(err, Unauthorized):
            permission, target = denial_of(err, "unknown", command_type)
            conn.deny(permission, target, message, command_type)
        if code == m.ERR_UNKNOWN_ERROR:
            _LOGGER.exception("Error handling websocket command %s", command_type, exc_info=err)
        conn.send_error(msg_id, code, message)
