"""Which member states count as "on" for a group, and what a group then shows, per domain."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hub.states import STATE_OFF, STATE_ON


@dataclass(frozen=True, slots=True)
class OnOff:
    """A domain's "on" states and the pair of words a group of it shows."""

    on_states: frozenset[str]
    on: str = STATE_ON
    off: str = STATE_OFF


_PLAIN = OnOff(frozenset({STATE_ON}))
_PRESENCE = OnOff(frozenset({"home"}), "home", "not_home")
_OPENABLE = OnOff(frozenset({"open", "opening", "closing"}), "open", "closed")

RULES: dict[str, OnOff] = {
    **dict.fromkeys(
        (
            "light",
            "switch",
            "fan",
            "input_boolean",
            "automation",
            "script",
            "binary_sensor",
            "remote",
            "humidifier",
            "siren",
            "schedule",
            "calendar",
        ),
        _PLAIN,
    ),
    "device_tracker": _PRESENCE,
    "person": _PRESENCE,
    "cover": _OPENABLE,
    "valve": _OPENABLE,
    "lock": OnOff(frozenset({"unlocked", "unlocking", "open", "opening"}), "unlocked", "locked"),
    "media_player": OnOff(frozenset({"on", "playing", "paused", "idle", "buffering"})),
    "vacuum": OnOff(frozenset({"on", "cleaning", "returning", "error"})),
    "climate": OnOff(frozenset({"heat", "cool", "heat_cool", "auto", "dry", "fan_only"})),
    "water_heater": OnOff(
        frozenset({"eco", "electric", "performance", "high_demand", "heat_pump", "gas"})
    ),
    "alarm_control_panel": OnOff(
        frozenset(
            {
                "armed_away",
                "armed_home",
                "armed_night",
                "armed_vacation",
                "armed_custom_bypass",
                "triggered",
            }
        )
    ),
    "plant": OnOff(frozenset({"problem"}), "problem", "ok"),
    "timer": OnOff(frozenset({"active"})),
}

# A group member that is itself a group: its shown word tells which pair it uses.
_BY_WORD: dict[str, tuple[OnOff, bool]] = {}
for _rule in {id(r): r for r in RULES.values()}.values():
    _BY_WORD.setdefault(_rule.on, (OnOff(frozenset({_rule.on}), _rule.on, _rule.off), True))
    _BY_WORD.setdefault(_rule.off, (OnOff(frozenset({_rule.on}), _rule.on, _rule.off), False))

IGNORED_STATES = frozenset({"unknown", "unavailable"})


def member_status(entity_id: str, state: str) -> tuple[OnOff, bool] | None:
    """(rule, is_on) for one member, or None when it has no on/off meaning."""
    if state in IGNORED_STATES:
        return None
    domain = entity_id.partition(".")[0]
    if domain == "group":
        return _BY_WORD.get(state)
    rule = RULES.get(domain)
    if rule is None:
        return None
    return rule, state in rule.on_states


def group_state(members: Iterable[tuple[str, str]], require_all: bool) -> str | None:
    """The group's state from (entity_id, state) pairs; None (unknown) if no member counts.

    One shared pair of words (e.g. home/not_home) is used when every counted member agrees on
    it; mixed domains show on/off. A group is on when any member is on (all, with `all`).
    """
    pairs: set[tuple[str, str]] = set()
    flags: list[bool] = []
    for entity_id, state in members:
        status = member_status(entity_id, state)
        if status is None:
            continue
        rule, is_on = status
        pairs.add((rule.on, rule.off))
        flags.append(is_on)
    if not flags:
        return None
    on_word, off_word = next(iter(pairs)) if len(pairs) == 1 else (STATE_ON, STATE_OFF)
    is_on = all(flags) if require_all else any(flags)
    return on_word if is_on else off_word
