"""sun.sun flipping at the computed sunset; zone.home, YAML zones and the membership helper."""

from __future__ import annotations

from datetime import datetime

from hub.sun import Location, next_event
from hub.zones import in_zone

CONFIG = """
homeassistant:
  name: Our house
  latitude: 52.37
  longitude: 4.89
  elevation: 0
  time_zone: Europe/Amsterdam
sun:
zone:
  - name: Office
    latitude: 52.36
    longitude: 4.90
    radius: 250
  - name: School
    latitude: 52.30
    longitude: 4.80
    passive: true
"""
HERE = Location(52.37, 4.89)


async def test_sun_flips_at_sunset(make_hub, clock) -> None:
    hub = await make_hub(CONFIG)
    state = hub.states.get("sun.sun")
    assert state.state == "above_horizon"
    sunset = next_event(HERE, "sunset", clock.now())
    assert state.attributes["next_setting"] == sunset.isoformat()
    assert state.attributes["elevation"] > 0
    assert state.attributes["rising"] is False
    for key in ("next_dawn", "next_dusk", "next_noon", "next_midnight", "next_rising"):
        assert datetime.fromisoformat(state.attributes[key]) > clock.now()
    await clock.set(sunset.replace(microsecond=0))
    assert hub.states.get("sun.sun").state == "above_horizon"
    await clock.advance(1)
    state = hub.states.get("sun.sun")
    assert state.state == "below_horizon"
    assert datetime.fromisoformat(state.attributes["next_setting"]) > sunset
    assert state.attributes["elevation"] < 1


async def test_zones_count_persons(make_hub) -> None:
    hub = await make_hub(CONFIG)
    home = hub.states.get("zone.home")
    assert home.state == "0"
    assert home.attributes["friendly_name"] == "Our house"
    assert (home.attributes["latitude"], home.attributes["radius"]) == (52.37, 100.0)
    office = hub.states.get("zone.office")
    assert (office.attributes["radius"], office.attributes["passive"]) == (250.0, False)
    assert hub.states.get("zone.school").attributes["passive"] is True
    hub.states.set("person.ann", "home", {"device_trackers": ["device_tracker.ann_phone"]})
    hub.states.set("device_tracker.ann_phone", "home")
    hub.states.set("device_tracker.bob_phone", "Office")
    assert hub.states.get("zone.home").state == "1"
    assert hub.states.get("zone.home").attributes["persons"] == ["person.ann"]
    assert hub.states.get("zone.office").state == "1"
    hub.states.set("person.ann", "not_home", {"device_trackers": ["device_tracker.ann_phone"]})
    assert hub.states.get("zone.home").state == "0"


async def test_in_zone_helper(make_hub) -> None:
    hub = await make_hub(CONFIG)
    home = hub.states.get("zone.home")
    assert in_zone(home, 52.37, 4.89)
    assert not in_zone(home, 52.372, 4.89)  # ~220 m away
    assert in_zone(home, 52.372, 4.89, accuracy=150)
    assert in_zone(home.attributes, 52.3705, 4.8905)


async def test_zone_home_defaults_without_zone_config(make_hub) -> None:
    hub = await make_hub("homeassistant:\n  latitude: 1\n  longitude: 2\n")
    home = hub.states.get("zone.home")
    assert (home.state, home.attributes["longitude"], home.attributes["icon"]) == (
        "0",
        2.0,
        "mdi:home",
    )
