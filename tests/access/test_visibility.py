"""Areas, floors, labels, devices and entities: each caller sees only what its rights reach,
the same over the websocket lists, registry update events, and templates (websocket and REST)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from hub.auth import Grant, Policy, Role, UserRole

from .conftest import LOBBY_LIGHT, OFFICE_DOOR, OFFICE_LAMP, PASSWORD, SERVER_LOCK, Site, command

RACK_POWER = "sensor.rack_power"  # on the rack device: in the server room through it
KIOSK_STATUS = "sensor.kiosk_status"  # on the kiosk device: in the lobby through it
EVERY_ENTITY = {OFFICE_LAMP, OFFICE_DOOR, SERVER_LOCK, LOBBY_LIGHT, RACK_POWER, KIOSK_STATUS}


@dataclass(frozen=True)
class Sees:
    entities: set[str]
    devices: set[str]  # device names
    areas: set[str]
    floors: set[str]
    labels: set[str]


EVERYTHING = Sees(
    EVERY_ENTITY,
    {"Rack", "Kiosk", "Spare screen"},
    {"office", "server_room", "lobby", "reception"},
    {"ground_floor", "first_floor", "basement"},
    {"lights", "secure", "public", "quiet"},
)
NOTHING = Sees(set(), set(), set(), set(), set())

EXPECTED = {
    "owner": EVERYTHING,
    "admin": EVERYTHING,
    "read_only": EVERYTHING,  # an owner's read-only token still reads everything
    # Control of the office area: its two entities, the area, its floor, the lamp's label.
    "office": Sees({OFFICE_LAMP, OFFICE_DOOR}, set(), {"office"}, {"first_floor"}, {"lights"}),
    # Reception granted by name (empty but for the spare screen, which the grant covers)
    # plus one lobby entity: the lobby shows through it; the kiosk does not.
    "visitor": Sees(
        {LOBBY_LIGHT},
        {"Spare screen"},
        {"lobby", "reception"},
        {"ground_floor"},
        {"lights", "quiet"},
    ),
    # An owner's token scoped to the lobby: everything in the lobby, the kiosk included.
    "lobby_token": Sees(
        {LOBBY_LIGHT, KIOSK_STATUS}, {"Kiosk"}, {"lobby"}, {"ground_floor"}, {"lights", "public"}
    ),
    "cleaner": NOTHING,  # outside its evening window
    "guest": NOTHING,  # expired
}


async def _furnish(site: Site) -> None:
    """Floors, devices, more labels and a visitor on top of the shared small business."""
    hub, auth = site.api.hub, site.api.auth
    regs = hub.registries
    regs.floors.create("Ground floor")
    regs.floors.create("First floor")
    regs.floors.create("Basement")
    regs.areas.create("Reception")
    for area, floor in (
        ("office", "first_floor"),
        ("server_room", "first_floor"),
        ("lobby", "ground_floor"),
        ("reception", "ground_floor"),
    ):
        regs.areas.update(area, floor_id=floor)
    for name in ("Secure", "Public", "Quiet"):
        regs.labels.create(name)
    regs.areas.update("reception", labels=("quiet",))
    regs.entities.update(SERVER_LOCK, labels=("secure",))
    rack = regs.devices.get_or_create(
        "demo", identifiers=[("demo", "rack")], name="Rack", area_id="server_room"
    )
    kiosk = regs.devices.get_or_create(
        "demo", identifiers=[("demo", "kiosk")], name="Kiosk", area_id="lobby", labels=("public",)
    )
    regs.devices.get_or_create(
        "demo", identifiers=[("demo", "spare")], name="Spare screen", area_id="reception"
    )
    for entity_id, device in ((RACK_POWER, rack), (KIOSK_STATUS, kiosk)):
        domain, object_id = entity_id.split(".")
        entry = regs.entities.get_or_create(
            domain, "demo", object_id, suggested_object_id=object_id, device_id=device.id
        )
        assert entry.entity_id == entity_id
        hub.states.set(entity_id, "ok")
    await auth.set_role(
        Role(
            "visitor",
            "Visitor",
            (
                Policy(
                    "visit",
                    (
                        Grant(frozenset({"read"}), areas=frozenset({"reception"})),
                        Grant(frozenset({"read"}), entity_ids=frozenset({LOBBY_LIGHT})),
                    ),
                ),
            ),
        )
    )
    user = await auth.add_user("visitor", "Visitor", PASSWORD, role_ids=("visitor",))
    site.user_ids["visitor"] = user.id
    site.tokens["visitor"] = await auth.create_long_lived_token(user, "visitor token", 30)


@pytest.fixture
async def furnished(site: Site) -> Site:
    await _furnish(site)
    return site


async def _ws_sees(site: Site, caller: str) -> Sees:
    ws = await site.ws(caller)
    lists = {}
    for n, kind in enumerate(("entity", "device", "area", "floor", "label"), start=1):
        reply = await command(ws, {"id": n, "type": f"config/{kind}_registry/list"})
        assert reply["success"], (caller, kind, reply)
        lists[kind] = reply["result"]
    return Sees(
        {e["entity_id"] for e in lists["entity"]},
        {d["name"] for d in lists["device"]},
        {a["area_id"] for a in lists["area"]},
        {f["floor_id"] for f in lists["floor"]},
        {label["label_id"] for label in lists["label"]},
    )


async def test_registry_lists_show_only_what_rights_reach(furnished: Site) -> None:
    for caller, expected in EXPECTED.items():
        assert await _ws_sees(furnished, caller) == expected, caller


def _split(text: str) -> set[str]:
    return set(filter(None, text.split(",")))


SEES_TEMPLATE = (
    "{{ areas() | join(',') }};{{ floors() | join(',') }};{{ labels() | join(',') }};"
    "{{ states | map(attribute='entity_id') | join(',') }}"
)


async def _rest_render(site: Site, caller: str, source: str) -> str:
    resp = await site.api.session.post(
        site.api.url + "api/template", json={"template": source}, headers=site.headers(caller)
    )
    assert resp.status == 200, await resp.text()
    return await resp.text()


async def test_template_listings_match_the_websocket_lists(furnished: Site) -> None:
    for caller, expected in EXPECTED.items():
        ws = await furnished.ws(caller)
        reply = await command(ws, {"id": 1, "type": "render_template", "template": SEES_TEMPLATE})
        assert reply["success"], reply
        ws_text = (await ws.receive_json(timeout=5))["event"]["result"]
        rest_text = await _rest_render(furnished, caller, SEES_TEMPLATE)
        for text in (ws_text, rest_text):
            areas, floors, labels, states = text.split(";")
            assert _split(areas) == expected.areas, caller
            assert _split(floors) == expected.floors, caller
            assert _split(labels) == expected.labels, caller
            assert _split(states) == expected.entities, caller  # each has a state here


async def test_template_lookups_do_not_name_hidden_entries(furnished: Site) -> None:
    rack = furnished.api.hub.registries.devices.find([("demo", "rack")])
    spare = furnished.api.hub.registries.devices.find([("demo", "spare")])
    assert rack is not None and spare is not None
    probes = {
        # source: (what the visitor sees, what an admin sees)
        "{{ area_name('server_room') }}": ("None", "Server room"),
        "{{ area_id('Server room') }}": ("None", "server_room"),
        f"{{{{ area_name('{SERVER_LOCK}') }}}}": ("None", "Server room"),
        f"{{{{ area_name('{rack.id}') }}}}": ("None", "Server room"),
        "{{ area_name('reception') }}": ("Reception", "Reception"),
        "{{ area_name('light.lobby') }}": ("Lobby", "Lobby"),
        "{{ floor_name('office') }}": ("None", "First floor"),
        "{{ floor_id('Basement') }}": ("None", "basement"),
        "{{ floor_name('lobby') }}": ("Ground floor", "Ground floor"),
        "{{ floor_areas('ground_floor') | join(',') }}": ("lobby,reception", "lobby,reception"),
        "{{ floor_areas('first_floor') | join(',') }}": ("", "office,server_room"),
        f"{{{{ labels('{SERVER_LOCK}') | join(',') }}}}": ("", "secure"),
        "{{ labels('reception') | join(',') }}": ("quiet", "quiet"),
        "{{ label_name('secure') }}": ("None", "Secure"),
        "{{ label_id('Quiet') }}": ("quiet", "quiet"),
        f"{{{{ device_attr('{rack.id}', 'name') }}}}": ("None", "Rack"),
        f"{{{{ device_attr('{spare.id}', 'name') }}}}": ("Spare screen", "Spare screen"),
        "{{ device_id('Rack') }}": ("None", rack.id),
        "{{ area_devices('server_room') | count }}": ("0", "1"),
        "{{ area_devices('reception') | join(',') }}": (spare.id, spare.id),
        "{{ area_entities('lobby') | join(',') }}": (LOBBY_LIGHT, f"{LOBBY_LIGHT},{KIOSK_STATUS}"),
    }
    for source, (visitor_sees, admin_sees) in probes.items():
        assert await _rest_render(furnished, "visitor", source) == visitor_sees, source
        assert await _rest_render(furnished, "admin", source) == admin_sees, source


async def _events_until_pong(ws: Any, msg_id: int) -> list[dict[str, Any]]:
    await ws.send_json({"id": msg_id, "type": "ping"})
    seen = []
    while (msg := await ws.receive_json(timeout=5)).get("type") != "pong":
        seen.append(msg)
    return seen


async def test_registry_events_only_about_visible_entries(furnished: Site) -> None:
    regs = furnished.api.hub.registries
    visitor = await furnished.ws("visitor")
    admin = await furnished.ws("admin")
    types = ("area_registry_updated", "floor_registry_updated", "label_registry_updated")
    for n, event_type in enumerate(types, start=1):
        for ws in (visitor, admin):
            msg = {"id": n, "type": "subscribe_events", "event_type": event_type}
            assert (await command(ws, msg))["success"]
    regs.areas.update("server_room", icon="mdi:server")
    regs.areas.update("reception", icon="mdi:desk")
    regs.floors.update("basement", level=-1)
    regs.floors.update("ground_floor", level=0)
    regs.labels.update("secure", color="red")
    regs.labels.update("quiet", color="blue")
    regs.areas.delete("server_room")  # its removal cannot be checked: admins only

    def named(events: list[dict[str, Any]]) -> list[str]:
        out = []
        for msg in events:
            data = msg["event"]["data"]
            out.append(data.get("area_id") or data.get("floor_id") or data.get("label_id"))
        return out

    assert named(await _events_until_pong(visitor, 10)) == ["reception", "ground_floor", "quiet"]
    assert named(await _events_until_pong(admin, 10)) == [
        "server_room",
        "reception",
        "basement",
        "ground_floor",
        "secure",
        "quiet",
        "server_room",
    ]


async def test_new_role_user_sees_lists_through_ui_flow(furnished: Site) -> None:
    """A user made over websocket with a floor grant sees the floor's (empty) areas too."""
    api = furnished.api
    owner = await furnished.ws("owner")
    role = await command(
        owner,
        {
            "id": 1,
            "type": "bastion/roles/create",
            "name": "Ground staff",
            "policies": [{"grants": [{"permissions": ["read"], "floors": ["ground_floor"]}]}],
        },
    )
    assert role["success"], role
    user = await api.auth.add_user(
        "ground", "Ground", PASSWORD, role=UserRole.USER, role_ids=("ground_staff",)
    )
    ws = await api.ws(await api.auth.create_long_lived_token(user, "t", 1))
    areas = await command(ws, {"id": 1, "type": "config/area_registry/list"})
    assert {a["area_id"] for a in areas["result"]} == {"lobby", "reception"}
    devices = await command(ws, {"id": 2, "type": "config/device_registry/list"})
    assert {d["name"] for d in devices["result"]} == {"Kiosk", "Spare screen"}
    floors = await command(ws, {"id": 3, "type": "config/floor_registry/list"})
    assert [f["floor_id"] for f in floors["result"]] == ["ground_floor"]
