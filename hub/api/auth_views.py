"""The Home Assistant login endpoints: providers, login flow steps and the token endpoint."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import voluptuous as vol
from aiohttp import web

from ..auth import InvalidGrant, IpBanned
from ..errors import NotFound, ValidationError
from .permissions import Permission, public
from .views import ApiRequest, json_message, json_response, view

MAX_FIELD = 1024

_FLOW_START = vol.Schema(
    {
        vol.Required("client_id"): vol.All(str, vol.Length(max=MAX_FIELD)),
        vol.Required("handler"): vol.Any(str, [vol.Any(str, None)]),
        vol.Required("redirect_uri"): vol.All(str, vol.Length(max=MAX_FIELD)),
        vol.Optional("type", default="authorize"): "authorize",
    },
)
_FLOW_STEP = vol.Schema(
    {vol.Required("client_id"): vol.All(str, vol.Length(max=MAX_FIELD))}, extra=vol.ALLOW_EXTRA
)
_TOKEN = vol.Schema(
    {
        vol.Optional("grant_type"): vol.In(["authorization_code", "refresh_token"]),
        vol.Optional("client_id"): vol.All(str, vol.Length(max=MAX_FIELD)),
        vol.Optional("code"): vol.All(str, vol.Length(max=MAX_FIELD)),
        vol.Optional("refresh_token"): vol.All(str, vol.Length(max=MAX_FIELD)),
        vol.Optional("action"): "revoke",
        vol.Optional("token"): vol.All(str, vol.Length(max=MAX_FIELD)),
    },
    extra=vol.REMOVE_EXTRA,
)


def _banned() -> web.Response:
    return json_message("Too many failed login attempts", HTTPStatus.FORBIDDEN)


def _token_error(
    error: str, description: str, status: int = HTTPStatus.BAD_REQUEST
) -> web.Response:
    return json_response({"error": error, "error_description": description}, status)


@view("GET", "/auth/providers", Permission.PUBLIC)
@public
async def auth_providers(req: ApiRequest) -> web.Response:
    """The login providers (one local provider)."""
    return json_response(
        {"providers": req.api.auth.login_flows.providers(), "preselect_remember_me": False}
    )


@view("POST", "/auth/login_flow", Permission.PUBLIC, _FLOW_START)
@public
async def login_flow_start(req: ApiRequest) -> web.Response:
    """Begin a login flow; answers with the username/password form."""
    data = req.data
    remote = req.api.remote_ip(req.request)
    try:
        result = await req.api.auth.login_flows.start(
            data["client_id"], data["redirect_uri"], data["handler"], remote_ip=remote
        )
    except IpBanned:
        return _banned()
    except NotFound:
        return json_message("Invalid handler specified", HTTPStatus.NOT_FOUND)
    except ValidationError:
        return json_message("invalid client id or redirect uri", HTTPStatus.BAD_REQUEST)
    return json_response(result.as_dict())


@view("POST", "/auth/login_flow/{flow_id}", Permission.PUBLIC, _FLOW_STEP)
@public
async def login_flow_step(req: ApiRequest) -> web.Response:
    """Answer the current step (credentials, then TOTP code)."""
    flow_id = req.request.match_info["flow_id"]
    user_input: dict[str, Any] = {k: v for k, v in req.data.items() if k != "client_id"}
    remote = req.api.remote_ip(req.request)
    try:
        result = await req.api.auth.login_flows.step(flow_id, user_input, remote_ip=remote)
    except IpBanned:
        return _banned()
    except NotFound:
        return json_message("Invalid flow specified", HTTPStatus.NOT_FOUND)
    return json_response(result.as_dict())


@view("DELETE", "/auth/login_flow/{flow_id}", Permission.PUBLIC)
@public
async def login_flow_abort(req: ApiRequest) -> web.Response:
    """Cancel a login flow."""
    req.api.auth.login_flows.abort(req.request.match_info["flow_id"])
    return json_message("Flow aborted")


@view("POST", "/auth/token", Permission.PUBLIC, _TOKEN, body="form")
@public
async def auth_token(req: ApiRequest) -> web.Response:
    """OAuth2-style token endpoint: code exchange, refresh, and revoke."""
    data = req.data
    auth = req.api.auth
    remote = req.api.remote_ip(req.request)
    if data.get("action") == "revoke":
        # Always 200, whether or not the token existed (RFC 7009).
        if token := data.get("token"):
            await auth.revoke_refresh_token_value(token)
        return web.Response(status=HTTPStatus.OK)
    client_id = data.get("client_id")
    if not client_id:
        return _token_error("invalid_request", "client_id is required")
    try:
        if data.get("grant_type") == "authorization_code":
            grant = await auth.exchange_code(client_id, data.get("code", ""), remote_ip=remote)
        elif data.get("grant_type") == "refresh_token":
            grant = await auth.refresh(client_id, data.get("refresh_token", ""), remote_ip=remote)
        else:
            return _token_error("unsupported_grant_type", "Unknown grant_type")
    except InvalidGrant as err:
        await req.api.record_auth_failure(remote, "invalid_grant")
        return _token_error("invalid_grant", str(err))
    return json_response(grant.as_dict(), headers={"Cache-Control": "no-store"})
