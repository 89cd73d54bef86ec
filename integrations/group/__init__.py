"""group: old-style `group:` YAML groups whose state summarises their members."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.entity import Entity
from hub.events import Event
from hub.integration import IntegrationContext
from hub.services import ServiceCall
from integrations.homeassistant.yaml_entities import reread_domain_config

from .rules import group_state

DOMAIN = "group"


def _preprocess(value: Any) -> Any:
    """`id: [a, b]` or `id: "a, b"` is shorthand for `id: {entities: [a, b]}`."""
    if value is None:
        return {"entities": []}
    if not isinstance(value, Mapping):
        return {"entities": value}
    return value


ENTRY_SCHEMA = vol.All(
    _preprocess,
    vol.Schema(
        {
            vol.Optional("entities", default=list): vol.Any(None, cv.entity_ids),
            vol.Optional("name"): cv.string,
            vol.Optional("icon"): cv.icon,
            vol.Optional("all", default=False): cv.boolean,
        }
    ),
)


def _groups(value: Any) -> dict[str, dict[str, Any]]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise vol.Invalid("expected a mapping of group ids to groups")
    result = {}
    for key, conf in value.items():
        try:
            result[cv.slug(key)] = ENTRY_SCHEMA(conf)
        except vol.Invalid as err:
            raise vol.Invalid(err.error_message, path=[key, *err.path]) from None
    return result


CONFIG_SCHEMA = vol.Schema(_groups)


class Group(Entity):
    """`group.<id>`: on when any member is on (all members with `all: true`)."""

    domain = DOMAIN

    def __init__(
        self,
        ctx: IntegrationContext,
        object_id: str,
        *,
        name: str | None,
        entities: list[str],
        require_all: bool,
        icon: str | None,
        order: int,
    ) -> None:
        super().__init__(name, icon=icon)
        self.suggested_object_id = object_id
        self.object_id = object_id
        self._ctx = ctx
        self.members: tuple[str, ...] = tuple(dict.fromkeys(e.lower() for e in entities))
        self.require_all = require_all
        self.order = order
        self._unlisten: Callable[[], None] | None = None

    def configure(
        self,
        *,
        name: str | None,
        entities: list[str],
        require_all: bool,
        icon: str | None,
    ) -> None:
        """Change settings in place and follow the new members."""
        self._name, self._icon, self.require_all = name, icon, require_all
        self.members = tuple(dict.fromkeys(e.lower() for e in entities))
        if self.attached:
            self._follow()
            self.write_state()

    @property
    def state(self) -> str | None:
        members = []
        for entity_id in self.members:
            member = self._ctx.states.get(entity_id)
            if member is not None:
                members.append((entity_id, member.state))
        return group_state(members, self.require_all)

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        return {"entity_id": self.members, "order": self.order}

    def _follow(self) -> None:
        if self._unlisten is not None:
            self._unlisten()
        self._unlisten = self._ctx.listen_state(self.members, self._member_changed)

    def _member_changed(self, event: Event) -> None:
        self.write_state()

    async def added(self) -> None:
        self._follow()

    async def removed(self) -> None:
        if self._unlisten is not None:
            self._unlisten()
            self._unlisten = None


SET_SCHEMA = vol.Schema(
    {
        vol.Required("object_id"): cv.slug,
        vol.Optional("name"): cv.string,
        vol.Optional("icon"): vol.Any(None, cv.icon),
        vol.Optional("all"): cv.boolean,
        vol.Exclusive("entities", "entities"): cv.entity_ids,
        vol.Exclusive("add_entities", "entities"): cv.entity_ids,
        vol.Exclusive("remove_entities", "entities"): cv.entity_ids,
    }
)


class Groups:
    """The groups of one hub: YAML ones (reloadable) and those made by `group.set`."""

    def __init__(self, ctx: IntegrationContext) -> None:
        self._ctx = ctx
        self.groups: dict[str, Group] = {}
        self._yaml_ids: set[str] = set()
        self._order = 0

    async def _put(self, object_id: str, settings: dict[str, Any]) -> None:
        existing = self.groups.get(object_id)
        if existing is not None:
            existing.configure(**settings)
            return
        group = Group(self._ctx, object_id, order=self._order, **settings)
        self._order += 1
        self.groups[object_id] = group
        await self._ctx.add_entities([group])

    async def _drop(self, object_id: str) -> None:
        group = self.groups.pop(object_id, None)
        if group is not None and group.entity_id:
            await self._ctx.remove_entity(group.entity_id)

    async def apply_yaml(self, config: Mapping[str, Mapping[str, Any]] | None) -> None:
        config = config or {}
        for object_id in self._yaml_ids - set(config):
            await self._drop(object_id)
        self._yaml_ids = set(config)
        for object_id, conf in config.items():
            await self._put(
                object_id,
                {
                    "name": conf.get("name", object_id),
                    "entities": list(conf.get("entities") or []),
                    "require_all": conf["all"],
                    "icon": conf.get("icon"),
                },
            )

    async def reload(self, call: ServiceCall) -> None:
        await self.apply_yaml(await reread_domain_config(self._ctx, CONFIG_SCHEMA))

    async def set(self, call: ServiceCall) -> None:
        data = call.data
        object_id = data["object_id"]
        current = self.groups.get(object_id)
        members = list(current.members) if current else []
        if "entities" in data:
            members = list(data["entities"])
        members += [e for e in data.get("add_entities", ()) if e not in members]
        removed = set(data.get("remove_entities", ()))
        members = [e for e in members if e not in removed]
        await self._put(
            object_id,
            {
                "name": data.get("name", current.name if current else object_id),
                "entities": members,
                "require_all": data.get("all", current.require_all if current else False),
                "icon": data.get("icon", current.icon if current else None),
            },
        )

    async def remove(self, call: ServiceCall) -> None:
        object_id = call.data["object_id"]
        self._yaml_ids.discard(object_id)
        await self._drop(object_id)


async def setup(ctx: IntegrationContext, config: dict[str, Any] | None) -> bool:
    """Create the YAML groups and register group.reload / group.set / group.remove."""
    groups = Groups(ctx)
    ctx.register_service("reload", groups.reload, {})
    ctx.register_service("set", groups.set, SET_SCHEMA)
    ctx.register_service("remove", groups.remove, {vol.Required("object_id"): cv.slug})
    await groups.apply_yaml(config)
    return True
