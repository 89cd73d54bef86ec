"""History and logbook over REST, answered by the recorder part when it runs."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus
from typing import Any

from aiohttp import web

from ..errors import NotReady
from .permissions import Permission
from .rest import parse_datetime_param
from .views import ApiRequest, json_message, json_response, view

DEFAULT_PERIOD = timedelta(days=1)


def recorder_of(hub: Any) -> Any:
    """The running recorder part; NotReady with a clear message when there is none."""
    recorder = getattr(hub, "recorder", None)
    if recorder is None:
        raise NotReady("The recorder is not enabled (add `recorder:` to configuration.yaml)")
    return recorder


def _entity_filter(req: ApiRequest, raw: str | None) -> list[str] | None:
    if raw is None:
        entity_ids = None if req.is_admin else req.hub.states.entity_ids()
    else:
        entity_ids = [e.strip().lower() for e in raw.split(",") if e.strip()]
    if entity_ids is not None and not req.is_admin:
        entity_ids = [e for e in entity_ids if req.can("read", e)]
    return entity_ids


def _period(req: ApiRequest) -> tuple[Any, Any]:
    query = req.request.query
    start = parse_datetime_param(req.request.match_info.get("timestamp"), "start time")
    start = start or req.hub.clock.now() - DEFAULT_PERIOD
    end = parse_datetime_param(query.get("end_time"), "end_time") or start + DEFAULT_PERIOD
    return start, end


@view("GET", "/api/history/period", Permission.READ)
@view("GET", "/api/history/period/{timestamp}", Permission.READ)
async def api_history(req: ApiRequest) -> web.Response:
    """States per entity over a period, as a list of lists (the REST shape)."""
    try:
        recorder = recorder_of(req.hub)
    except NotReady as err:
        return json_message(str(err), HTTPStatus.NOT_FOUND)
    query = req.request.query
    entity_ids = _entity_filter(req, query.get("filter_entity_id"))
    if entity_ids is not None and not entity_ids:
        return json_response([])
    start, end = _period(req)
    minimal = "minimal_response" in query
    no_attributes = "no_attributes" in query
    result = await recorder.history_during_period(
        start,
        end,
        entity_ids,
        significant_changes_only="significant_changes_only" not in query
        or query.get("significant_changes_only") not in ("0", "false"),
        minimal_response=minimal,
        no_attributes=no_attributes,
    )
    return json_response([_expand(eid, rows) for eid, rows in result.items()])


def _expand(entity_id: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Compressed history rows to the REST state shape."""
    from datetime import UTC, datetime

    out: list[dict[str, Any]] = []
    for row in rows:
        updated = datetime.fromtimestamp(row["lu"], UTC).isoformat()
        changed = datetime.fromtimestamp(row.get("lc", row["lu"]), UTC).isoformat()
        item: dict[str, Any] = {"entity_id": entity_id, "state": row["s"]}
        if "a" in row:
            item["attributes"] = row["a"]
        item["last_changed"] = changed
        item["last_updated"] = updated
        out.append(item)
    return out


@view("GET", "/api/logbook", Permission.READ)
@view("GET", "/api/logbook/{timestamp}", Permission.READ)
async def api_logbook(req: ApiRequest) -> web.Response:
    """Readable entries over a period (admins see all; others only entities they may read)."""
    try:
        recorder = recorder_of(req.hub)
    except NotReady as err:
        return json_message(str(err), HTTPStatus.NOT_FOUND)
    entity_ids = _entity_filter(req, req.request.query.get("entity"))
    if entity_ids is not None and not entity_ids:
        return json_response([])
    start, end = _period(req)
    entries = await recorder.logbook_events(start, end, entity_ids)
    return json_response(entries)


@view("GET", "/api/history/export/{entity_id}", Permission.READ)
async def api_history_csv(req: ApiRequest) -> web.Response:
    """One entity's history as CSV (`?start_time=&end_time=`, default: the last day)."""
    try:
        recorder = recorder_of(req.hub)
    except NotReady as err:
        return json_message(str(err), HTTPStatus.NOT_FOUND)
    entity_id = req.request.match_info["entity_id"].lower()
    if not req.is_admin and not req.can("read", entity_id):
        return json_message("Entity not found", HTTPStatus.NOT_FOUND)
    query = req.request.query
    # The export covers [start, end); by default it ends just after now, so it includes the
    # states written this very second.
    end = parse_datetime_param(query.get("end_time"), "end_time") or (
        req.hub.clock.now() + timedelta(seconds=1)
    )
    start = parse_datetime_param(query.get("start_time"), "start_time") or end - DEFAULT_PERIOD
    text = await recorder.export_csv(entity_id, start, end)
    filename = entity_id.replace(".", "_") + ".csv"
    return web.Response(
        text=text,
        content_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
