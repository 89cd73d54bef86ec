"""Recorder configuration: the `recorder:` YAML schema and the frozen RecorderConfig it yields."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import voluptuous as vol

DEFAULT_DB_FILE = "bastion.db"
DEFAULT_COMMIT_INTERVAL = 1.0
DEFAULT_KEEP_DAYS = 10
DEFAULT_BUFFER_LIMIT = 100_000
DEFAULT_COMMIT_BATCH = 1_000  # queued items that are committed without waiting for the interval
DEFAULT_KEEP_PRE_MIGRATION_COPIES = 2  # SQLite copies written before schema migrations


def _str_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    raise vol.Invalid("expected a string or a list of strings")


_FILTER_SCHEMA = vol.Schema(
    {
        vol.Optional("domains", default=[]): _str_list,
        vol.Optional("entities", default=[]): _str_list,
        vol.Optional("entity_globs", default=[]): _str_list,
        vol.Optional("event_types", default=[]): _str_list,
    }
)


def _one_selector(value: dict[str, Any]) -> dict[str, Any]:
    keys = [k for k in ("domain", "entity_id", "entity_globs", "device_class") if k in value]
    if len(keys) != 1:
        raise vol.Invalid(
            "each retention rule needs exactly one of domain, entity_id, entity_globs, device_class"
        )
    return value


_RETENTION_SCHEMA = vol.All(
    {
        vol.Optional("domain"): str,
        vol.Optional("entity_id"): str,
        vol.Optional("entity_globs"): _str_list,
        vol.Optional("device_class"): str,
        vol.Required("keep_days"): vol.All(vol.Coerce(int), vol.Range(min=0)),
    },
    _one_selector,
)

CONFIG_SCHEMA = vol.Schema(
    {
        vol.Optional("db_url"): vol.Any(None, str),
        vol.Optional("commit_interval", default=DEFAULT_COMMIT_INTERVAL): vol.All(
            vol.Coerce(float), vol.Range(min=0, max=3600)
        ),
        vol.Optional("purge_keep_days", default=DEFAULT_KEEP_DAYS): vol.All(
            vol.Coerce(int), vol.Range(min=0)
        ),
        vol.Optional("auto_purge", default=True): bool,
        vol.Optional("retention", default=[]): [_RETENTION_SCHEMA],
        vol.Optional("max_db_size_mb"): vol.Any(None, vol.All(vol.Coerce(float), vol.Range(min=1))),
        vol.Optional("include", default={}): _FILTER_SCHEMA,
        vol.Optional("exclude", default={}): _FILTER_SCHEMA,
        vol.Optional("buffer_limit", default=DEFAULT_BUFFER_LIMIT): vol.All(
            vol.Coerce(int), vol.Range(min=1)
        ),
        vol.Optional("commit_batch", default=DEFAULT_COMMIT_BATCH): vol.All(
            vol.Coerce(int), vol.Range(min=1)
        ),
        vol.Optional(
            "keep_pre_migration_copies", default=DEFAULT_KEEP_PRE_MIGRATION_COPIES
        ): vol.All(vol.Coerce(int), vol.Range(min=0)),
    }
)


@dataclass(frozen=True, slots=True)
class FilterSpec:
    """One include or exclude block."""

    domains: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()
    entity_globs: tuple[str, ...] = ()
    event_types: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FilterSpec:
        return cls(
            frozenset(data.get("domains", ())),
            frozenset(data.get("entities", ())),
            tuple(data.get("entity_globs", ())),
            frozenset(data.get("event_types", ())),
        )

    @property
    def has_entity_rules(self) -> bool:
        return bool(self.domains or self.entities or self.entity_globs)


@dataclass(frozen=True, slots=True)
class RetentionRule:
    """Keep rows matching one selector for `keep_days` days."""

    keep_days: int
    domain: str | None = None
    entity_id: str | None = None
    entity_globs: tuple[str, ...] = ()
    device_class: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RetentionRule:
        return cls(
            int(data["keep_days"]),
            data.get("domain"),
            data.get("entity_id"),
            tuple(data.get("entity_globs", ())),
            data.get("device_class"),
        )


@dataclass(frozen=True, slots=True)
class RecorderConfig:
    """Validated recorder settings. `time_zone` comes from the core config, not the block."""

    db_url: str | None = None
    commit_interval: float = DEFAULT_COMMIT_INTERVAL
    purge_keep_days: int = DEFAULT_KEEP_DAYS
    auto_purge: bool = True
    retention: tuple[RetentionRule, ...] = ()
    max_db_size_mb: float | None = None
    include: FilterSpec = field(default_factory=FilterSpec)
    exclude: FilterSpec = field(default_factory=FilterSpec)
    buffer_limit: int = DEFAULT_BUFFER_LIMIT
    commit_batch: int = DEFAULT_COMMIT_BATCH
    keep_pre_migration_copies: int = DEFAULT_KEEP_PRE_MIGRATION_COPIES
    time_zone: str = "UTC"

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any] | None, *, time_zone: str = "UTC") -> RecorderConfig:
        """Validate a `recorder:` block (raises vol.Invalid) and freeze it."""
        data = CONFIG_SCHEMA(dict(raw or {}))
        return cls(
            db_url=data.get("db_url"),
            commit_interval=data["commit_interval"],
            purge_keep_days=data["purge_keep_days"],
            auto_purge=data["auto_purge"],
            retention=tuple(RetentionRule.from_dict(r) for r in data["retention"]),
            max_db_size_mb=data.get("max_db_size_mb"),
            include=FilterSpec.from_dict(data["include"]),
            exclude=FilterSpec.from_dict(data["exclude"]),
            buffer_limit=data["buffer_limit"],
            commit_batch=data["commit_batch"],
            keep_pre_migration_copies=data["keep_pre_migration_copies"],
            time_zone=time_zone,
        )

    def database_url(self, config_dir: Path) -> str:
        """The SQLAlchemy URL: `db_url`, or SQLite at `<config>/bastion.db`."""
        if self.db_url:
            return self.db_url
        return f"sqlite:///{(Path(config_dir) / DEFAULT_DB_FILE).resolve()}"


def compile_globs(globs: tuple[str, ...] | list[str]) -> re.Pattern[str] | None:
    """One regex matching any of the shell-style globs, or None for no globs."""
    if not globs:
        return None
    return re.compile("|".join(f"(?:{fnmatch.translate(g)})" for g in globs))
