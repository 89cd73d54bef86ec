"""The recorder's services: recorder.purge and recorder.purge_entities."""

from __future__ import annotations

from typing import TYPE_CHECKING

import voluptuous as vol

from ..clock import Unsubscribe
from ..errors import ValidationError
from ..services import ServiceCall, ServiceRegistry
from .config import _str_list

if TYPE_CHECKING:
    from .core import Recorder

DOMAIN = "recorder"

PURGE_SCHEMA = vol.Schema(
    {
        vol.Optional("keep_days"): vol.All(vol.Coerce(int), vol.Range(min=0)),
        vol.Optional("repack", default=False): bool,
        vol.Optional("apply_filter", default=False): bool,
    }
)

PURGE_ENTITIES_SCHEMA = vol.Schema(
    {
        vol.Optional("entity_id", default=[]): _str_list,
        vol.Optional("domains", default=[]): _str_list,
        vol.Optional("entity_globs", default=[]): _str_list,
        vol.Optional("keep_days", default=0): vol.All(vol.Coerce(int), vol.Range(min=0)),
    },
    extra=vol.ALLOW_EXTRA,
)


def register(recorder: Recorder, registry: ServiceRegistry) -> Unsubscribe:
    """Register both services; the returned function removes them."""

    async def handle_purge(call: ServiceCall) -> None:
        await recorder.purge(
            call.data.get("keep_days"),
            bool(call.data.get("repack")),
            apply_filter=bool(call.data.get("apply_filter")),
        )

    async def handle_purge_entities(call: ServiceCall) -> None:
        entity_ids = set(call.data.get("entity_id", ()))
        if call.entity_ids:
            entity_ids |= set(call.entity_ids)
        domains, globs = call.data.get("domains", []), call.data.get("entity_globs", [])
        if not (entity_ids or domains or globs):
            raise ValidationError(
                "recorder.purge_entities needs entity_id, domains or entity_globs"
            )
        await recorder.purge_entities(entity_ids, domains, globs, call.data["keep_days"])

    removers = [
        registry.register(DOMAIN, "purge", handle_purge, PURGE_SCHEMA),
        registry.register(DOMAIN, "purge_entities", handle_purge_entities, PURGE_ENTITIES_SCHEMA),
    ]

    def remove() -> None:
        for remover in removers:
            remover()

    return remove
