"""Wire forms of websocket messages; event frames splice cached JSON bytes, never re-encode."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from ...context import Context
from ...events import Event, dumps
from ...states import State

ERR_ID_REUSE = "id_reuse"
ERR_INVALID_FORMAT = "invalid_format"
ERR_NOT_ALLOWED = "not_allowed"
ERR_NOT_FOUND = "not_found"
ERR_NOT_SUPPORTED = "not_supported"
ERR_HOME_ASSISTANT_ERROR = "home_assistant_error"
ERR_SERVICE_VALIDATION_ERROR = "service_validation_error"
ERR_UNKNOWN_COMMAND = "unknown_command"
ERR_UNKNOWN_ERROR = "unknown_error"
ERR_UNAUTHORIZED = "unauthorized"
ERR_TIMEOUT = "timeout"
ERR_TEMPLATE_ERROR = "template_error"

EVENT_CACHE_SIZE = 128  # recent events whose compressed diff is kept for the next client


def result_message(msg_id: int, result: Any = None) -> bytes:
    return dumps({"id": msg_id, "type": "result", "success": True, "result": result})


def result_raw(msg_id: int, result_json: bytes) -> bytes:
    """A success result whose payload is already JSON bytes."""
    return b'{"id":%d,"type":"result","success":true,"result":%b}' % (msg_id, result_json)


def error_message(
    msg_id: int | None, code: str, message: str, data: Mapping[str, Any] | None = None
) -> bytes:
    """An error result; `data` (machine-readable details, e.g. which sensors are open) rides
    in the error object beside code and message, where HA clients pass unknown keys through."""
    error: dict[str, Any] = {"code": code, "message": message}
    if data:
        error["data"] = data
    return dumps({"id": msg_id, "type": "result", "success": False, "error": error})


def event_raw(msg_id: int, event_json: bytes) -> bytes:
    """An event frame around JSON bytes computed once for all subscribers."""
    return b'{"id":%d,"type":"event","event":%b}' % (msg_id, event_json)


def event_message(msg_id: int, payload: Any) -> bytes:
    return event_raw(msg_id, dumps(payload))


def pong_message(msg_id: int) -> bytes:
    return b'{"id":%d,"type":"pong"}' % msg_id


# -- subscribe_entities compressed form -------------------------------------------------------


def _compressed_context(context: Context) -> str | dict[str, str | None]:
    if context.parent_id is None and context.user_id is None:
        return context.id
    return context.as_dict()


def compressed_state(state: State) -> dict[str, Any]:
    """`{"s","a","c","lc"[,"lu"]}` with float timestamps; lu only when it differs from lc."""
    data: dict[str, Any] = {
        "s": state.state,
        "a": state.attributes,
        "c": _compressed_context(state.context),
        "lc": state.last_changed.timestamp(),
    }
    if state.last_updated != state.last_changed:
        data["lu"] = state.last_updated.timestamp()
    return data


def compressed_state_json(state: State) -> bytes:
    """The compressed form as JSON bytes, cached on the (immutable) state."""
    return state.cached("ws_compressed", lambda: dumps(compressed_state(state)))  # type: ignore[no-any-return]


def entities_add_json(states: list[State]) -> bytes:
    """`{"a": {entity_id: compressed, ...}}` assembled from per-state cached bytes."""
    parts = [dumps(s.entity_id) + b":" + compressed_state_json(s) for s in states]
    return b'{"a":{' + b",".join(parts) + b"}}"


def compressed_diff(old: State, new: State) -> dict[str, Any]:
    """The `{"+": ..., "-": ...}` change between two states of one entity."""
    additions: dict[str, Any] = {}
    if old.state != new.state:
        additions["s"] = new.state
    if old.last_changed != new.last_changed:
        additions["lc"] = new.last_changed.timestamp()
    elif old.last_updated != new.last_updated:
        additions["lu"] = new.last_updated.timestamp()
    if old.context.id != new.context.id:
        additions["c"] = _compressed_context(new.context)
    old_attrs, new_attrs = old.attributes, new.attributes
    changed_attrs = {
        key: value
        for key, value in new_attrs.items()
        if key not in old_attrs or old_attrs[key] != value
    }
    if changed_attrs:
        additions["a"] = changed_attrs
    diff: dict[str, Any] = {"+": additions}
    removed = [key for key in old_attrs if key not in new_attrs]
    if removed:
        diff["-"] = {"a": removed}
    return diff


class StateChangeCache:
    """Compressed `subscribe_entities` payload per state_changed event, shared by clients."""

    def __init__(self, size: int = EVENT_CACHE_SIZE) -> None:
        self._size = size
        self._items: OrderedDict[int, tuple[Event, bytes]] = OrderedDict()

    def payload(self, event: Event) -> bytes:
        key = id(event)
        hit = self._items.get(key)
        if hit is not None and hit[0] is event:
            return hit[1]
        payload = _state_change_payload(event)
        self._items[key] = (event, payload)  # holding the event keeps its id() unique
        if len(self._items) > self._size:
            self._items.popitem(last=False)
        return payload


def _state_change_payload(event: Event) -> bytes:
    entity_id = event.data["entity_id"]
    old, new = event.data.get("old_state"), event.data.get("new_state")
    if new is None:
        return dumps({"r": [entity_id]})
    if old is None:
        return entities_add_json([new])
    return dumps({"c": {entity_id: compressed_diff(old, new)}})
