"""The generic entity-based device types of the entity domains the hub has, declared as data.

Type names follow Home Assistant's, so automations written in its UI editor load unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import voluptuous as vol

from hub.config import validation as cv
from hub.domains.alarm_control_panel import AlarmControlPanelEntityFeature as AlarmFeature
from hub.domains.binary_sensor import BinarySensorDeviceClass as Binary
from hub.domains.climate import ClimateEntityFeature, HVACMode
from hub.domains.cover import CoverEntityFeature
from hub.domains.light import DIMMABLE_MODES, LightEntityFeature
from hub.domains.lock import LockEntityFeature, LockState
from hub.domains.sensor import SensorDeviceClass as Sensor
from hub.registry import EntityEntry
from hub.states import State

from . import ACTIONS, CONDITIONS, TRIGGERS, ActionType, Applies, ConditionType, TriggerType
from .entity_types import (
    numeric_condition,
    numeric_trigger,
    service_action,
    state_condition,
    state_trigger,
)

TOGGLE_DOMAINS = ("light", "switch", "fan", "siren", "input_boolean", "humidifier", "remote")
CODE: dict[Any, Any] = {vol.Optional("code"): vol.All(cv.string, vol.Length(max=64))}
_PERCENT = vol.All(vol.Coerce(int), vol.Range(min=0, max=100))

# binary_sensor device class: (turned on, turned off, is on, is off) type names.
BINARY_SENSOR_TYPES: dict[str | None, tuple[str, str, str, str]] = {
    None: ("turned_on", "turned_off", "is_on", "is_off"),
    Binary.BATTERY: ("bat_low", "not_bat_low", "is_bat_low", "is_not_bat_low"),
    Binary.BATTERY_CHARGING: ("charging", "not_charging", "is_charging", "is_not_charging"),
    Binary.CARBON_MONOXIDE: ("co", "no_co", "is_co", "is_no_co"),
    Binary.COLD: ("cold", "not_cold", "is_cold", "is_not_cold"),
    Binary.CONNECTIVITY: ("connected", "not_connected", "is_connected", "is_not_connected"),
    Binary.DOOR: ("opened", "not_opened", "is_open", "is_not_open"),
    Binary.GARAGE_DOOR: ("opened", "not_opened", "is_open", "is_not_open"),
    Binary.GAS: ("gas", "no_gas", "is_gas", "is_no_gas"),
    Binary.HEAT: ("hot", "not_hot", "is_hot", "is_not_hot"),
    Binary.LIGHT: ("light", "no_light", "is_light", "is_no_light"),
    # "on" means unlocked for this class
    Binary.LOCK: ("not_locked", "locked", "is_not_locked", "is_locked"),
    Binary.MOISTURE: ("moist", "not_moist", "is_moist", "is_not_moist"),
    Binary.MOTION: ("motion", "no_motion", "is_motion", "is_no_motion"),
    Binary.MOVING: ("moving", "not_moving", "is_moving", "is_not_moving"),
    Binary.OCCUPANCY: ("occupied", "not_occupied", "is_occupied", "is_not_occupied"),
    Binary.OPENING: ("opened", "not_opened", "is_open", "is_not_open"),
    Binary.PLUG: ("plugged_in", "not_plugged_in", "is_plugged_in", "is_not_plugged_in"),
    Binary.POWER: ("powered", "not_powered", "is_powered", "is_not_powered"),
    Binary.PRESENCE: ("present", "not_present", "is_present", "is_not_present"),
    Binary.PROBLEM: ("problem", "no_problem", "is_problem", "is_no_problem"),
    Binary.RUNNING: ("running", "not_running", "is_running", "is_not_running"),
    Binary.SAFETY: ("unsafe", "not_unsafe", "is_unsafe", "is_not_unsafe"),
    Binary.SMOKE: ("smoke", "no_smoke", "is_smoke", "is_no_smoke"),
    Binary.SOUND: ("sound", "no_sound", "is_sound", "is_no_sound"),
    Binary.TAMPER: ("tampered", "not_tampered", "is_tampered", "is_not_tampered"),
    Binary.UPDATE: ("update", "no_update", "is_update", "is_no_update"),
    Binary.VIBRATION: ("vibration", "no_vibration", "is_vibration", "is_no_vibration"),
    Binary.WINDOW: ("opened", "not_opened", "is_open", "is_not_open"),
}

# sensor device classes with numeric values; the type is the class name except these.
_SENSOR_NAMES = {Sensor.BATTERY: "battery_level"}
_NOT_NUMERIC = {Sensor.DATE, Sensor.ENUM, Sensor.TIMESTAMP}
SENSOR_TYPES: dict[str | None, str] = {
    None: "value",
    **{c: _SENSOR_NAMES.get(c, str(c)) for c in Sensor if c not in _NOT_NUMERIC},
}

# lock state → trigger type (conditions are `is_<state>`).
LOCK_STATES = tuple(str(s) for s in LockState)
# alarm state → the feature needed to reach it (None: always offered).
ALARM_STATES: dict[str, AlarmFeature | None] = {
    "disarmed": None,
    "triggered": None,
    "arming": None,
    "armed_home": AlarmFeature.ARM_HOME,
    "armed_away": AlarmFeature.ARM_AWAY,
    "armed_night": AlarmFeature.ARM_NIGHT,
    "armed_vacation": AlarmFeature.ARM_VACATION,
    "armed_custom_bypass": AlarmFeature.ARM_CUSTOM_BYPASS,
}
ALARM_ACTIONS: dict[str, tuple[str, AlarmFeature | None]] = {
    "disarm": ("alarm_disarm", None),
    "trigger": ("alarm_trigger", AlarmFeature.TRIGGER),
    "arm_home": ("alarm_arm_home", AlarmFeature.ARM_HOME),
    "arm_away": ("alarm_arm_away", AlarmFeature.ARM_AWAY),
    "arm_night": ("alarm_arm_night", AlarmFeature.ARM_NIGHT),
    "arm_vacation": ("alarm_arm_vacation", AlarmFeature.ARM_VACATION),
    "arm_custom_bypass": ("alarm_arm_custom_bypass", AlarmFeature.ARM_CUSTOM_BYPASS),
}
# cover/valve: trigger type → state
POSITIONAL_STATES = {
    "opened": "open",
    "closed": "closed",
    "opening": "opening",
    "closing": "closing",
}


# -- what an entity offers (for the list commands) ------------------------------------------
def device_class_of(entry: EntityEntry, state: State | None) -> str | None:
    """The user's, the integration's, else the state's device class."""
    found = entry.device_class or entry.original_device_class
    if found is None and state is not None:
        found = state.attributes.get("device_class")
    return None if found is None else str(found)


