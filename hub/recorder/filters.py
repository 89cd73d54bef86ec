"""Which entities and events get recorded, and how long each entity's rows are kept."""

from __future__ import annotations

from collections.abc import Callable

from .config import FilterSpec, RecorderConfig, RetentionRule, compile_globs


class RecordFilter:
    """Include/exclude decision per entity id (cached) and per event type.

    Precedence: excluded entity > included entity > excluded glob > included glob >
    excluded domain > included domain; with any include rule, anything unmatched is
    left out, otherwise it is recorded.
    """

    def __init__(self, include: FilterSpec, exclude: FilterSpec) -> None:
        self._include = include
        self._exclude = exclude
        self._inc_glob = compile_globs(include.entity_globs)
        self._exc_glob = compile_globs(exclude.entity_globs)
        self._cache: dict[str, bool] = {}

    def entity(self, entity_id: str) -> bool:
        """True when this entity's states are recorded."""
        verdict = self._cache.get(entity_id)
        if verdict is None:
            verdict = self._decide(entity_id)
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[entity_id] = verdict
        return verdict

    def _decide(self, entity_id: str) -> bool:
        inc, exc = self._include, self._exclude
        if entity_id in exc.entities:
            return False
        if entity_id in inc.entities:
            return True
        if self._exc_glob is not None and self._exc_glob.match(entity_id):
            return False
        if self._inc_glob is not None and self._inc_glob.match(entity_id):
            return True
        domain = entity_id.partition(".")[0]
        if domain in exc.domains:
            return False
        if domain in inc.domains:
            return True
        return not inc.has_entity_rules

    def event_type(self, event_type: str) -> bool:
        """True when events of this type are recorded (state events go through `entity`)."""
        if event_type in self._exclude.event_types:
            return False
        if self._include.event_types:
            return event_type in self._include.event_types
        return True


class RetentionPolicy:
    """keep_days per entity: entity rule > glob rule > device_class rule > domain rule > default."""

    def __init__(self, config: RecorderConfig) -> None:
        self.default = config.purge_keep_days
        rules = config.retention
        self._by_entity = {r.entity_id: r.keep_days for r in rules if r.entity_id}
        self._globs: list[tuple[Callable[[str], object], int]] = []
        for rule in rules:
            pattern = compile_globs(rule.entity_globs)
            if pattern is not None:
                self._globs.append((pattern.match, rule.keep_days))
        self._by_class = {r.device_class: r.keep_days for r in rules if r.device_class}
        self._by_domain = {r.domain: r.keep_days for r in rules if r.domain}
        self.rules: tuple[RetentionRule, ...] = rules

    @property
    def longest(self) -> int:
        """The longest keep_days of any rule or the default."""
        return max([self.default, *(r.keep_days for r in self.rules)])

    def keep_days(self, entity_id: str, device_class: str | None = None) -> int:
        """How many days of this entity's states to keep."""
        days = self._by_entity.get(entity_id)
        if days is not None:
            return days
        for match, glob_days in self._globs:
            if match(entity_id):
                return glob_days
        if device_class is not None and device_class in self._by_class:
            return self._by_class[device_class]
        domain = entity_id.partition(".")[0]
        return self._by_domain.get(domain, self.default)

    def protected(self, entity_id: str, device_class: str | None = None) -> bool:
        """True when a rule keeps this entity longer than the default (budget spares it)."""
        return self.keep_days(entity_id, device_class) > self.default
