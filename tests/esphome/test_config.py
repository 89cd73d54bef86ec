"""The esphome: configuration block."""

from __future__ import annotations

import pytest
import voluptuous as vol

from integrations.esphome import CONFIG_SCHEMA
from tests.esphome.conftest import new_key


def test_list_form_defaults() -> None:
    key = new_key()
    config = CONFIG_SCHEMA([{"host": "10.0.0.5", "noise_psk": key}, {"host": "door.local"}])
    assert config["discovery"] is True
    first, second = config["devices"]
    assert first == {
        "host": "10.0.0.5",
        "port": 6053,
        "noise_psk": key,
        "allow_plaintext": False,
        "allow_service_calls": False,
    }
    assert "noise_psk" not in second and second["allow_plaintext"] is False


def test_mapping_form_and_bad_key_not_echoed() -> None:
    assert CONFIG_SCHEMA({"discovery": False}) == {"devices": [], "discovery": False}
    secret = "c2hvcnQta2V5"  # base64 but only 9 bytes
    with pytest.raises(vol.Invalid) as err:
        CONFIG_SCHEMA({"devices": [{"host": "x", "noise_psk": secret}]})
    assert secret not in str(err.value)
