"""Loading configuration.yaml: core block, packages, per-domain blocks, domain validation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

import voluptuous as vol

from . import validation as cv
from .errors import ConfigError, from_invalid, redact
from .nodes import NodeDict, Unresolved, contains_unresolved, position_of
from .packages import PACKAGE_KEY, merge_packages
from .yaml_loader import YamlSession

CONFIG_FILE = "configuration.yaml"
CORE_DOMAINS = ("homeassistant", "bastion")
_MAX_CORE_RETRIES = 32


class UnitSystem(StrEnum):
    """The unit systems a hub can display in."""

    METRIC = "metric"
    US_CUSTOMARY = "us_customary"


@dataclass(frozen=True, slots=True)
class CoreConfig:
    """The validated `homeassistant:` / `bastion:` block."""

    name: str = "Home"
    latitude: float = 0.0
    longitude: float = 0.0
    elevation: int = 0
    time_zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    unit_system: UnitSystem = UnitSystem.METRIC
    currency: str = "EUR"
    country: str | None = None
    language: str = "en"
    internal_url: str | None = None
    external_url: str | None = None
    allowlist_external_dirs: tuple[str, ...] = ()
    customize: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: MappingProxyType({}))
    packages: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class LoadedConfig:
    """configuration.yaml after includes, secrets and packages; errors never raised."""

    config_dir: Path
    raw: NodeDict
    core: CoreConfig
    errors: list[ConfigError]
    secret_values: frozenset[str] = field(default=frozenset(), repr=False)


def _unit_system(value: Any) -> UnitSystem:
    text = cv.string(value).strip().lower()
    if text == "imperial":  # the old name
        return UnitSystem.US_CUSTOMARY
    try:
        return UnitSystem(text)
    except ValueError:
        raise vol.Invalid("unit_system must be metric or us_customary") from None


def _customize(value: Any) -> dict[str, dict[str, Any]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise vol.Invalid("customize must map entity ids to attributes")
    result = {}
    for entity, attributes in value.items():
        try:
            checked = cv.entity_id(entity)
        except vol.Invalid as err:
            raise vol.Invalid(err.error_message, path=[entity]) from None
        if attributes is not None and not isinstance(attributes, dict):
            raise vol.Invalid("attributes must be a mapping", path=[entity])
        result[checked] = MappingProxyType(dict(attributes or {}))
    return result


CORE_SCHEMA = vol.Schema(
    {
        vol.Optional("name"): cv.string,
        vol.Optional("latitude"): cv.latitude,
        vol.Optional("longitude"): cv.longitude,
        vol.Optional("elevation"): vol.Coerce(int),
        vol.Optional("time_zone"): cv.time_zone,
        vol.Optional("unit_system"): _unit_system,
        vol.Optional("temperature_unit"): cv.temperature_unit,
        vol.Optional("currency"): vol.All(
            cv.string, vol.Upper, vol.Match(r"^[A-Z]{3}$", msg="invalid ISO 4217 currency code")
        ),
        vol.Optional("country"): vol.All(
            cv.string, vol.Upper, vol.Match(r"^[A-Z]{2}$", msg="invalid ISO 3166 country code")
        ),
        vol.Optional("language"): cv.string,
        vol.Optional("internal_url"): cv.url,
        vol.Optional("external_url"): cv.url,
        vol.Optional("allowlist_external_dirs"): vol.All(cv.ensure_list, [cv.string]),
        vol.Optional("allowlist_external_urls"): vol.All(cv.ensure_list, [cv.url]),
        vol.Optional("media_dirs"): vol.Schema({cv.string: cv.string}),
        vol.Optional("customize"): _customize,
        vol.Optional("customize_domain"): dict,
        vol.Optional("customize_glob"): dict,
        vol.Optional(PACKAGE_KEY): object,  # merged before validation
        vol.Optional("auth_providers"): list,
        vol.Optional("auth_mfa_modules"): list,
        vol.Optional("legacy_templates"): cv.boolean,
        vol.Optional("debug"): cv.boolean,
        vol.Optional("radius"): cv.positive_int,
    }
)


def domain_of(key: str) -> str:
    """The domain of a top-level key: `automation named` → `automation`."""
    return key.partition(" ")[0]


def config_for_domain(raw: Mapping[Any, Any], domain: str) -> list[tuple[str, Any]]:
    """Every top-level block for `domain` (`automation`, `automation 2`, ...) in file order."""
    return [
        (key, value)
        for key, value in raw.items()
        if isinstance(key, str) and domain_of(key) == domain
    ]


def retained(loaded: LoadedConfig, domains: Iterable[str]) -> LoadedConfig:
    """`loaded` keeping only the top-level blocks of `domains`, for a hub that has set up.

    The full tree (with every YAML position) is only needed while integrations set up; reloads
    read the files again. Whatever an integration keeps of its own config stays alive.
    """
    keep = frozenset(domains)
    raw = loaded.raw
    slim = NodeDict(
        ((k, v) for k, v in raw.items() if isinstance(k, str) and domain_of(k) in keep),
        raw.file,
        raw.line,
    )
    slim.positions = {k: pos for k, pos in raw.positions.items() if k in slim}
    return replace(loaded, raw=slim)


def _core_block(raw: NodeDict, errors: list[ConfigError]) -> NodeDict:
    """The merged core block (homeassistant: + bastion:) and the position for messages."""
    block = NodeDict()
    for key in CORE_DOMAINS:
        value = raw.get(key)
        if value is None or isinstance(value, Unresolved):
            continue
        if not isinstance(value, dict):
            file, line = raw.position(key)
            errors.append(ConfigError("expected a mapping", file=file, line=line, path=(key,)))
            continue
        if block.file is None:
            block.file, block.line = position_of(value)
        for item_key, item in value.items():
            position = value.position(item_key) if isinstance(value, NodeDict) else (None, None)
            if item_key in block:
                errors.append(
                    ConfigError(
                        f"also set in the other core block at {block.position(item_key)[0]}:"
                        f"{block.position(item_key)[1]}",
                        file=position[0],
                        line=position[1],
                        path=(key, item_key),
                        domain=key,
                    )
                )
                continue
            block[item_key] = item
            block.positions[item_key] = position
    return block


def _validate_core(block: NodeDict, errors: list[ConfigError], secrets: frozenset[str]) -> dict:
    """Validate the core block, dropping invalid keys one by one so the rest still applies."""
    data = NodeDict(block, block.file, block.line)
    data.positions.update(block.positions)
    for _ in range(_MAX_CORE_RETRIES):
        try:
            return CORE_SCHEMA(data)
        except vol.Invalid as err:
            found = from_invalid(err, data, "homeassistant", secrets=secrets)
            errors.extend(found)
            bad = {e.path[1] for e in found if len(e.path) > 1 and e.path[1] in data}
            if not bad:
                return {}
            for key in bad:
                del data[key]
    return {}


def _core_config(values: dict[str, Any], packages: Any) -> CoreConfig:
    defaults = CoreConfig()
    package_names = packages if isinstance(packages, Mapping) else {}
    return CoreConfig(
        name=values.get("name", defaults.name),
        latitude=values.get("latitude", defaults.latitude),
        longitude=values.get("longitude", defaults.longitude),
        elevation=values.get("elevation", defaults.elevation),
        time_zone=ZoneInfo(values["time_zone"]) if "time_zone" in values else defaults.time_zone,
        unit_system=values.get("unit_system", defaults.unit_system),
        currency=values.get("currency", defaults.currency),
        country=values.get("country"),
        language=values.get("language", defaults.language),
        internal_url=values.get("internal_url"),
        external_url=values.get("external_url"),
        allowlist_external_dirs=tuple(values.get("allowlist_external_dirs", ())),
        customize=MappingProxyType(dict(values.get("customize", {}))),
        packages=MappingProxyType(dict(package_names)),
    )


def _empty(config_dir: Path, errors: list[ConfigError]) -> LoadedConfig:
    return LoadedConfig(config_dir, NodeDict(file=CONFIG_FILE, line=1), CoreConfig(), errors)


def load_configuration(config_dir: Path) -> LoadedConfig:
    """Load `<config_dir>/configuration.yaml`; every problem lands in `.errors`, none raises."""
    config_dir = Path(config_dir)
    if not (config_dir / CONFIG_FILE).exists():
        return _empty(config_dir, [])
    session = YamlSession(config_dir)
    try:
        data = session.load(Path(CONFIG_FILE))
    except ConfigError as err:
        return _empty(config_dir, [*session.errors, err])
    errors = session.errors
    if data is None:
        data = NodeDict(file=CONFIG_FILE, line=1)
    if not isinstance(data, NodeDict):
        errors.append(ConfigError("the top level must be a mapping of domains", file=CONFIG_FILE))
        return _empty(config_dir, errors)
    raw = NodeDict((), data.file, data.line)
    for key, value in data.items():
        if isinstance(value, Unresolved):
            continue  # its error is already recorded
        if not isinstance(key, str):
            file, line = data.position(key)
            errors.append(ConfigError("domain key must be a string", file=file, line=line))
            continue
        raw[key] = value
        raw.positions[key] = data.position(key)
    block = _core_block(raw, errors)
    packages = block.get(PACKAGE_KEY)
    if PACKAGE_KEY in block:
        raw = merge_packages(raw, packages, block.position(PACKAGE_KEY), errors)
        # Conflicts between the two core blocks were already reported on the first pass.
        block = _core_block(raw, [])
    secrets = frozenset(session.secret_values)
    values = _validate_core(block, errors, secrets)
    core = _core_config(values, packages)
    errors = [_redacted(err, secrets) for err in errors]
    return LoadedConfig(config_dir, raw, core, errors, secrets)


def _redacted(error: ConfigError, secrets: frozenset[str]) -> ConfigError:
    message = redact(error.message, secrets)
    if message == error.message:
        return error
    return ConfigError(
        message,
        file=error.file,
        line=error.line,
        column=error.column,
        path=error.path,
        domain=error.domain,
    )


def validate_domain_config(
    domain: str,
    schema: vol.Schema,
    raw_value: Any,
    loaded: LoadedConfig,
    *,
    key: str | None = None,
) -> tuple[Any | None, list[ConfigError]]:
    """Validate one domain block (the value under `domain:` / `key:`) with its CONFIG_SCHEMA.

    Returns (validated, []) or (None, errors) with file:line and the key path of each error.
    """
    head = key or domain
    fallback = loaded.raw.position(head) if head in loaded.raw else (None, None)
    if contains_unresolved(raw_value):
        file, line = position_of(raw_value)
        if file is None:
            file, line = fallback
        message = "not loaded because an !include, !secret or !env_var in it failed"
        return None, [ConfigError(message, file=file, line=line, path=(head,), domain=domain)]
    try:
        return schema(raw_value), []
    except vol.Invalid as err:
        errors = from_invalid(err, raw_value, domain, key=key, secrets=loaded.secret_values)
    return None, [_with_fallback(error, fallback) for error in errors]


def _with_fallback(error: ConfigError, fallback: tuple[str | None, int | None]) -> ConfigError:
    if error.file is not None or fallback[0] is None:
        return error
    return ConfigError(
        error.message,
        file=fallback[0],
        line=fallback[1],
        path=error.path,
        domain=error.domain,
    )
