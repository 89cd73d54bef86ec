"""Fake devices (real Entity subclasses) and a hub with a recording audit sink."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hub.clock import FakeClock
from hub.context import Context
from hub.domains.climate import ClimateEntity, ClimateEntityFeature, HVACMode
from hub.domains.light import LightEntity
from hub.domains.lock import LockEntity, LockState
from hub.domains.siren import SirenEntity
from hub.domains.valve import ValveEntity, ValveEntityFeature
from hub.integration import IntegrationContext
from hub.runtime import Hub

CODE = "1234"
MANAGER_CODE = "5678"
DURESS = "9999"
CODES_YAML = f"""
  codes:
    - name: Alice
      code: "{CODE}"
      duress_code: "{DURESS}"
      rights: [arm, disarm, force, acknowledge, playbooks]
    - name: Bob
      code: "{MANAGER_CODE}"
      rights: [arm, disarm]
"""


@dataclass
class Record:
    action: str
    user_id: str | None
    context: Context | None
    target: str | None
    outcome: str
    details: Mapping[str, Any]


@dataclass
class RecordingSink:
    records: list[Record] = field(default_factory=list)

    def record(self, action: str, **kwargs: Any) -> None:
        self.records.append(Record(action, **kwargs))

    def actions(self) -> list[str]:
        return [r.action for r in self.records]

    def find(self, action: str) -> list[Record]:
        return [r for r in self.records if r.action == action]


class AuditPart:
    """Stands in for the audit log part (`hub.parts["audit"].sink`)."""

    def __init__(self) -> None:
        self.sink = RecordingSink()
        self.log = self.sink  # where the API records access.denied

    async def start(self, hub: Hub) -> None:
        return None

    async def stop(self) -> None:
        return None


class FakeLock(LockEntity):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._lock_state = LockState.LOCKED

    async def lock(self, *, code: str | None = None) -> None:
        self._lock_state = LockState.LOCKED

    async def unlock(self, *, code: str | None = None) -> None:
        self._lock_state = LockState.UNLOCKED


class FakeLight(LightEntity):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._is_on = False

    async def turn_on(self, **kwargs: Any) -> None:
        self._is_on = True

    async def turn_off(self, **kwargs: Any) -> None:
        self._is_on = False


class FakeSiren(SirenEntity):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._is_on = False
        self.turned_on = 0

    async def turn_on(self, **kwargs: Any) -> None:
        self._is_on = True
        self.turned_on += 1

    async def turn_off(self, **kwargs: Any) -> None:
        self._is_on = False


class FakeClimate(ClimateEntity):
    hvac_modes = [HVACMode.OFF, HVACMode.HEAT]

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._hvac_mode = HVACMode.HEAT
        self._features = ClimateEntityFeature.TURN_ON | ClimateEntityFeature.TURN_OFF

    async def set_hvac_mode(self, hvac_mode: HVACMode) -> None:
        self._hvac_mode = hvac_mode


class FakeValve(ValveEntity):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._closed = False
        self._features = ValveEntityFeature.OPEN | ValveEntityFeature.CLOSE

    async def close_valve(self) -> None:
        self._closed = True

    async def open_valve(self) -> None:
        self._closed = False


@dataclass
class Site:
    hub: Hub
    clock: FakeClock
    audit: RecordingSink
    devices: dict[str, Any]

    def state(self, entity_id: str) -> str:
        current = self.hub.states.get(entity_id)
        assert current is not None, entity_id
        return current.state

    def sensor(self, entity_id: str, value: str) -> None:
        self.hub.states.set(entity_id, value, {"friendly_name": entity_id.split(".")[1].title()})

    async def call(self, domain: str, service: str, data: Mapping[str, Any], **kw: Any) -> Any:
        result = await self.hub.services.call(domain, service, data, **kw)
        await self.clock.advance(0)
        return result


async def start_site(
    config_dir: Path, clock: FakeClock, yaml_text: str, sensors: Mapping[str, str]
) -> Site:
    """Sensors get their states first (as a device integration would), then the hub starts."""
    (config_dir / "configuration.yaml").write_text(textwrap.dedent(yaml_text), encoding="utf-8")
    hub = Hub(config_dir, clock=clock)
    part = AuditPart()
    hub.parts["audit"] = part
    for entity_id, value in sensors.items():
        hub.states.set(entity_id, value, {"friendly_name": entity_id.split(".")[1].title()})
    await hub.start()
    devices_ctx = IntegrationContext(hub, "test_devices")
    entities = [
        FakeLock("Front door lock"),
        FakeLock("Back door lock"),
        FakeLight("Exit light"),
        FakeLight("Office light"),
        FakeSiren("Office siren"),
        FakeClimate("Office HVAC"),
        FakeValve("Gas valve"),
    ]
    ids = await devices_ctx.add_entities(entities)
    return Site(hub, clock, part.sink, dict(zip(ids, entities, strict=True)))