def features_of(state: State | None) -> int:
    if state is None:
        return 0
    try:
        return int(state.attributes.get("supported_features") or 0)
    except (TypeError, ValueError):
        return 0


def has_feature(flag: int | None) -> Applies:
    if flag is None:
        return lambda _entry, _state: True
    return lambda _entry, state: bool(features_of(state) & flag)


def of_classes(classes: Iterable[str | None], known: Iterable[str | None]) -> Applies:
    """Offered for these device classes (None: also for classes not in `known`)."""
    wanted = set(classes)
    other = set(known) - {None}

    def applies(entry: EntityEntry, state: State | None) -> bool:
        found = device_class_of(entry, state)
        if found is not None and found not in other:
            found = None
        return found in wanted

    return applies


def _numeric_sensor(entry: EntityEntry, state: State | None) -> bool:
    if entry.unit_of_measurement:
        return True
    return state is not None and any(
        state.attributes.get(k) is not None for k in ("unit_of_measurement", "state_class")
    )


def _both(first: Applies, second: Applies) -> Applies:
    return lambda entry, state: first(entry, state) and second(entry, state)


def _dimmable(_entry: EntityEntry, state: State | None) -> bool:
    modes = (state.attributes.get("supported_color_modes") or ()) if state is not None else ()
    return any(mode in DIMMABLE_MODES for mode in modes)


