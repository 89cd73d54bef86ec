"""REST view declarations: every route states its permission and body schema, then is wrapped."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import orjson
import voluptuous as vol
from aiohttp import web

from ..auth import EntityInfo, PermissionChecker, RefreshToken, User
from ..context import Context
from ..errors import AuthFailed, HubError, NotFound, Unauthorized, ValidationError
from ..events import dumps
from ..services import humanize
from ..templates.errors import TemplateError
from .access import audit_denial, denial_of
from .context import ApiContext
from .permissions import Permission, is_public

_LOGGER = logging.getLogger(__name__)

API_KEY: web.AppKey[ApiContext] = web.AppKey("bastion_api", ApiContext)
REQUEST_USER: web.RequestKey[User] = web.RequestKey("bastion_user", User)
REQUEST_TOKEN: web.RequestKey[RefreshToken] = web.RequestKey("bastion_token", RefreshToken)
REQUEST_CHECKER: web.RequestKey[PermissionChecker] = web.RequestKey(
    "bastion_checker", PermissionChecker
)


@dataclass(slots=True)
class ApiRequest:
    """A request after authentication and body validation, handed to view functions."""

    request: web.Request
    api: ApiContext
    data: Any = None
    user: User | None = None
    token: RefreshToken | None = None
    checker: PermissionChecker | None = None

    @property
    def hub(self) -> Any:
        return self.api.hub

    def context(self) -> Context:
        return Context(user_id=self.user.id if self.user else None)

    def can(self, permission: str, entity_id: str) -> bool:
        if self.checker is None:
            return False
        if self.checker.can_admin():
            return True
        return self.checker.can(permission, entity_id, self.api.hub.clock.now())

    @property
    def is_admin(self) -> bool:
        return self.checker is not None and self.checker.can_admin()

    def can_read(self, entity_id: str) -> bool:
        return self.can("read", entity_id)

    def covers(self, info: EntityInfo) -> bool:
        """Whether a read grant covers a device, area, floor or label (see visibility.py)."""
        if self.checker is None:
            return False
        if self.checker.can_admin():
            return True
        return self.checker.covers("read", info, self.api.hub.clock.now())

    def deny(self, permission: str, target: Any, reason: str) -> None:
        """Audit a refusal of this request (the caller answers 401/403)."""
        audit_denial(
            self.api.hub,
            user=self.user,
            token=self.token,
            permission=permission,
            target=target,
            reason=reason,
            entry=f"rest:{self.request.method} {self.request.path}",
            remote=self.api.remote_ip(self.request),
        )


ViewHandler = Callable[[ApiRequest], Awaitable[web.StreamResponse]]


@dataclass(frozen=True, slots=True)
class Route:
    """One REST route and what it requires."""

    method: str
    path: str
    handler: ViewHandler
    permission: Permission
    schema: vol.Schema | None = None
    body: str = "json"  # "json" | "form" | "none"


def view(
    method: str,
    path: str,
    permission: Permission | str,
    schema: dict[Any, Any] | vol.Schema | None = None,
    *,
    body: str = "json",
) -> Callable[[ViewHandler], ViewHandler]:
    """Declare a view. Permission.PUBLIC is only accepted on functions marked @public."""

    def decorate(func: ViewHandler) -> ViewHandler:
        perm = Permission(permission)
        if (perm is Permission.PUBLIC) != is_public(func):
            raise ValueError(f"{func.__name__}: PUBLIC permission and @public must go together")
        compiled = (
            schema if schema is None or isinstance(schema, vol.Schema) else vol.Schema(schema)
        )
        routes: list[Route] = getattr(func, "__bastion_routes__", [])
        routes.append(Route(method, path, func, perm, compiled, body))
        func.__bastion_routes__ = routes  # type: ignore[attr-defined]
        return func

    return decorate


def collect_routes(*modules: Any) -> list[Route]:
    """Every route declared with @view in `modules`."""
    found: list[Route] = []
    for module in modules:
        for value in vars(module).values():
            found.extend(getattr(value, "__bastion_routes__", []))
    return found


def json_response(data: Any, status: int = HTTPStatus.OK, headers: Any = None) -> web.Response:
    return web.Response(
        body=dumps(data), status=status, content_type="application/json", headers=headers
    )


def json_raw(body: bytes, status: int = HTTPStatus.OK) -> web.Response:
    return web.Response(body=body, status=status, content_type="application/json")


def json_message(message: str, status: int = HTTPStatus.OK) -> web.Response:
    return json_response({"message": message}, status)


def error_status(err: BaseException) -> tuple[int, str]:
    """HTTP status and message for an exception raised by a view."""
    if isinstance(err, vol.Invalid):
        return HTTPStatus.BAD_REQUEST, humanize(err)
    if isinstance(err, NotFound):
        return HTTPStatus.NOT_FOUND, str(err)
    if isinstance(err, Unauthorized):
        return HTTPStatus.FORBIDDEN, str(err) or "Forbidden"
    if isinstance(err, AuthFailed):
        return HTTPStatus.UNAUTHORIZED, str(err)
    if isinstance(err, ValidationError | TemplateError):
        return HTTPStatus.BAD_REQUEST, str(err)
    if isinstance(err, HubError):
        return HTTPStatus.INTERNAL_SERVER_ERROR, str(err)
    if isinstance(err, TimeoutError):
        return HTTPStatus.GATEWAY_TIMEOUT, "Timed out"
    return HTTPStatus.INTERNAL_SERVER_ERROR, "Internal error"


def wrap(route: Route) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """The aiohttp handler: enforce permission, parse and validate the body, map errors."""

    async def handler(request: web.Request) -> web.StreamResponse:
        api = request.app[API_KEY]
        ctx = ApiRequest(request, api)
        if route.permission is not Permission.PUBLIC:
            user = request.get(REQUEST_USER)
            if user is None:
                return json_message("Unauthorized", HTTPStatus.UNAUTHORIZED)
            ctx.user, ctx.token = user, request[REQUEST_TOKEN]
            ctx.checker = request[REQUEST_CHECKER]
            if not _allowed(ctx, route.permission):
                ctx.deny(route.permission, route.path, "view not allowed")
                return json_message("Forbidden", HTTPStatus.FORBIDDEN)
        try:
            ctx.data = await _body(request, route)
        except vol.Invalid as err:
            return json_message(f"Invalid request: {humanize(err)}", HTTPStatus.BAD_REQUEST)
        except ValueError:
            return json_message("Invalid JSON specified.", HTTPStatus.BAD_REQUEST)
        try:
            return await route.handler(ctx)
        except web.HTTPException:
            raise
        except Exception as err:
            status, message = error_status(err)
            if isinstance(err, Unauthorized):
                permission, target = denial_of(err, "unknown", route.path)
                ctx.deny(permission, target, message)
            if status == HTTPStatus.INTERNAL_SERVER_ERROR and not isinstance(err, HubError):
                _LOGGER.exception("Error in %s %s", route.method, route.path)
            return json_message(message, status)

    handler.__name__ = route.handler.__name__
    return handler


def _allowed(ctx: ApiRequest, permission: Permission) -> bool:
    assert ctx.checker is not None and ctx.token is not None
    if permission is Permission.ADMIN:
        return ctx.checker.can_admin()
    if permission is Permission.CONTROL:
        return ctx.token.scope is None or not ctx.token.scope.read_only
    return True


async def _body(request: web.Request, route: Route) -> Any:
    if route.body == "none" or request.method in ("GET", "HEAD", "DELETE"):
        data: Any = {}
    elif route.body == "form":
        data = dict(await request.post())
    else:
        raw = await request.read()
        data = orjson.loads(raw) if raw.strip() else {}
    if route.schema is not None:
        return route.schema(data)
    return data
