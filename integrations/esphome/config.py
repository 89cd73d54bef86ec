"""What a configured ESPHome device is: YAML/API settings validated once at the boundary."""

from __future__ import annotations

import binascii
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import voluptuous as vol

from hub.config import validation as cv

DEFAULT_PORT = 6053
PSK_BYTES = 32


def noise_psk(value: Any) -> str:
    """A base64 encoded 32-byte key; the error never repeats the value."""
    text = cv.string(value).strip()
    try:
        raw = binascii.a2b_base64(text)
    except (binascii.Error, ValueError):
        raise vol.Invalid("noise_psk must be base64 (as shown in the device's YAML)") from None
    if len(raw) != PSK_BYTES:
        raise vol.Invalid(f"noise_psk must decode to {PSK_BYTES} bytes")
    return text


DEVICE_SCHEMA = vol.Schema(
    {
        vol.Required("host"): vol.All(cv.string, vol.Length(min=1, max=253)),
        vol.Optional("port", default=DEFAULT_PORT): cv.port,
        vol.Optional("noise_psk"): noise_psk,
        vol.Optional("allow_plaintext", default=False): cv.boolean,
        vol.Optional("allow_service_calls", default=False): cv.boolean,
    }
)
CONFIG_SCHEMA = vol.Any(
    vol.All(vol.Any(None, [DEVICE_SCHEMA]), lambda v: {"devices": v or [], "discovery": True}),
    vol.Schema(
        {
            vol.Optional("devices", default=[]): [DEVICE_SCHEMA],
            vol.Optional("discovery", default=True): cv.boolean,
        }
    ),
)


@dataclass(frozen=True, slots=True)
class DeviceSettings:
    """One device the user added (from YAML or the API)."""

    host: str
    port: int = DEFAULT_PORT
    noise_psk: str | None = None
    allow_plaintext: bool = False
    allow_service_calls: bool = False
    source: str = "yaml"

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @classmethod
    def from_config(cls, data: Mapping[str, Any], source: str) -> DeviceSettings:
        valid = DEVICE_SCHEMA(dict(data))
        return cls(source=source, **valid)

    def stored(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("source")
        return data
