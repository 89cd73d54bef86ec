"""REST views `/api/config/<automation|script>/config/{id}`: read, save and delete one item.

Home Assistant's shapes: GET returns the stored config (404 `Resource not found`), POST
validates, writes automations.yaml / scripts.yaml atomically, reloads and answers
`{"result": "ok"}` (400 with the validation message otherwise), DELETE answers the same.
Admin only.
"""

from __future__ import annotations

import re
from http import HTTPStatus

from aiohttp import web

from hub.api import Permission
from hub.api.views import ApiRequest, json_message, json_response
from hub.errors import ValidationError
from hub.integration import IntegrationContext

from . import api

_SCRIPT_ID = re.compile(r"^[a-z0-9_]+$")


def register(ctx: IntegrationContext, domain: str) -> None:
    """Add the three views for `domain` ("automation" or "script"), removed on unload."""
    path = f"/api/config/{domain}/config/{{item_id}}"

    async def get(req: ApiRequest) -> web.StreamResponse:
        item_id = _item_id(req, domain)
        config = api.get_config(req.hub, domain, item_id)
        if config is None:
            return json_message("Resource not found", HTTPStatus.NOT_FOUND)
        return json_response(config)

    async def post(req: ApiRequest) -> web.StreamResponse:
        item_id = _item_id(req, domain)
        if not isinstance(req.data, dict):
            return json_message("Message malformed: expected a dictionary", HTTPStatus.BAD_REQUEST)
        config = dict(req.data)
        if domain == "script":
            config.pop("id", None)  # the key is the script's id; the editor sends it anyway
        try:
            await api.save_config(req.hub, domain, item_id, config)
        except ValidationError as err:
            return json_message(f"Message malformed: {err}", HTTPStatus.BAD_REQUEST)
        return json_response({"result": "ok"})

    async def delete(req: ApiRequest) -> web.StreamResponse:
        item_id = _item_id(req, domain)
        if not await api.delete_config(req.hub, domain, item_id):
            return json_message("Resource not found", HTTPStatus.NOT_FOUND)
        return json_response({"result": "ok"})

    ctx.register_view("GET", path, get, Permission.ADMIN)
    ctx.register_view("POST", path, post, Permission.ADMIN)
    ctx.register_view("DELETE", path, delete, Permission.ADMIN)


def _item_id(req: ApiRequest, domain: str) -> str:
    item_id = req.request.match_info["item_id"]
    if domain == "script" and not _SCRIPT_ID.fullmatch(item_id):
        raise ValidationError(f"Invalid script id {item_id!r}: use lowercase letters, digits, _")
    return item_id
