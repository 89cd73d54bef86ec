"""POST /api/states/<entity_id>: which bodies are accepted, what they set, what is refused."""

from __future__ import annotations

from typing import Any

from .conftest import ApiEnv


async def test_accepted_bodies_set_state_and_attributes(api: ApiEnv) -> None:
    headers = await api.headers()
    url = api.url + "api/states/sensor.body"
    nested = {"unit": "C", "nested": {"a": [1]}}
    cases: list[tuple[dict[str, Any], str, dict[str, Any]]] = [
        ({"state": "on"}, "on", {}),
        ({"state": 3}, "3", {}),
        ({"state": 2.5, "attributes": nested}, "2.5", nested),
        ({"state": True, "force_update": True}, "True", {}),
        ({"attributes": {"x": 1}, "state": "", "force_update": False}, "", {"x": 1}),
    ]
    for body, state, attributes in cases:
        resp = await api.session.post(url, json=body, headers=headers)
        assert resp.status in (200, 201), body
        answer = await resp.json()
        assert answer["state"] == state and answer["attributes"] == attributes, body
        assert api.hub.states.get("sensor.body").attributes == attributes


async def test_refused_bodies_are_400_with_a_message(api: ApiEnv) -> None:
    headers = await api.headers()
    url = api.url + "api/states/sensor.body"
    for body in (
        {},
        {"state": None},
        {"state": [1]},
        {"state": {"a": 1}},
        {"state": "on", "attributes": [1, 2]},
        {"state": "on", "attributes": None},
        {"state": "on", "force_update": "yes"},
        {"state": "on", "force_update": 1},
        {"state": "on", "extra": 1},
        [{"state": "on"}],
        "on",
    ):
        resp = await api.session.post(url, json=body, headers=headers)
        assert resp.status == 400, body
        assert (await resp.json())["message"].startswith("Invalid request"), body
    assert api.hub.states.get("sensor.body") is None


async def test_forced_update_of_same_state_fires_again(api: ApiEnv) -> None:
    headers = await api.headers()
    url = api.url + "api/states/sensor.forced"
    seen: list[str] = []
    api.hub.bus.listen("state_changed", lambda event: seen.append(event.data["entity_id"]))
    for body in ({"state": "1"}, {"state": "1"}, {"state": "1", "force_update": True}):
        assert (await api.session.post(url, json=body, headers=headers)).status in (200, 201)
    assert seen == ["sensor.forced", "sensor.forced"]
