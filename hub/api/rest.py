"""The Home Assistant REST API: states, events, services, config, templates, error log."""

from __future__ import annotations

import asyncio
from http import HTTPStatus
from typing import Any

import voluptuous as vol
from aiohttp import web

from ..domains.camera import CameraEntity
from ..errors import NotFound, ValidationError
from ..events import MATCH_ALL
from ..states import valid_entity_id
from . import core_info
from .permissions import Permission, public
from .service_calls import authorize_call, call_tracking_changes
from .template_access import user_template_engine
from .views import (
    REQUEST_CHECKER,
    REQUEST_TOKEN,
    REQUEST_USER,
    ApiRequest,
    json_message,
    json_raw,
    json_response,
    view,
)

CAMERA_TIMEOUT = 10.0

_STATE_KEYS = frozenset(("state", "attributes", "force_update"))


class _StateBody(vol.Schema):
    """The body of POST /api/states/<entity_id>.

    A well-formed body (the common case) is checked by hand, ~7 us cheaper per write than
    voluptuous; anything else goes through the schema, which gives the same result or the
    same error as before.
    """

    def __call__(self, data: Any) -> Any:
        if type(data) is dict and data.keys() <= _STATE_KEYS:
            state = data.get("state")
            attributes = data.get("attributes", _MISSING)
            force_update = data.get("force_update", False)
            if (
                isinstance(state, str | int | float)  # bool is an int
                and (attributes is _MISSING or isinstance(attributes, dict))
                and isinstance(force_update, bool)
            ):
                return {
                    "state": state,
                    "attributes": {} if attributes is _MISSING else attributes,
                    "force_update": force_update,
                }
        return super().__call__(data)


_MISSING = object()
_STATE = _StateBody(
    {
        vol.Required("state"): vol.Any(str, int, float, bool),
        vol.Optional("attributes", default={}): dict,
        vol.Optional("force_update", default=False): bool,
    }
)
_TEMPLATE = vol.Schema({vol.Required("template"): str, vol.Optional("variables"): dict})
_ANY_OBJECT = vol.Schema(dict)


def _entity_id(req: ApiRequest) -> str:
    entity_id = req.request.match_info["entity_id"]
    if not valid_entity_id(entity_id):
        raise NotFound("Entity not found.")
    return entity_id


@view("GET", "/api/", Permission.READ)
async def api_status(req: ApiRequest) -> web.Response:
    """Liveness for authenticated clients."""
    return json_message("API running.")


@view("GET", "/api/config", Permission.READ)
async def api_config(req: ApiRequest) -> web.Response:
    return json_response(core_info.core_config(req.hub))


@view("GET", "/api/components", Permission.READ)
async def api_components(req: ApiRequest) -> web.Response:
    return json_response(core_info.components(req.hub))


@view("GET", "/api/events", Permission.READ)
async def api_events(req: ApiRequest) -> web.Response:
    """Event types with their listener counts."""
    counts = req.hub.bus.listener_counts()
    return json_response(
        [{"event": etype, "listener_count": n} for etype, n in counts.items() if etype != MATCH_ALL]
    )


@view("GET", "/api/services", Permission.READ)
async def api_services(req: ApiRequest) -> web.Response:
    return json_response(
        [
            {"domain": domain, "services": items}
            for domain, items in core_info.services(req.hub).items()
        ]
    )


@view("GET", "/api/states", Permission.READ)
async def api_states(req: ApiRequest) -> web.Response:
    """Every state the caller may read (each state's JSON is the shared cached bytes)."""
    states = req.hub.states.all()
    if not req.is_admin:
        states = [s for s in states if req.can("read", s.entity_id)]
    return json_raw(b"[" + b",".join(s.json() for s in states) + b"]")


@view("GET", "/api/states/{entity_id}", Permission.READ)
async def api_state_get(req: ApiRequest) -> web.Response:
    entity_id = _entity_id(req)
    state = req.hub.states.get(entity_id)
    if state is None or not req.can("read", entity_id):
        return json_message("Entity not found.", HTTPStatus.NOT_FOUND)
    return json_raw(state.json())


@view("POST", "/api/states/{entity_id}", Permission.ADMIN, _STATE)
async def api_state_set(req: ApiRequest) -> web.Response:
    """Write a state directly (admin: bypasses the owning integration)."""
    entity_id = req.request.match_info["entity_id"]
    if not valid_entity_id(entity_id):
        return json_message("Invalid entity ID specified.", HTTPStatus.BAD_REQUEST)
    existed = entity_id in req.hub.states
    state = req.hub.states.set(
        entity_id,
        str(req.data["state"]),
        req.data["attributes"],
        force_update=req.data["force_update"],
        context=req.context(),
    )
    status = HTTPStatus.OK if existed else HTTPStatus.CREATED
    response = json_raw(state.json(), status)
    response.headers["Location"] = f"/api/states/{entity_id}"
    return response