# -- the tables -------------------------------------------------------------------------------
def _toggle(domain: str) -> tuple[list[TriggerType], list[ConditionType], list[ActionType]]:
    triggers = [
        state_trigger("turned_on", ["on"]),
        state_trigger("turned_off", ["off"]),
        state_trigger("changed_states", None),
    ]
    conditions = [state_condition("is_on", ["on"]), state_condition("is_off", ["off"])]
    on_keys: dict[Any, Any] = {}
    if domain == "light":
        on_keys = {
            vol.Optional("brightness_pct"): _PERCENT,
            vol.Optional("flash"): vol.In(("short", "long")),
        }
    actions = [
        service_action("turn_on", f"{domain}.turn_on", schema=on_keys),
        service_action("turn_off", f"{domain}.turn_off"),
        service_action("toggle", f"{domain}.toggle"),
    ]
    if domain == "light":
        actions += [
            service_action(
                "brightness_increase",
                "light.turn_on",
                data={"brightness_step_pct": 10},
                applies=_dimmable,
            ),
            service_action(
                "brightness_decrease",
                "light.turn_on",
                data={"brightness_step_pct": -10},
                applies=_dimmable,
            ),
            service_action(
                "flash",
                "light.turn_on",
                schema={vol.Optional("flash", default="short"): vol.In(("short", "long"))},
                applies=has_feature(LightEntityFeature.FLASH),
            ),
        ]
    return triggers, conditions, actions


def _binary_sensor() -> tuple[list[TriggerType], list[ConditionType], list[ActionType]]:
    names: dict[str, tuple[str, set[str | None]]] = {}  # type → (state, device classes)
    for device_class, (on, off, is_on, is_off) in BINARY_SENSOR_TYPES.items():
        for name, state in ((on, "on"), (off, "off"), (is_on, "on"), (is_off, "off")):
            names.setdefault(name, (state, set()))[1].add(device_class)
    triggers: list[TriggerType] = []
    conditions: list[ConditionType] = []
    for name, (state, classes) in names.items():
        applies = of_classes(classes, BINARY_SENSOR_TYPES)
        if name.startswith("is_"):
            conditions.append(state_condition(name, [state], applies=applies))
        else:
            triggers.append(state_trigger(name, [state], applies=applies))
    return triggers, conditions, []


def _sensor() -> tuple[list[TriggerType], list[ConditionType], list[ActionType]]:
    triggers: list[TriggerType] = []
    conditions: list[ConditionType] = []
    for device_class, name in SENSOR_TYPES.items():
        applies = _both(_numeric_sensor, of_classes([device_class], SENSOR_TYPES))
        triggers.append(numeric_trigger(name, applies=applies))
        conditions.append(numeric_condition(f"is_{name}", applies=applies))
    return triggers, conditions, []


def _lock() -> tuple[list[TriggerType], list[ConditionType], list[ActionType]]:
    def offered(state: str) -> Applies:
        wanted = LockEntityFeature.OPEN if state in ("open", "opening") else None
        return has_feature(wanted)

    triggers = [state_trigger(s, [s], applies=offered(s)) for s in LOCK_STATES]
    conditions = [state_condition(f"is_{s}", [s], applies=offered(s)) for s in LOCK_STATES]
    actions = [
        service_action("lock", "lock.lock", schema=CODE),
        service_action("unlock", "lock.unlock", schema=CODE),
        service_action(
            "open", "lock.open", schema=CODE, applies=has_feature(LockEntityFeature.OPEN)
        ),
    ]
    return triggers, conditions, actions


