"""Check configuration.yaml the way a start would: YAML, core block and each domain's schema."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from hub.config.core import CORE_DOMAINS, domain_of, load_configuration, validate_domain_config
from hub.manifest import discover

from .yaml_entities import domain_value

_LOGGER = logging.getLogger(__name__)


def check_configuration(config_dir: Path) -> list[str]:
    """Every problem found, as readable lines (empty when the configuration is valid).

    Blocking (reads files, imports integrations): run it with `ctx.run_blocking`.
    """
    loaded = load_configuration(config_dir)
    problems = [str(error) for error in loaded.errors]
    manifests, _ = discover()
    domains = {domain_of(key) for key in loaded.raw if isinstance(key, str)}
    for domain in sorted(domains - set(CORE_DOMAINS)):
        manifest = manifests.get(domain)
        if manifest is None:
            continue  # an unknown domain is reported (and ignored) by the loader at start
        try:
            module = importlib.import_module(manifest.module)
        except Exception as err:  # a broken plugin must not break the check itself
            _LOGGER.exception("Cannot import integration %s", domain)
            problems.append(f"{domain}: cannot import: {err}")
            continue
        schema = getattr(module, "CONFIG_SCHEMA", None)
        if schema is None:
            continue
        _, errors = validate_domain_config(domain, schema, domain_value(loaded.raw, domain), loaded)
        problems.extend(str(error) for error in errors)
    return problems
