"""YAML-defined helper entities (input_*, counter, timer): one entity per config id, reloadable."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import voluptuous as vol

from hub.config.core import config_for_domain, load_configuration, validate_domain_config
from hub.entity import Entity
from hub.entity_host import EntityService
from hub.errors import ValidationError
from hub.integration import IntegrationContext
from hub.services import ServiceCall

E = TypeVar("E", bound="YamlEntity")
Factory = Callable[[str, Mapping[str, Any]], E]


class YamlEntity(Entity):
    """An entity whose settings come from one `id: {...}` entry of a YAML block."""

    def __init__(self, conf_id: str, conf: Mapping[str, Any]) -> None:
        super().__init__(conf.get("name"), unique_id=conf_id, icon=conf.get("icon"))
        self.suggested_object_id = conf_id
        self.conf_id = conf_id
        self.conf: Mapping[str, Any] = conf

    def update_config(self, conf: Mapping[str, Any]) -> None:
        """Take new settings after a reload (subclasses clamp their value as needed)."""
        self.conf = conf
        self._name = conf.get("name")
        self._icon = conf.get("icon")

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        return {"editable": False}


def domain_value(raw: Mapping[Any, Any], domain: str) -> Any:
    """The merged value of every `domain:` / `domain name:` block (mappings merge, lists join)."""
    values = [value for _, value in config_for_domain(raw, domain) if value is not None]
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    if all(isinstance(v, list) for v in values):
        return [item for v in values for item in v]
    merged: dict[Any, Any] = {}
    for value in values:
        if isinstance(value, Mapping):
            merged.update(value)
    return merged


async def reread_domain_config(ctx: IntegrationContext, schema: vol.Schema) -> Any:
    """Load configuration.yaml again and validate this domain's block; raises ValidationError."""
    loaded = await ctx.run_blocking(load_configuration, ctx.config_dir)
    value, errors = validate_domain_config(
        ctx.domain, schema, domain_value(loaded.raw, ctx.domain), loaded
    )
    if errors:
        raise ValidationError(
            f"Cannot reload {ctx.domain}: " + "; ".join(str(error) for error in errors)
        )
    return value


class YamlEntities[E: YamlEntity]:
    """Keeps the live entities of one domain in step with its YAML block."""

    def __init__(self, ctx: IntegrationContext, schema: vol.Schema, factory: Factory[E]) -> None:
        self._ctx = ctx
        self._schema = schema
        self._factory = factory
        self.entities: dict[str, E] = {}

    async def apply(self, config: Mapping[str, Mapping[str, Any]] | None) -> None:
        """Add new ids, update changed ones in place (keeping state), remove dropped ones."""
        config = config or {}
        for conf_id in [c for c in self.entities if c not in config]:
            entity = self.entities.pop(conf_id)
            if entity.entity_id:
                await self._ctx.remove_entity(entity.entity_id)
        new: list[E] = []
        for conf_id, conf in config.items():
            existing = self.entities.get(conf_id)
            if existing is not None:
                if existing.conf != conf:
                    existing.update_config(conf)
                    existing.write_state()
                continue
            entity = self._factory(conf_id, conf)
            self.entities[conf_id] = entity
            new.append(entity)
        if new:
            await self._ctx.add_entities(new)

    async def reload(self, call: ServiceCall | None = None) -> None:
        """Re-read the YAML block and apply it (the `<domain>.reload` service)."""
        await self.apply(await reread_domain_config(self._ctx, self._schema))

    def register_reload(self) -> None:
        self._ctx.register_service("reload", self.reload, {})


async def setup_yaml_entities[E: YamlEntity](
    ctx: IntegrationContext,
    config: Mapping[str, Mapping[str, Any]] | None,
    schema: vol.Schema,
    services: Iterable[EntityService],
    factory: Factory[E],
) -> YamlEntities[E]:
    """A helper domain's setup: its entity services and `reload`, then one entity per YAML id."""
    for service in services:
        ctx.register_entity_service(ctx.domain, service)
    entities: YamlEntities[E] = YamlEntities(ctx, schema, factory)
    entities.register_reload()
    await entities.apply(config)
    return entities


def slug_keyed(entry_schema: Any) -> vol.Schema:
    """`{slug_id: entry or None}` for a helper domain; None means all defaults."""
    from hub.config import validation as cv

    def entries(value: Any) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise vol.Invalid("expected a mapping of ids to settings")
        result: dict[str, Any] = {}
        for key, conf in value.items():
            try:
                conf_id = cv.slug(key)
            except vol.Invalid as err:
                raise vol.Invalid(err.error_message, path=[key]) from None
            try:
                result[conf_id] = entry_schema(conf if conf is not None else {})
            except vol.MultipleInvalid as err:
                raise vol.MultipleInvalid(
                    [vol.Invalid(e.error_message, path=[key, *e.path]) for e in err.errors]
                ) from None
            except vol.Invalid as err:
                raise vol.Invalid(err.error_message, path=[key, *err.path]) from None
        return result

    return vol.Schema(entries)
