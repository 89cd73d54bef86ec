"""Keypads and RFID badges on the demo office: tags with rights, wrong tags locking the reader
out, `alarm_keypad` events, the `alarm.keypad` service and the demo keypad's event entity."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from hub.errors import AuthFailed
from hub.events import Event
from hub.runtime import Hub

PANEL = "alarm_control_panel.office"
CONFIG = """
demo:
  simulate: false
alarm:
  code_arm_required: {arm_required}
  lockout: {{attempts: 3, window: 300, duration: 600}}
  areas:
    office:
      sensors:
        - {{entity_id: binary_sensor.front_door, role: door}}
  keypads:
    reception:
      area: office
      entity_id: event.alarm_keypad
      events: {{code_accepted: arm_away, code_rejected: disarm}}
  readers:
    - {{entity_id: event.front_entrance_reader, area: office}}
    - {{entity_id: event.server_room_reader, action: disarm}}
  tags:
    - {{tag_id: "04:A1:B2:C3", name: Alice, rights: [arm, disarm]}}
    - {{tag_id: "CLEANER01", name: Cleaner, expires: "2026-01-01 00:00:00"}}
    - {{tag_id: "VISITOR", name: Visitor, rights: [arm]}}
  codes:
    - {{name: Owner, code: "2468", rights: [arm, disarm, panic]}}
"""


async def settle(hub: Hub) -> None:
    """Wait (bounded) for the alarm's input tasks, which check codes in worker threads."""
    for _ in range(20):
        pending = [t for t in hub.tasks.owned("alarm") if not t.done()]
        if not pending:
            return
        await asyncio.wait(pending, timeout=10)


class Recorder:
    def __init__(self, hub: Hub) -> None:
        self.audit: list[dict[str, Any]] = []
        self.results: list[dict[str, Any]] = []
        hub.bus.listen("bastion_audit", lambda e: self.audit.append(dict(e.data)))
        hub.bus.listen("alarm_input_result", lambda e: self.results.append(dict(e.data)))

    def actions(self) -> list[str]:
        return [a["action"] for a in self.audit]


async def start(make_hub: Any, *, arm_required: bool = True) -> tuple[Hub, Recorder]:
    hub = await make_hub(CONFIG.format(arm_required=str(arm_required).lower()))
    return hub, Recorder(hub)


async def scan(hub: Hub, tag_id: str, reader: str = "front") -> None:
    await hub.services.call("demo", "scan_tag", {"tag_id": tag_id, "reader": reader})
    await settle(hub)


def panel(hub: Hub) -> Any:
    state = hub.states.get(PANEL)
    assert state is not None
    return state


async def test_badge_toggles_the_area_and_is_audited(make_hub) -> None:
    hub, rec = await start(make_hub)
    await scan(hub, "04a1b2c3")  # same tag, other spelling
    assert (panel(hub).state, panel(hub).attributes["changed_by"]) == ("armed_away", "Alice")
    await scan(hub, "04:A1:B2:C3")
    assert panel(hub).state == "disarmed"
    assert rec.actions() == ["alarm.arm", "alarm.disarm"]
    assert [a["details"]["by"] for a in rec.audit] == ["Alice", "Alice"]
    assert [(r["action"], r["success"]) for r in rec.results] == [
        ("arm_away", True),
        ("disarm", True),
    ]
    assert all("04" not in str(r) for r in rec.results)  # results never echo the tag


async def test_tag_rights_expiry_and_reader_action(make_hub) -> None:
    hub, rec = await start(make_hub)
    await scan(hub, "CLEANER01")
    await scan(hub, "VISITOR")  # may arm ...
    assert panel(hub).state == "armed_away"
    await scan(hub, "VISITOR", reader="server_room")  # ... but not disarm
    assert panel(hub).state == "armed_away"
    refused = [a for a in rec.audit if a["action"] == "alarm.code_refused"]
    assert [(a["details"]["user"], a["details"]["method"]) for a in refused] == [
        ("Cleaner", "tag"),
        ("Visitor", "tag"),
    ]
    assert "expired" in refused[0]["details"]["reason"]
    assert "may not disarm" in refused[1]["details"]["reason"]
    await scan(hub, "04A1B2C3", reader="server_room")  # this reader only disarms
    assert panel(hub).state == "disarmed"


async def test_wrong_tags_lock_the_reader_out(make_hub, clock) -> None:
    hub, rec = await start(make_hub)
    for _ in range(3):
        await scan(hub, "DEADBEEF")
    assert rec.actions() == ["alarm.code_wrong"] * 3 + ["alarm.lockout"]
    assert rec.audit[0]["details"]["method"] == "tag"
    assert rec.audit[0]["target"] == "event.front_entrance_reader"
    await scan(hub, "04A1B2C3")  # the right badge, but the reader is locked
    assert panel(hub).state == "disarmed"
    assert rec.actions()[-1] == "alarm.code_locked_out"
    assert [r["success"] for r in rec.results] == [False] * 4
    await scan(hub, "04A1B2C3", reader="server_room")  # another reader is not locked
    assert rec.actions()[-1] == "alarm.disarm"
    await clock.advance(601)
    await scan(hub, "04A1B2C3")
    assert panel(hub).state == "armed_away"


async def test_keypad_event_and_service(make_hub) -> None:
    hub, rec = await start(make_hub)
    hub.bus.fire("alarm_keypad", {"keypad": "reception", "action": "arm_home", "code": "2468"})
    await settle(hub)
    assert (panel(hub).state, panel(hub).attributes["changed_by"]) == ("armed_home", "Owner")
    hub.bus.fire("alarm_keypad", {"keypad": "reception", "action": "disarm", "code": "0000"})
    await settle(hub)
    assert panel(hub).state == "armed_home"
    assert rec.actions()[-1] == "alarm.code_wrong"
    assert rec.audit[-1]["target"] == "reception"
    assert rec.results[-1] == {
        "source": "reception",
        "action": "disarm",
        "areas": ["office"],
        "success": False,
        "error": "Wrong code",
    }
    calls: list[Event] = []
    hub.bus.listen("call_service", calls.append)
    await hub.services.call(
        "alarm", "keypad", {"keypad": "reception", "action": "disarm", "code": "2468"}
    )
    assert panel(hub).state == "disarmed"
    assert calls[0].data["service_data"]["code"] != "2468"  # redacted on the bus
    with pytest.raises(AuthFailed):
        await hub.services.call(
            "alarm", "keypad", {"keypad": "reception", "action": "arm_away", "code": "1111"}
        )
    await hub.services.call("alarm", "keypad", {"action": "panic", "area": "office"})
    await settle(hub)
    assert panel(hub).state == "triggered"
    assert "alarm.panic" in rec.actions()


async def test_demo_keypad_event_entity(make_hub) -> None:
    hub, rec = await start(make_hub, arm_required=False)
    keypad = hub.entities.get("event.alarm_keypad")
    keypad.trigger_event("key_pressed", {"key": "5"})  # not mapped: ignored
    await settle(hub)
    assert panel(hub).state == "disarmed"
    keypad.trigger_event("code_accepted")  # one-touch arm (no code needed by this config)
    await settle(hub)
    assert panel(hub).state == "armed_away"
    keypad.trigger_event("code_rejected")  # a disarm without a code: refused and counted
    await settle(hub)
    assert panel(hub).state == "armed_away"
    assert rec.actions()[-1] == "alarm.code_wrong"
    assert rec.audit[-1]["target"] == "reception"
