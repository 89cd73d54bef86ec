"""The `alarm:` configuration: areas and sensors, codes, escalation policies, playbooks."""

from __future__ import annotations

from typing import Any

import voluptuous as vol

from hub.config import validation as cv

ARMED_MODES = ("armed_away", "armed_home", "armed_night", "armed_vacation", "armed_custom_bypass")
PERIMETER_ROLES = ("door", "window")
INTRUSION_ROLES = (*PERIMETER_ROLES, "motion", "glass_break")
ALWAYS_ARMED_ROLES = ("tamper", "panic", "smoke", "co", "gas", "water_leak")
ROLES = (*INTRUSION_ROLES, *ALWAYS_ARMED_ROLES)
RIGHTS = ("arm", "disarm", "force", "acknowledge", "playbooks", "panic")
DEFAULT_RIGHTS = ["arm", "disarm", "acknowledge", "panic"]
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PLAYBOOKS = ("fire", "co_gas", "water_leak", "lockdown")
# Default modes per role: motion sensors stay quiet while people are home or asleep.
DEFAULT_MODES = {
    "motion": ["armed_away", "armed_vacation"],
}
seconds = vol.All(vol.Coerce(float), vol.Range(min=0, max=3600))


def _per_mode(value: Any) -> dict[str, float]:
    """A delay for every mode: one number for all, or `{mode: seconds}` (missing modes: 0)."""
    if isinstance(value, dict):
        checked = vol.Schema({vol.In(ARMED_MODES): seconds})(value)
        return {mode: checked.get(mode, 0.0) for mode in ARMED_MODES}
    number = seconds(value)
    return dict.fromkeys(ARMED_MODES, number)


def _sensor_defaults(sensor: dict[str, Any]) -> dict[str, Any]:
    role = sensor["role"]
    always = role in ALWAYS_ARMED_ROLES
    sensor.setdefault(
        "modes", list(ARMED_MODES) if always else DEFAULT_MODES.get(role, ARMED_MODES)
    )
    sensor.setdefault("bypassable", not always)
    sensor["always_armed"] = always
    return sensor


SENSOR_SCHEMA = vol.All(
    vol.Schema(
        {
            vol.Required("entity_id"): cv.entity_id,
            vol.Required("role"): vol.In(ROLES),
            vol.Optional("name"): cv.string,
            vol.Optional("modes"): [vol.In(ARMED_MODES)],
            vol.Optional("entry_delay"): seconds,
            vol.Optional("bypassable"): cv.boolean,
            vol.Optional("trigger_when_unavailable", default=True): cv.boolean,
            vol.Optional("arm_after_close", default=False): cv.boolean,
        }
    ),
    _sensor_defaults,
)

ESCALATION_REF = vol.Any(cv.slug, {cv.slug: cv.slug})

AREA_SCHEMA = vol.Schema(
    {
        vol.Optional("name"): cv.string,
        vol.Optional("exit_delay", default=0): _per_mode,
        vol.Optional("entry_delay", default=0): _per_mode,
        vol.Optional("sensors", default=[]): [SENSOR_SCHEMA],
        vol.Optional("sirens", default=[]): cv.entity_ids,
        vol.Optional("escalation"): ESCALATION_REF,
        vol.Optional("verification"): seconds,
        vol.Optional("cameras", default=[]): cv.entity_ids,
    }
)

SCHEDULE_SCHEMA = vol.Schema(
    {
        vol.Optional("days", default=list(DAYS)): [vol.In(DAYS)],
        vol.Optional("start", default="00:00"): cv.time,
        vol.Optional("end", default="23:59:59"): cv.time,
    }
)

CODE_SCHEMA = vol.Schema(
    {
        vol.Required("name"): cv.string,
        vol.Required("code"): vol.All(vol.Coerce(str), vol.Match(r"^\S{4,64}$", msg="4-64 chars")),
        vol.Optional("duress_code"): vol.All(vol.Coerce(str), vol.Match(r"^\S{4,64}$")),
        vol.Optional("user_id"): cv.string,
        vol.Optional("rights", default=DEFAULT_RIGHTS): [vol.In(RIGHTS)],
        vol.Optional("areas"): [cv.slug],
        vol.Optional("modes", default=list(ARMED_MODES)): [vol.In(ARMED_MODES)],
        vol.Optional("schedule"): SCHEDULE_SCHEMA,
        vol.Optional("expires"): cv.datetime,
    }
)

