"""check_config: every configuration problem, without starting the hub."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from .config.core import config_for_domain, load_configuration, validate_domain_config
from .loader import wanted_domains
from .manifest import discover, setup_order


def check_config(config_dir: Path) -> list[str]:
    """Load and validate the configuration; returns readable errors (empty when valid).

    Integrations are imported (not set up) to validate their `CONFIG_SCHEMA`; those that
    define `check_config(value, loaded) -> list` add deeper checks (e.g. automations).
    """
    config_dir = Path(config_dir)
    if not (config_dir / "configuration.yaml").exists():
        return [f"{config_dir / 'configuration.yaml'}: file not found"]
    loaded = load_configuration(config_dir)
    errors: list[Any] = list(loaded.errors)
    manifests, problems = discover()
    errors.extend(problems)
    order, order_problems = setup_order(wanted_domains(loaded.raw, manifests), manifests)
    errors.extend(order_problems)
    for domain in order:
        try:
            module = importlib.import_module(manifests[domain].module)
        except Exception as err:  # a broken plugin is a finding, not a crash
            errors.append(f"{domain}: cannot import integration: {err}")
            continue
        # Integrations that also read their own files (automations.yaml) are checked even
        # when configuration.yaml does not name them.
        blocks = config_for_domain(loaded.raw, domain) or [(domain, None)]
        schema = getattr(module, "CONFIG_SCHEMA", None)
        deep_check = getattr(module, "check_config", None)
        for key, value in blocks:
            validated = value
            if schema is not None:
                validated, domain_errors = validate_domain_config(
                    domain, schema, value, loaded, key=key
                )
                errors.extend(domain_errors)
                if domain_errors:
                    continue
            if deep_check is not None:
                errors.extend(deep_check(validated, loaded))
    return [str(e) for e in errors]
