"""First-start onboarding: the setup code on the console and the REST endpoints that use it."""

from __future__ import annotations

import logging
import sys
from http import HTTPStatus

import voluptuous as vol
from aiohttp import web

from ..auth import AuthManager, IpBanned
from ..errors import AuthFailed, Unauthorized, ValidationError
from .auth_views import MAX_FIELD
from .permissions import Permission, public
from .views import ApiRequest, json_message, json_response, view

_LOGGER = logging.getLogger(__name__)

_USER = vol.Schema(
    {
        vol.Required("client_id"): vol.All(str, vol.Length(max=MAX_FIELD)),
        vol.Required("name"): vol.All(str, vol.Length(min=1, max=128)),
        vol.Required("username"): vol.All(str, vol.Length(max=64)),
        vol.Required("password"): vol.All(str, vol.Length(max=MAX_FIELD)),
        vol.Required("code"): vol.All(str, vol.Length(max=64)),
        vol.Optional("language"): vol.All(str, vol.Length(max=16)),
    }
)


def announce_setup_code(auth: AuthManager, url: str) -> str | None:
    """When no user exists, make a one-time setup code and show it on the console."""
    if not auth.onboarding.setup_code_required():
        return None
    code = auth.onboarding.new_setup_code()
    # The code goes to the console only: log files and log shippers never see it.
    _LOGGER.warning("No users yet: the one-time setup code is printed on the console")
    text = f"No users yet. Create the owner at {url}onboarding with setup code {code}"
    print(f"\n*** Bastion: {text} ***\n", file=sys.stderr, flush=True)
    return code


@view("GET", "/api/onboarding", Permission.PUBLIC)
@public
async def onboarding_status(req: ApiRequest) -> web.Response:
    """Which onboarding steps are done (only the owner step matters here)."""
    done = not req.api.auth.onboarding.setup_code_required()
    steps = ["user", "core_config", "analytics", "integration"]
    return json_response([{"step": step, "done": done or step != "user"} for step in steps])


@view("POST", "/api/onboarding/users", Permission.PUBLIC, _USER)
@public
async def onboarding_create_owner(req: ApiRequest) -> web.Response:
    """Create the first owner with the console setup code; returns a login auth_code."""
    data = req.data
    auth = req.api.auth
    remote = req.api.remote_ip(req.request)
    try:
        await auth.onboarding.create_owner(
            data["code"], data["username"], data["name"], data["password"], remote_ip=remote
        )
    except IpBanned:
        return json_message("Too many failed attempts", HTTPStatus.FORBIDDEN)
    except Unauthorized:
        return json_message("User step already done", HTTPStatus.FORBIDDEN)
    except AuthFailed:
        return json_message("Invalid setup code", HTTPStatus.UNAUTHORIZED)
    except ValidationError as err:
        return json_message(str(err), HTTPStatus.BAD_REQUEST)
    # Log the new owner in through the ordinary flow so the client gets an auth code.
    flows = auth.login_flows
    client_id = data["client_id"]
    try:
        flow = await flows.start(client_id, client_id, ["homeassistant", None], remote_ip=remote)
        result = await flows.step(
            flow.flow_id,
            {"username": data["username"], "password": data["password"]},
            remote_ip=remote,
        )
    except (ValidationError, AuthFailed):
        return json_response({"auth_code": None})
    code = result.result if result.type == "create_entry" else None
    return json_response({"auth_code": code})
