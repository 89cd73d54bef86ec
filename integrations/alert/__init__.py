"""alert: Home Assistant's repeating alerts on an entity's state, plus escalation tiers that
stop on acknowledgement (`alert.turn_off`, a notification's link or app button; audited with
who did it)."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.entity_host import EntityService
from hub.integration import IntegrationContext

from . import actions
from .entity import Alert
from .links import AlertFirings, start_links

__all__ = ["CONFIG_SCHEMA", "setup"]

DOMAIN = "alert"

TIER_SCHEMA = vol.Schema(
    {
        vol.Optional("channels", default=[]): vol.All(cv.ensure_list, [cv.slug]),
        vol.Optional("wait", default=60): vol.All(vol.Coerce(float), vol.Range(min=0, max=86400)),
    }
)


def _check(conf: dict[str, Any]) -> dict[str, Any]:
    if conf.get("tiers"):
        if conf["notifiers"] or conf["skip_first"]:
            raise vol.Invalid(
                "use either notifiers (with repeat and skip_first) or tiers; "
                "a first tier without channels delays the first notification"
            )
    elif not conf.get("repeat"):
        raise vol.Invalid("repeat is required (minutes between notifications)")
    return conf


ALERT_SCHEMA = vol.All(
    vol.Schema(
        {
            vol.Optional("name"): cv.string,
            vol.Required("entity_id"): cv.entity_id,
            vol.Optional("state", default="on"): cv.string,
            vol.Optional("repeat"): vol.All(
                cv.ensure_list,
                [vol.All(vol.Coerce(float), vol.Range(min=0.01, max=100_000))],
                vol.Length(min=1),
            ),
            vol.Optional("can_acknowledge", default=True): cv.boolean,
            vol.Optional("skip_first", default=False): cv.boolean,
            vol.Optional("title"): cv.string,
            vol.Optional("message"): cv.string,
            vol.Optional("done_message"): cv.string,
            vol.Optional("notifiers", default=[]): vol.All(cv.ensure_list, [cv.slug]),
            vol.Optional("data", default={}): dict,
            vol.Optional("tiers"): vol.All([TIER_SCHEMA], vol.Length(min=1)),
        }
    ),
    _check,
)

CONFIG_SCHEMA = vol.All(lambda value: value or {}, {cv.slug: ALERT_SCHEMA})

SERVICES = (
    EntityService("turn_off", Alert.acknowledge),
    EntityService("turn_on", Alert.unacknowledge),
    EntityService("toggle", Alert.toggle),
)


async def setup(ctx: IntegrationContext, config: dict[str, Any] | None) -> bool:
    """One `alert.<id>` per configured alert; turn_off acknowledges, turn_on re-arms, and so
    do a notification's acknowledge link and app button."""
    for service in SERVICES:
        ctx.register_entity_service(DOMAIN, service)
    firings = AlertFirings(ctx)
    links = start_links(ctx, firings)
    firings.alerts = [Alert(ctx, key, conf, links) for key, conf in (config or {}).items()]
    actions.register(ctx, firings)
    await ctx.add_entities(firings.alerts)
    return True
