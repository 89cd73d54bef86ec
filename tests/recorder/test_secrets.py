"""Secret-bearing keys in event data are never written to the recorder database."""

from __future__ import annotations

from tests.conftest import HubFactory


async def test_event_codes_are_not_stored(make_hub: HubFactory) -> None:
    hub = await make_hub("homeassistant:\n  name: x\nrecorder:\n")
    hub.bus.fire("alarm_keypad", {"keypad": "front", "action": "disarm", "code": "zq-2468-wx"})
    recorder = hub.parts["recorder"].recorder
    await recorder.flush()
    raw = (hub.config_dir / "bastion.db").read_bytes()
    wal = hub.config_dir / "bastion.db-wal"
    raw += wal.read_bytes() if wal.exists() else b""
    assert b"alarm_keypad" in raw or b"front" in raw
    assert b"zq-2468-wx" not in raw
