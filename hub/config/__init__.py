"""Configuration: YAML with positions and tags, packages, shared validators, located errors."""

from .core import (
    CoreConfig,
    LoadedConfig,
    UnitSystem,
    config_for_domain,
    domain_of,
    load_configuration,
    validate_domain_config,
)
from .errors import ConfigError, from_invalid
from .nodes import Input, NodeDict, NodeList, NodeStr, SecretStr, Unresolved
from .validation import TemplateStr
from .yaml_loader import YamlSession, load_yaml

__all__ = [
    "ConfigError",
    "CoreConfig",
    "Input",
    "LoadedConfig",
    "NodeDict",
    "NodeList",
    "NodeStr",
    "SecretStr",
    "TemplateStr",
    "UnitSystem",
    "Unresolved",
    "YamlSession",
    "config_for_domain",
    "domain_of",
    "from_invalid",
    "load_configuration",
    "load_yaml",
    "validate_domain_config",
]