_USER_RIGHTS = {
    vol.Required("name"): cv.string,
    vol.Optional("user_id"): cv.string,
    vol.Optional("rights", default=DEFAULT_RIGHTS): [vol.In(RIGHTS)],
    vol.Optional("areas"): [cv.slug],
    vol.Optional("modes", default=list(ARMED_MODES)): [vol.In(ARMED_MODES)],
    vol.Optional("schedule"): SCHEDULE_SCHEMA,
    vol.Optional("expires"): cv.datetime,
}
TAG_SCHEMA = vol.Schema(
    {
        **_USER_RIGHTS,
        vol.Required("tag_id"): vol.All(vol.Coerce(str), vol.Length(min=1, max=128)),
    }
)
KEYPAD_ACTIONS = ("arm_away", "arm_home", "arm_night", "arm_vacation", "disarm", "panic")
READER_ACTIONS = (*KEYPAD_ACTIONS, "toggle")
KEYPAD_SCHEMA = vol.Schema(
    {
        vol.Optional("area"): cv.slug,
        vol.Optional("entity_id"): vol.All(cv.entity_id, vol.Match(r"^event\.")),
        vol.Optional("events", default={}): {cv.string: vol.In(KEYPAD_ACTIONS)},
    }
)
READER_SCHEMA = vol.All(
    vol.Schema(
        {
            vol.Optional("entity_id"): vol.All(cv.entity_id, vol.Match(r"^event\.")),
            vol.Optional("device_id"): cv.string,
            vol.Optional("area"): cv.slug,
            vol.Optional("action", default="toggle"): vol.In(READER_ACTIONS),
            vol.Optional("arm_mode", default="armed_away"): vol.In(ARMED_MODES),
        }
    ),
    vol.Any(
        vol.Schema({vol.Required("entity_id"): object}, extra=vol.ALLOW_EXTRA),
        vol.Schema({vol.Required("device_id"): object}, extra=vol.ALLOW_EXTRA),
        msg="a reader needs entity_id or device_id",
    ),
)
CAMERA_SCHEMA = vol.Schema(
    {
        vol.Optional("labels", default=["person"]): [cv.string],
        vol.Optional("min_confidence", default=0.6): vol.All(
            vol.Coerce(float), vol.Range(min=0, max=1)
        ),
    }
)

TIER_SCHEMA = vol.Schema(
    {
        vol.Optional("channels", default=[]): [cv.slug],
        vol.Optional("siren", default=False): cv.boolean,
        vol.Optional("wait", default=60): seconds,
    }
)

POLICY_SCHEMA = vol.Schema({vol.Required("tiers"): vol.All([TIER_SCHEMA], vol.Length(min=1))})

ACTION_SCHEMA = vol.Schema(
    {
        vol.Required("action"): vol.Match(r"^[a-z0-9_]+\.[a-z0-9_]+$"),
        vol.Required("entity_id"): cv.entity_ids,
        vol.Optional("data", default={}): dict,
    }
)

PLAYBOOK_SCHEMA = vol.Schema(
    {
        vol.Optional("priority"): vol.All(vol.Coerce(int), vol.Range(min=0, max=1000)),
        vol.Optional("triggers"): [vol.In(ROLES)],
        vol.Optional("unlock", default=[]): cv.entity_ids,
        vol.Optional("lock", default=[]): cv.entity_ids,
        vol.Optional("lights_on", default=[]): cv.entity_ids,
        vol.Optional("hvac_off", default=[]): cv.entity_ids,
        vol.Optional("close_valves", default=[]): cv.entity_ids,
        vol.Optional("sirens", default=[]): cv.entity_ids,
        vol.Optional("actions", default=[]): [ACTION_SCHEMA],
        vol.Optional("notify", default=[]): [cv.slug],
    }
)

LOCKOUT_SCHEMA = vol.Schema(
    {
        vol.Optional("attempts", default=5): vol.All(vol.Coerce(int), vol.Range(min=1, max=100)),
        vol.Optional("window", default=300): seconds,
        vol.Optional("duration", default=600): seconds,
    }
)


def _cross_check(conf: dict[str, Any]) -> dict[str, Any]:
    policies = conf["escalation"]
    for area_id, area in conf["areas"].items():
        ref = area.get("escalation")
        names = [ref] if isinstance(ref, str) else list((ref or {}).values())
        for name in names:
            if name not in policies:
                raise vol.Invalid(f"area {area_id}: unknown escalation policy {name!r}")
    for kind in ("codes", "tags"):
        for code in conf[kind]:
            for area_id in code.get("areas") or []:
                if area_id not in conf["areas"]:
                    raise vol.Invalid(f"{kind} of {code['name']}: unknown area {area_id!r}")
    places = [(f"keypad {k}", v) for k, v in conf["keypads"].items()]
    places += [(f"reader {r.get('entity_id') or r.get('device_id')}", r) for r in conf["readers"]]
    for where, item in places:
        if item.get("area") and item["area"] not in conf["areas"]:
            raise vol.Invalid(f"{where}: unknown area {item['area']!r}")
    return conf


CONFIG_SCHEMA = vol.Schema(
    vol.All(
        lambda value: {} if value is None else value,
        vol.Schema(
            {
                vol.Optional("code_arm_required", default=True): cv.boolean,
                vol.Optional("lockout", default={}): LOCKOUT_SCHEMA,
                vol.Optional("areas", default={}): {cv.slug: AREA_SCHEMA},
                vol.Optional("codes", default=[]): [CODE_SCHEMA],
                vol.Optional("tags", default=[]): [TAG_SCHEMA],
                vol.Optional("keypads", default={}): {cv.slug: KEYPAD_SCHEMA},
                vol.Optional("readers", default=[]): [READER_SCHEMA],
                vol.Optional("camera_verification", default={}): CAMERA_SCHEMA,
                vol.Optional("escalation", default={}): {cv.slug: POLICY_SCHEMA},
                vol.Optional("playbooks", default={}): {vol.In(PLAYBOOKS): PLAYBOOK_SCHEMA},
            }
        ),
        _cross_check,
    )
)
