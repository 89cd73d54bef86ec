"""load_configuration: core block, packages, suffixed domains, tolerant loading, domain schemas."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent
from zoneinfo import ZoneInfo

import voluptuous as vol

from hub.config import (
    ConfigError,
    UnitSystem,
    config_for_domain,
    load_configuration,
    validate_domain_config,
)
from hub.config import validation as cv
from hub.errors import ValidationError


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
    return root


AUTOMATION_SCHEMA = vol.Schema(
    vol.All(
        cv.ensure_list,
        [
            vol.Schema(
                {
                    vol.Required("alias"): cv.string,
                    vol.Required("triggers"): [
                        vol.Schema({vol.Required("trigger"): cv.string, "entity_id": cv.entity_ids})
                    ],
                }
            )
        ],
    )
)


def test_missing_configuration_gives_empty_config(tmp_path: Path) -> None:
    loaded = load_configuration(tmp_path)
    assert loaded.raw == {} and loaded.errors == []
    assert loaded.core.name == "Home" and loaded.core.time_zone == ZoneInfo("UTC")


def test_core_block_is_validated(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": """\
                homeassistant:
                  name: Cabin
                  latitude: 52.37
                  longitude: "4.89"
                  elevation: 3
                  time_zone: Europe/Amsterdam
                  unit_system: imperial
                  currency: usd
                  country: nl
                  external_url: https://cabin.example.com
                  allowlist_external_dirs: /media
                  customize:
                    light.Porch:
                      friendly_name: Porch
                """
        },
    )
    loaded = load_configuration(tmp_path)
    assert loaded.errors == []
    core = loaded.core
    assert core.name == "Cabin" and core.longitude == 4.89 and core.elevation == 3
    assert core.time_zone == ZoneInfo("Europe/Amsterdam")
    assert core.unit_system is UnitSystem.US_CUSTOMARY
    assert (core.currency, core.country) == ("USD", "NL")
    assert core.allowlist_external_dirs == ("/media",)
    assert core.customize["light.porch"]["friendly_name"] == "Porch"


def test_bastion_block_is_accepted_as_core(tmp_path: Path) -> None:
    write(tmp_path, {"configuration.yaml": "bastion:\n  name: Shop\n"})
    assert load_configuration(tmp_path).core.name == "Shop"


def test_invalid_core_keys_are_reported_and_the_rest_applies(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": """\
                homeassistant:
                  name: Cabin
                  time_zone: Mars/Olympus
                  latitude: 123
                  bogus: 1
                light:
                  - platform: demo
                """
        },
    )
    loaded = load_configuration(tmp_path)
    assert loaded.core.name == "Cabin" and loaded.core.latitude == 0.0
    texts = sorted(str(e) for e in loaded.errors)
    assert texts == [
        "configuration.yaml:3: homeassistant -> time_zone: invalid time zone 'Mars/Olympus'"
        " (got 'Mars/Olympus')",
        "configuration.yaml:4: homeassistant -> latitude: invalid latitude (got 123)",
        "configuration.yaml:5: homeassistant -> bogus: extra keys not allowed (got 1)",
    ]
    assert all(isinstance(e, ValidationError) for e in loaded.errors)
    assert config_for_domain(loaded.raw, "light") == [("light", [{"platform": "demo"}])]


def test_broken_configuration_yaml_gives_empty_config_with_error(tmp_path: Path) -> None:
    write(tmp_path, {"configuration.yaml": "a: 1\n  b: 2\n"})
    loaded = load_configuration(tmp_path)
    assert loaded.raw == {}
    assert len(loaded.errors) == 1 and loaded.errors[0].line == 2


def test_broken_included_file_only_drops_its_domain(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": "automation: !include automations.yaml\nsun:\n",
            "automations.yaml": "- alias: x\n  bad: [\n",
        },
    )
    loaded = load_configuration(tmp_path)
    assert "automation" not in loaded.raw and "sun" in loaded.raw
    assert loaded.errors[0].file == "automations.yaml"


def test_suffixed_domain_keys(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": """\
                automation: [{alias: a}]
                automation named: [{alias: b}]
                automation 2: {alias: c}
                automations: other
                """
        },
    )
    loaded = load_configuration(tmp_path)
    blocks = config_for_domain(loaded.raw, "automation")
    assert [key for key, _ in blocks] == ["automation", "automation named", "automation 2"]
    assert blocks[2][1] == {"alias": "c"}


def test_packages_merge_rules(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": """\
                homeassistant:
                  packages: !include_dir_named packages
                automation:
                  - alias: main
                sensor: {platform: main}
                input_boolean:
                  guest: {name: Guest}
                recorder:
                  purge_keep_days: 10
                  exclude: {domains: [sun]}
                """,
            "packages/kitchen.yaml": """\
                homeassistant:
                  customize:
                    light.kitchen: {icon: "mdi:stove"}
                automation:
                  alias: kitchen
                sensor:
                  - platform: kitchen
                input_boolean:
                  cooking: {name: Cooking}
                recorder:
                  purge_keep_days: 10
                  exclude: {domains: [automation]}
                new_domain: {enabled: true}
                """,
        },
    )
    loaded = load_configuration(tmp_path)
    assert loaded.errors == []
    raw = loaded.raw
    assert raw["automation"] == [{"alias": "main"}, {"alias": "kitchen"}]
    assert raw["automation"][1].file == "packages/kitchen.yaml"
    assert raw["sensor"] == [{"platform": "main"}, {"platform": "kitchen"}]
    assert raw["input_boolean"] == {"guest": {"name": "Guest"}, "cooking": {"name": "Cooking"}}
    assert raw["input_boolean"].position("cooking") == ("packages/kitchen.yaml", 9)
    assert raw["recorder"]["exclude"]["domains"] == ["sun", "automation"]
    assert raw["new_domain"] == {"enabled": True}
    assert loaded.core.customize["light.kitchen"]["icon"] == "mdi:stove"
    assert set(loaded.core.packages) == {"kitchen"}


def test_package_conflict_names_package_and_lines(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": """\
                homeassistant:
                  packages:
                    garage:
                      recorder:
                        purge_keep_days: 3
                      light:
                        - platform: garage
                recorder:
                  purge_keep_days: 10
                """
        },
    )
    loaded = load_configuration(tmp_path)
    assert [str(e) for e in loaded.errors] == [
        "configuration.yaml:5: homeassistant -> packages -> garage -> recorder -> "
        "purge_keep_days: package 'garage' sets a value that conflicts with "
        "configuration.yaml:9; this package's 'recorder' block is ignored"
    ]
    assert loaded.raw["recorder"] == {"purge_keep_days": 10}
    assert loaded.raw["light"] == [{"platform": "garage"}]


def test_schema_errors_point_into_included_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": "automation: !include automations.yaml\n",
            "automations.yaml": """\
                - alias: fine
                  triggers:
                    - trigger: state
                      entity_id: light.ok
                - alias: broken
                  triggers:
                    - trigger: state
                      entity_id: Not An Entity
                - triggers: []
                """,
        },
    )
    loaded = load_configuration(tmp_path)
    value, errors = validate_domain_config(
        "automation", AUTOMATION_SCHEMA, loaded.raw["automation"], loaded
    )
    assert value is None
    assert [str(e) for e in errors] == [
        "automations.yaml:8: automation -> 1 -> triggers -> 0 -> entity_id: "
        "entity ID not an entity is an invalid entity ID (got 'Not An Entity')",
    ]
    _, missing = validate_domain_config(
        "automation", AUTOMATION_SCHEMA, loaded.raw["automation"][2:], loaded
    )
    assert [str(e) for e in missing] == [
        "automations.yaml:9: automation -> 0 -> alias: required key not provided"
    ]
    assert errors[0].domain == "automation"


def test_validate_domain_config_success_and_suffixed_key(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": """\
                automation extra:
                  - alias: a
                    triggers: [{trigger: state, entity_id: "light.a, light.b"}]
                  - alias: b
                    triggers: 5
                """
        },
    )
    loaded = load_configuration(tmp_path)
    ((key, raw),) = config_for_domain(loaded.raw, "automation")
    value, errors = validate_domain_config(
        "automation", AUTOMATION_SCHEMA, raw[:1], loaded, key=key
    )
    assert errors == []
    assert value[0]["triggers"][0]["entity_id"] == ["light.a", "light.b"]
    _, errors = validate_domain_config("automation", AUTOMATION_SCHEMA, raw, loaded, key=key)
    assert str(errors[0]).startswith("configuration.yaml:5: automation extra -> 1 -> triggers:")


def test_unresolved_block_is_not_validated(tmp_path: Path) -> None:
    write(tmp_path, {"configuration.yaml": "notify:\n  - token: !secret missing\n"})
    loaded = load_configuration(tmp_path)
    assert "secret 'missing' not found" in str(loaded.errors[0])
    value, errors = validate_domain_config("notify", vol.Schema(list), loaded.raw["notify"], loaded)
    assert value is None and errors[0].line == 2


def test_secret_value_never_appears_in_errors(tmp_path: Path) -> None:
    secret = "Tr0ub4dor&3horse"
    write(
        tmp_path,
        {
            "configuration.yaml": """\
                homeassistant:
                  name: !secret pw
                  external_url: !secret pw
                  currency: !secret pw
                mqtt:
                  password: !secret pw
                  port: !secret pw
                  note: "prefix Tr0ub4dor&3horse suffix"
                """,
            "secrets.yaml": f"pw: {secret!r}\n",
        },
    )
    loaded = load_configuration(tmp_path)
    schema = vol.Schema(
        {
            "password": vol.All(cv.string, vol.Length(max=3)),
            "port": cv.port,
            "note": vol.In(["x"], msg="bad note"),
        }
    )

    def strict(value: object) -> object:
        raise vol.Invalid(f"value {value} rejected")

    _, errors = validate_domain_config("mqtt", schema, loaded.raw["mqtt"], loaded)
    _, more = validate_domain_config(
        "mqtt", vol.Schema({"password": strict}, extra=vol.ALLOW_EXTRA), loaded.raw["mqtt"], loaded
    )
    all_errors: list[ConfigError] = [*loaded.errors, *errors, *more]
    assert len(all_errors) >= 5
    for error in all_errors:
        assert secret not in str(error) and secret not in repr(error)
        assert secret not in error.message
    assert "mqtt -> password" in str(more[0]) and more[0].line == 6


def test_empty_and_non_mapping_configuration(tmp_path: Path) -> None:
    write(tmp_path, {"configuration.yaml": "# nothing yet\n"})
    loaded = load_configuration(tmp_path)
    assert loaded.raw == {} and loaded.errors == []
    write(tmp_path, {"configuration.yaml": "- a\n- b\n"})
    loaded = load_configuration(tmp_path)
    assert loaded.raw == {}
    assert str(loaded.errors[0]) == "configuration.yaml: the top level must be a mapping of domains"


def test_invalid_packages_value_is_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": """\
                homeassistant:
                  packages:
                    good: {sun: {}}
                    bad: [1, 2]
                """
        },
    )
    loaded = load_configuration(tmp_path)
    assert "sun" in loaded.raw
    assert str(loaded.errors[0]) == (
        "configuration.yaml:4: homeassistant -> packages -> bad: "
        "a package must be a mapping of domain to configuration"
    )
