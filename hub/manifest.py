"""Integration manifests: static data read and validated without importing the code."""

from __future__ import annotations

import importlib.util
import json
import logging
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import voluptuous as vol

from .errors import ValidationError

_LOGGER = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "bastion.integrations"
BUILTIN_PACKAGE = "integrations"
IOT_CLASSES = (
    "assumed_state",
    "calculated",
    "cloud_polling",
    "cloud_push",
    "local_polling",
    "local_push",
)

MANIFEST_SCHEMA = vol.Schema(
    {
        vol.Required("domain"): vol.Match(r"^[a-z0-9_]+$"),
        vol.Required("name"): str,
        vol.Optional("version", default="0.0.0"): str,
        vol.Optional("dependencies", default=[]): [str],
        vol.Optional("after_dependencies", default=[]): [str],
        vol.Optional("requirements", default=[]): [str],
        vol.Optional("iot_class", default="calculated"): vol.In(IOT_CLASSES),
        vol.Optional("documentation"): str,
        vol.Optional("codeowners", default=[]): [str],
        vol.Optional("always_load", default=False): bool,
        vol.Optional("setup_timeout"): vol.All(vol.Coerce(float), vol.Range(min=1, max=600)),
    },
    extra=vol.ALLOW_EXTRA,
)


@dataclass(frozen=True, slots=True)
class Manifest:
    """What an integration declares about itself."""

    domain: str
    name: str
    version: str
    dependencies: tuple[str, ...]
    after_dependencies: tuple[str, ...]
    requirements: tuple[str, ...]
    iot_class: str
    module: str
    path: Path
    builtin: bool
    always_load: bool = False
    setup_timeout: float | None = None


def read_manifest(path: Path, module: str, *, builtin: bool) -> Manifest:
    """Parse and validate one manifest.json."""
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ValidationError(f"{path}: cannot read manifest: {err}") from err
    try:
        data = MANIFEST_SCHEMA(raw)
    except vol.Invalid as err:
        raise ValidationError(f"{path}: invalid manifest: {err}") from err
    if module.rpartition(".")[2] != data["domain"]:
        raise ValidationError(f"{path}: domain {data['domain']!r} does not match package {module}")
    return Manifest(
        domain=data["domain"],
        name=data["name"],
        version=data["version"],
        dependencies=tuple(data["dependencies"]),
        after_dependencies=tuple(data["after_dependencies"]),
        requirements=tuple(data["requirements"]),
        iot_class=data["iot_class"],
        module=module,
        path=path.parent,
        builtin=builtin,
        always_load=data["always_load"],
        setup_timeout=data.get("setup_timeout"),
    )


def discover(extra_paths: list[Path] | None = None) -> tuple[dict[str, Manifest], list[str]]:
    """Find every integration: built-ins, then entry points; returns (manifests, problems)."""
    manifests: dict[str, Manifest] = {}
    problems: list[str] = []
    spec = importlib.util.find_spec(BUILTIN_PACKAGE)
    roots = list(spec.submodule_search_locations or []) if spec else []
    for root in roots:
        for manifest_path in sorted(Path(root).glob("*/manifest.json")):
            module = f"{BUILTIN_PACKAGE}.{manifest_path.parent.name}"
            try:
                manifest = read_manifest(manifest_path, module, builtin=True)
            except ValidationError as err:
                problems.append(str(err))
                continue
            manifests[manifest.domain] = manifest
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        module = ep.value.split(":")[0]
        try:
            ep_spec = importlib.util.find_spec(module)
        except (ImportError, ValueError) as err:
            problems.append(f"entry point {ep.name}: {err}")
            continue
        if ep_spec is None or not ep_spec.submodule_search_locations:
            problems.append(f"entry point {ep.name}: {module} is not a package")
            continue
        manifest_path = Path(next(iter(ep_spec.submodule_search_locations))) / "manifest.json"
        try:
            manifest = read_manifest(manifest_path, module, builtin=False)
        except ValidationError as err:
            problems.append(str(err))
            continue
        if manifest.domain in manifests:
            problems.append(
                f"entry point {ep.name}: domain {manifest.domain} is already provided by "
                f"{manifests[manifest.domain].module}; ignored"
            )
            continue
        manifests[manifest.domain] = manifest
    return manifests, problems


def setup_order(wanted: set[str], manifests: dict[str, Manifest]) -> tuple[list[str], list[str]]:
    """Order integrations so dependencies come first; returns (order, problems).

    Missing dependencies and cycles are problems; the integrations involved are left out.
    """
    problems: list[str] = []
    order: list[str] = []
    state: dict[str, str] = {}  # visiting | done | failed

    def visit(domain: str, chain: tuple[str, ...]) -> bool:
        status = state.get(domain)
        if status == "done":
            return True
        if status == "failed":
            return False
        if status == "visiting":
            cycle = " -> ".join((*chain[chain.index(domain) :], domain))
            problems.append(f"Dependency cycle: {cycle}")
            return False
        manifest = manifests.get(domain)
        if manifest is None:
            problems.append(
                f"Integration {domain!r} not found" + (f" (needed by {chain[-1]})" if chain else "")
            )
            state[domain] = "failed"
            return False
        state[domain] = "visiting"
        ok = all(visit(dep, (*chain, domain)) for dep in manifest.dependencies)
        for dep in manifest.after_dependencies:
            if dep in wanted and dep in manifests:
                visit(dep, (*chain, domain))  # ordering only; its failure does not block us
        state[domain] = "done" if ok else "failed"
        if ok:
            order.append(domain)
        return ok

    for domain in sorted(wanted):
        visit(domain, ())
    return order, problems