@view("DELETE", "/api/states/{entity_id}", Permission.ADMIN)
async def api_state_delete(req: ApiRequest) -> web.Response:
    entity_id = _entity_id(req)
    if req.hub.states.remove(entity_id, context=req.context()):
        return json_message("Entity removed.")
    return json_message("Entity not found.", HTTPStatus.NOT_FOUND)


@view("POST", "/api/events/{event_type}", Permission.ADMIN, _ANY_OBJECT)
async def api_fire_event(req: ApiRequest) -> web.Response:
    event_type = req.request.match_info["event_type"]
    if not event_type or len(event_type) > 64 or event_type == MATCH_ALL:
        return json_message("Invalid event type.", HTTPStatus.BAD_REQUEST)
    req.hub.bus.fire(event_type, req.data, context=req.context(), origin="REMOTE")
    return json_message(f"Event {event_type} fired.")


@view("POST", "/api/services/{domain}/{service}", Permission.CONTROL, _ANY_OBJECT)
async def api_call_service(req: ApiRequest) -> web.Response:
    """Call a service; answers the states it changed (and its response with ?return_response)."""
    domain = req.request.match_info["domain"]
    service = req.request.match_info["service"]
    return_response = "return_response" in req.request.query
    if not req.hub.services.has(domain, service):
        return json_message(f"Service {domain}.{service} not found.", HTTPStatus.BAD_REQUEST)
    authorize_call(req.hub, req.can, req.is_admin, req.data, None, f"{domain}.{service}")
    response, changed = await call_tracking_changes(
        req.hub, domain, service, req.data, None, req.context(), return_response
    )
    if return_response:
        return json_response({"changed_states": changed, "service_response": response})
    return json_response(changed)


@view("POST", "/api/template", Permission.READ, _TEMPLATE)
async def api_template(req: ApiRequest) -> web.Response:
    """Render a template (sandboxed, with the engine's limits) to text; non-admins render
    against a view holding only the entities and registry entries they may see."""
    engine = (
        req.hub.templates
        if req.is_admin
        else user_template_engine(req.hub, req.can_read, req.covers)
    )
    template = engine.template(req.data["template"])
    template.ensure_valid()
    # Rendering is synchronous and bounded by the engine's work and output limits.
    text = template.render(req.data.get("variables"), parse_result=False)
    return web.Response(text=str(text), content_type="text/plain")


@view("GET", "/api/error_log", Permission.ADMIN)
async def api_error_log(req: ApiRequest) -> web.Response:
    """Recent warnings and errors (kept in memory since the server started)."""
    log = req.api.extras.get("error_log")
    return web.Response(text=log.text() if log is not None else "", content_type="text/plain")


@view("GET", "/api/camera_proxy/{entity_id}", Permission.PUBLIC, body="none")
@public
async def api_camera_proxy(req: ApiRequest) -> web.Response:
    """A still image from a camera: for a caller who may read it (bearer token) or, as in an
    `<img src>` of the state's `entity_picture`, with one of the camera's rotating tokens."""
    entity_id = _entity_id(req)
    entity = req.hub.entities.get(entity_id) if req.hub.entities is not None else None
    camera = entity if isinstance(entity, CameraEntity) else None
    user = req.request.get(REQUEST_USER)
    if user is not None:
        req.user, req.token = user, req.request[REQUEST_TOKEN]
        req.checker = req.request[REQUEST_CHECKER]
        if camera is None or not req.can("read", entity_id):
            return json_message("Entity not found.", HTTPStatus.NOT_FOUND)
    else:
        token = req.request.query.get("token", "")
        if camera is None or not token or not camera.token_valid(token):
            return json_message("Unauthorized", HTTPStatus.UNAUTHORIZED)
    async with asyncio.timeout(CAMERA_TIMEOUT):
        image = await camera.image()
    if image is None:
        return json_message("No image available.", HTTPStatus.SERVICE_UNAVAILABLE)
    return web.Response(
        body=image, content_type=camera.content_type, headers={"Cache-Control": "no-store"}
    )


@view("POST", "/api/config/core/check_config", Permission.ADMIN, body="none")
async def api_check_config(req: ApiRequest) -> web.Response:
    """Load configuration.yaml again (without applying it) and report errors."""
    from ..config.core import load_configuration

    loaded = await asyncio.to_thread(load_configuration, req.hub.config_dir)
    errors = [str(error) for error in loaded.errors]
    return json_response(
        {
            "result": "invalid" if errors else "valid",
            "errors": "\n".join(errors) if errors else None,
            "warnings": None,
        }
    )


def parse_datetime_param(value: str | None, what: str) -> Any:
    """An ISO timestamp from a URL; ValidationError with the parameter name."""
    from datetime import UTC, datetime

    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace(" ", "+").replace("Z", "+00:00"))
    except ValueError as err:
        raise ValidationError(f"Invalid {what}") from err
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
