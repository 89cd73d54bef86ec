"""zone: `zone.home` from the core location plus YAML zones; state = persons inside.

Distance and membership math lives in `hub.zones`, shared with the automation engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.entity import Entity
from hub.events import EVENT_CORE_CONFIG_UPDATE, EVENT_STATE_CHANGED, Event
from hub.integration import IntegrationContext
from hub.registry import slugify
from hub.services import ServiceCall
from hub.states import State
from hub.zones import DEFAULT_RADIUS
from integrations.homeassistant.yaml_entities import reread_domain_config

DOMAIN = "zone"
HOME_ZONE = "zone.home"
STATE_HOME = "home"
NOT_IN_ZONE = frozenset({"not_home", "unknown", "unavailable"})

ENTRY_SCHEMA = vol.Schema(
    {
        vol.Required("name"): cv.string,
        vol.Required("latitude"): cv.latitude,
        vol.Required("longitude"): cv.longitude,
        vol.Optional("radius", default=DEFAULT_RADIUS): vol.All(
            vol.Coerce(float), vol.Range(min=0)
        ),
        vol.Optional("passive", default=False): cv.boolean,
        vol.Optional("icon"): cv.icon,
        vol.Optional("unique_id"): cv.string,
    }
)
CONFIG_SCHEMA = vol.Schema(vol.All(cv.ensure_list, [ENTRY_SCHEMA]))


class Zone(Entity):
    """A circle on the map; its state counts the persons (or untracked trackers) in it."""

    domain = DOMAIN

    def __init__(self, ctx: IntegrationContext, object_id: str, conf: Mapping[str, Any]) -> None:
        super().__init__(conf["name"], icon=conf.get("icon"))
        self.suggested_object_id = object_id
        self._ctx = ctx
        self.conf = conf
        self.is_home = object_id == "home"
        self.persons: tuple[str, ...] = ()

    def configure(self, conf: Mapping[str, Any]) -> None:
        self.conf = conf
        self._name = conf["name"]
        self._icon = conf.get("icon")

    @property
    def state(self) -> int:
        return len(self.persons)

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        return {
            "latitude": self.conf["latitude"],
            "longitude": self.conf["longitude"],
            "radius": self.conf["radius"],
            "passive": self.conf["passive"],
            "persons": list(self.persons),
            "editable": self.is_home,
        }

    def contains(self, state: State) -> bool:
        """True when a person/tracker state names this zone (or "home" for zone.home)."""
        if state.state in NOT_IN_ZONE:
            return False
        if self.is_home and state.state == STATE_HOME:
            return True
        return state.state.casefold() == str(self.conf["name"]).casefold()

    def recount(self, present: list[State]) -> None:
        persons = tuple(sorted(s.entity_id for s in present if self.contains(s)))
        if persons != self.persons:
            self.persons = persons
            self.write_state()


def home_conf(ctx: IntegrationContext) -> dict[str, Any]:
    core = ctx.core
    return {
        "name": getattr(core, "name", "Home") or "Home",
        "latitude": float(getattr(core, "latitude", 0.0)),
        "longitude": float(getattr(core, "longitude", 0.0)),
        "radius": float(getattr(core, "radius", None) or DEFAULT_RADIUS),
        "passive": False,
        "icon": "mdi:home",
    }


class Zones:
    """The zone entities of one hub and the person/tracker counting that feeds them."""

    def __init__(self, ctx: IntegrationContext) -> None:
        self._ctx = ctx
        self.zones: dict[str, Zone] = {}
        self._unlisten: Callable[[], None] | None = None

    def _present(self) -> list[State]:
        persons = self._ctx.states.all("person")
        tracked = {
            tracker
            for person in persons
            for tracker in person.attributes.get("device_trackers") or ()
        }
        trackers = [s for s in self._ctx.states.all("device_tracker") if s.entity_id not in tracked]
        return [*persons, *trackers]

    def recount(self, event: Event | None = None) -> None:
        present = self._present()
        for zone in self.zones.values():
            zone.recount(present)

    async def apply(self, entries: list[Mapping[str, Any]]) -> None:
        wanted: dict[str, Mapping[str, Any]] = {"home": home_conf(self._ctx)}
        for entry in entries:
            object_id = slugify(entry["name"]) or "zone"
            if object_id == "home":
                continue  # zone.home always follows the core location
            wanted[object_id] = entry
        for object_id in [o for o in self.zones if o not in wanted]:
            zone = self.zones.pop(object_id)
            await self._ctx.remove_entity(zone.entity_id)
        new = []
        for object_id, conf in wanted.items():
            if (zone := self.zones.get(object_id)) is not None:
                zone.configure(conf)
                zone.write_state()
                continue
            self.zones[object_id] = zone = Zone(self._ctx, object_id, conf)
            new.append(zone)
        if new:
            await self._ctx.add_entities(new)
        self.recount()

    async def reload(self, call: ServiceCall | None = None) -> None:
        await self.apply(await reread_domain_config(self._ctx, CONFIG_SCHEMA) or [])

    def core_updated(self, event: Event) -> None:
        if (home := self.zones.get("home")) is not None:
            home.configure(home_conf(self._ctx))
            home.write_state()


def _is_presence(event: Event) -> bool:
    return str(event.data.get("entity_id", "")).startswith(("person.", "device_tracker."))


async def setup(ctx: IntegrationContext, config: list[dict[str, Any]] | None) -> bool:
    """Publish zone.home and the YAML zones, count who is in them, register zone.reload."""
    zones = Zones(ctx)
    await zones.apply(config or [])
    ctx.listen(EVENT_STATE_CHANGED, zones.recount, event_filter=_is_presence)
    ctx.listen(EVENT_CORE_CONFIG_UPDATE, zones.core_updated)
    ctx.register_service("reload", zones.reload, {})
    return True
