"""switch: something that can be switched on and off."""

from __future__ import annotations

from enum import StrEnum

from .toggle import ToggleEntity, toggle_services


class SwitchDeviceClass(StrEnum):
    OUTLET = "outlet"
    SWITCH = "switch"


class SwitchEntity(ToggleEntity):
    """Subclasses implement `turn_on()` and `turn_off()`."""

    domain = "switch"
    SERVICES = toggle_services()
