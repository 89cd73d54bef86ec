"""Compiled trigger/condition/step schemas are shared between items: results stay independent."""

from __future__ import annotations

import pytest
import voluptuous as vol

from automations import schemas

ITEM = {
    "id": "a",
    "triggers": [{"platform": "state", "entity_id": "sensor.x"}],
    "conditions": [{"condition": "template", "value_template": "{{ true }}"}],
    "actions": [{"event": "done", "event_data": {"seq": "{{ trigger.to_state.state }}"}}],
}


def test_each_item_gets_its_own_validated_copy() -> None:
    first = schemas.automation(dict(ITEM))
    second = schemas.automation({**ITEM, "id": "b"})
    assert first["triggers"] == second["triggers"]
    assert first["triggers"][0] is not second["triggers"][0]
    first["actions"][0]["event_data"]["seq"] = "changed"
    assert second["actions"][0]["event_data"]["seq"] == "{{ trigger.to_state.state }}"


def test_an_invalid_item_between_valid_ones_is_still_rejected() -> None:
    schemas.automation(dict(ITEM))
    with pytest.raises(vol.Invalid):
        schemas.automation({**ITEM, "conditions": [{"condition": "state"}]})
    with pytest.raises(vol.Invalid):
        schemas.automation({**ITEM, "triggers": [{"platform": "state"}]})
    assert schemas.automation(dict(ITEM))["id"] == "a"