def _positional(domain: str) -> tuple[list[TriggerType], list[ConditionType], list[ActionType]]:
    """cover and valve: states, a position (0 closed - 100 open), open/close/stop/position."""
    position = has_feature(CoverEntityFeature.SET_POSITION)  # valve uses the same bits
    triggers = [state_trigger(t, [s]) for t, s in POSITIONAL_STATES.items()]
    triggers.append(numeric_trigger("position", attribute="current_position", applies=position))
    conditions = [state_condition(f"is_{s}", [s]) for s in ("open", "closed", "opening", "closing")]
    conditions.append(
        numeric_condition("is_position", attribute="current_position", applies=position)
    )
    actions = [
        service_action("open", f"{domain}.open_{domain}", applies=has_feature(1)),
        service_action("close", f"{domain}.close_{domain}", applies=has_feature(2)),
        service_action("stop", f"{domain}.stop_{domain}", applies=has_feature(8)),
        service_action(
            "set_position",
            f"{domain}.set_{domain}_position",
            schema={vol.Required("position"): _PERCENT},
            applies=position,
        ),
    ]
    return triggers, conditions, actions


def _alarm() -> tuple[list[TriggerType], list[ConditionType], list[ActionType]]:
    triggers = [state_trigger(s, [s], applies=has_feature(f)) for s, f in ALARM_STATES.items()]
    conditions = [
        state_condition(f"is_{s}", [s], applies=has_feature(f))
        for s, f in ALARM_STATES.items()
        if s != "arming"
    ]
    actions = [
        service_action(name, f"alarm_control_panel.{service}", schema=CODE, applies=has_feature(f))
        for name, (service, f) in ALARM_ACTIONS.items()
    ]
    return triggers, conditions, actions


def _climate() -> tuple[list[TriggerType], list[ConditionType], list[ActionType]]:
    mode = vol.All(cv.string, vol.In([str(m) for m in HVACMode]))
    preset = vol.All(cv.string, vol.Length(min=1, max=64))
    presets = has_feature(ClimateEntityFeature.PRESET_MODE)
    triggers = [
        state_trigger("hvac_mode_changed", None, to_key="to", schema={vol.Required("to"): mode}),
        numeric_trigger("current_temperature_changed", attribute="current_temperature"),
        numeric_trigger("current_humidity_changed", attribute="current_humidity"),
    ]
    conditions = [
        state_condition(
            "is_hvac_mode", state_key="hvac_mode", schema={vol.Required("hvac_mode"): mode}
        ),
        state_condition(
            "is_preset_mode",
            attribute="preset_mode",
            state_key="preset_mode",
            schema={vol.Required("preset_mode"): preset},
            applies=presets,
        ),
    ]
    actions = [
        service_action(
            "set_hvac_mode", "climate.set_hvac_mode", schema={vol.Required("hvac_mode"): mode}
        ),
        service_action(
            "set_preset_mode",
            "climate.set_preset_mode",
            schema={vol.Required("preset_mode"): preset},
            applies=presets,
        ),
    ]
    return triggers, conditions, actions


def _button() -> tuple[list[TriggerType], list[ConditionType], list[ActionType]]:
    # a button's state is the time of its last press: every change is a press
    return [state_trigger("pressed", None)], [], [service_action("press", "button.press")]


def _number() -> tuple[list[TriggerType], list[ConditionType], list[ActionType]]:
    value = {vol.Required("value"): vol.Coerce(float)}
    return [], [], [service_action("set_value", "number.set_value", schema=value)]


Tables = Callable[[], tuple[list[TriggerType], list[ConditionType], list[ActionType]]]


def _tables() -> dict[str, Tables]:
    tables: dict[str, Tables] = {d: (lambda d=d: _toggle(d)) for d in TOGGLE_DOMAINS}
    tables.update(
        binary_sensor=_binary_sensor,
        sensor=_sensor,
        lock=_lock,
        cover=lambda: _positional("cover"),
        valve=lambda: _positional("valve"),
        alarm_control_panel=_alarm,
        climate=_climate,
        button=_button,
        number=_number,
    )
    return tables


def register_defaults() -> None:
    """Register every generic type (an integration's type of the same name stays)."""
    for domain, build in _tables().items():
        triggers, conditions, actions = build()
        for trigger in triggers:
            TRIGGERS.register(domain, trigger, replace=False)
        for condition in conditions:
            CONDITIONS.register(domain, condition, replace=False)
        for action in actions:
            ACTIONS.register(domain, action, replace=False)
