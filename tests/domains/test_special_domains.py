"""alarm_control_panel, camera, event and update."""

from __future__ import annotations

import pytest

from hub.domains.alarm_control_panel import (
    AlarmControlPanelEntity,
    AlarmControlPanelEntityFeature,
    AlarmControlPanelState,
    CodeFormat,
)
from hub.domains.camera import CameraEntity
from hub.domains.event import EventEntity
from hub.domains.update import UpdateEntity, UpdateEntityFeature
from hub.errors import HubError, ValidationError

from .conftest import Core


class Panel(AlarmControlPanelEntity):
    code_format = CodeFormat.NUMBER
    _features = AlarmControlPanelEntityFeature.ARM_AWAY | AlarmControlPanelEntityFeature.TRIGGER
    _alarm_state = AlarmControlPanelState.DISARMED

    async def arm(self, mode: AlarmControlPanelState, *, code: str | None = None) -> None:
        self._alarm_state = mode
        self._changed_by = "keypad"

    async def disarm(self, *, code: str | None = None) -> None:
        if code != "1234":
            raise HubError("Wrong code")
        self._alarm_state = AlarmControlPanelState.DISARMED

    async def trigger(self, *, code: str | None = None) -> None:
        self._alarm_state = AlarmControlPanelState.TRIGGERED


async def test_alarm_panel(core: Core) -> None:
    eid = await core.add(Panel("Office alarm"))
    attrs = core.states.get(eid).attributes
    assert attrs["code_format"] == "number" and attrs["code_arm_required"] is True
    with pytest.raises(ValidationError, match="needs a code"):
        await core.call("alarm_control_panel", "alarm_arm_away", entity_id=eid)
    with pytest.raises(ValidationError, match="does not match"):
        await core.call("alarm_control_panel", "alarm_arm_away", entity_id=eid, code="abc")
    await core.call("alarm_control_panel", "alarm_arm_away", entity_id=eid, code="1234")
    state = core.states.get(eid)
    assert (state.state, state.attributes["changed_by"]) == ("armed_away", "keypad")
    with pytest.raises(ValidationError, match="alarm_arm_home"):
        await core.call("alarm_control_panel", "alarm_arm_home", entity_id=eid, code="1234")
    await core.call("alarm_control_panel", "alarm_trigger", entity_id=eid)
    assert core.states.get(eid).state == "triggered"
    with pytest.raises(HubError, match="Wrong code"):
        await core.call("alarm_control_panel", "alarm_disarm", entity_id=eid, code="9999")
    await core.call("alarm_control_panel", "alarm_disarm", entity_id=eid, code="1234")
    assert core.states.get(eid).state == "disarmed"


class Cam(CameraEntity):
    content_type = "image/png"

    async def image(self, width: int | None = None, height: int | None = None) -> bytes | None:
        return b"\x89PNG"


async def test_camera_tokens_and_image(core: Core) -> None:
    cam = Cam("Lobby")
    eid = await core.add(cam)
    state = core.states.get(eid)
    token = state.attributes["access_token"]
    assert state.state == "idle"
    assert state.attributes["entity_picture"] == f"/api/camera_proxy/{eid}?token={token}"
    assert cam.token_valid(token)
    new = cam.rotate_token()
    assert cam.token_valid(token) and cam.token_valid(new)
    cam.rotate_token()
    assert not cam.token_valid(token)
    assert await cam.image() == b"\x89PNG"
    await core.call("camera", "enable_motion_detection", entity_id=eid)
    assert core.states.get(eid).attributes["motion_detection"] is True


class Reader(EventEntity):
    event_types = ["scanned", "rejected"]


async def test_event_entity(core: Core) -> None:
    reader = Reader("RFID")
    eid = await core.add(reader)
    state = core.states.get(eid)
    assert state.state == "unknown"
    assert state.attributes["event_types"] == ["scanned", "rejected"]
    await core.clock.advance(5)
    reader.trigger_event("scanned", {"tag_id": "A1"})
    state = core.states.get(eid)
    assert state.state == "2026-01-05T12:00:05+00:00"
    assert state.attributes["event_type"] == "scanned"
    assert state.attributes["tag_id"] == "A1"
    with pytest.raises(ValidationError, match="not an event type"):
        reader.trigger_event("exploded")
    with pytest.raises(ValidationError, match="event_type"):
        reader.trigger_event("scanned", {"event_type": "x"})


class Firmware(UpdateEntity):
    installed_version, latest_version = "1.0.0", "1.1.0"
    _features = UpdateEntityFeature.INSTALL

    async def install(self, version: str | None, backup: bool) -> None:
        self.installed_version = self.latest_version


async def test_update_entity(core: Core) -> None:
    eid = await core.add(Firmware("Panel firmware"))
    state = core.states.get(eid)
    assert state.state == "on"
    assert state.attributes["latest_version"] == "1.1.0"
    await core.call("update", "skip", entity_id=eid)
    assert core.states.get(eid).state == "off"
    await core.call("update", "clear_skipped", entity_id=eid)
    assert core.states.get(eid).state == "on"
    with pytest.raises(ValidationError, match="install with version"):
        await core.call("update", "install", entity_id=eid, version="1.1.0")
    await core.call("update", "install", entity_id=eid)
    state = core.states.get(eid)
    assert (state.state, state.attributes["installed_version"]) == ("off", "1.1.0")
    with pytest.raises(ValidationError, match="No update available"):
        await core.call("update", "install", entity_id=eid)
