"""A third-party Home Assistant client library (hass-client from PyPI) against Bastion."""

from __future__ import annotations

import asyncio

import hass_client  # a test dependency (pyproject [test] extra), never optional

from .conftest import ApiEnv


async def test_hass_client_connect_states_subscribe_call(api: ApiEnv) -> None:
    hub = api.hub
    hub.states.set("light.porch", "off", {"friendly_name": "Porch"})

    def turn_on(call):  # type: ignore[no-untyped-def]
        for entity_id in call.entity_ids or ():
            hub.states.set(entity_id, "on", {"friendly_name": "Porch"}, context=call.context)

    hub.services.register("light", "turn_on", turn_on)
    token = await api.token()
    events: asyncio.Queue = asyncio.Queue()
    changes: asyncio.Queue = asyncio.Queue()
    async with hass_client.HomeAssistantClient(
        api.url + "api/websocket", token, api.session
    ) as client:
        assert client.connected and client.version
        states = await client.get_states()
        assert any(s["entity_id"] == "light.porch" for s in states)
        config = await client.get_config()
        assert config["location_name"] == "Home"
        await client.subscribe_events(events.put_nowait, "state_changed")
        await client.subscribe_entities(changes.put_nowait, ["light.porch"])
        initial = await asyncio.wait_for(changes.get(), 5)
        assert initial["a"]["light.porch"]["s"] == "off"
        result = await client.call_service("light", "turn_on", target={"entity_id": "light.porch"})
        assert "context" in result
        event = await asyncio.wait_for(events.get(), 5)
        assert event["event_type"] == "state_changed"
        assert event["data"]["new_state"]["state"] == "on"
        diff = await asyncio.wait_for(changes.get(), 5)
        assert diff["c"]["light.porch"]["+"]["s"] == "on"
        services = await client.get_services()
        assert "turn_on" in services["light"]
