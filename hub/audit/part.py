"""The audit subsystem as a hub part: the `audit:` YAML block, start/stop, daily retention,
and the accessors other parts use (`get_audit_sink`, `denied`)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import voluptuous as vol

from ..auth.audit import AuditSink, NullAuditSink, record_audit
from ..clock import Unsubscribe
from ..context import Context
from .capture import BusCapture
from .log import AuditLog

if TYPE_CHECKING:
    from ..runtime import Hub

_LOGGER = logging.getLogger(__name__)

PART_NAME = "audit"
DEFAULT_RETENTION_DAYS = 365
PRUNE_INTERVAL = 86_400.0  # seconds between retention runs
FIRST_PRUNE_DELAY = 600.0  # seconds after start before the first retention run

CONFIG_SCHEMA = vol.Schema(
    {
        vol.Optional("enabled", default=True): bool,
        vol.Optional("retention_days", default=DEFAULT_RETENTION_DAYS): vol.All(
            vol.Coerce(int), vol.Range(min=1)
        ),
        vol.Optional("hmac", default=True): bool,
        vol.Optional("services", default=[]): [vol.All(str, vol.Length(min=1))],
    }
)


@dataclass(frozen=True, slots=True)
class AuditConfig:
    """The validated `audit:` block."""

    enabled: bool = True
    retention_days: int = DEFAULT_RETENTION_DAYS
    hmac: bool = True
    services: tuple[str, ...] = ()  # extra domains or domain.service names to record

    @classmethod
    def from_raw(cls, raw: Any) -> AuditConfig:
        """Validate a raw block (None means defaults); raises vol.Invalid."""
        data = CONFIG_SCHEMA({} if raw is None else dict(raw) if isinstance(raw, Mapping) else raw)
        return cls(data["enabled"], data["retention_days"], data["hmac"], tuple(data["services"]))


class AuditPart:
    """Owns the hub's AuditLog and its bus capture; lives in `hub.parts["audit"]`."""

    def __init__(self, config: AuditConfig | None = None) -> None:
        self.config = config or AuditConfig()
        self.log: AuditLog | None = None
        self._capture: BusCapture | None = None
        self._cancel_prune: Unsubscribe | None = None
        self._hub: Hub | None = None

    @property
    def sink(self) -> AuditSink | None:
        """The running log, for `AuthManager(audit=...)`."""
        return self.log if self.log is not None and self.log.running else None

    async def start(self, hub: Hub) -> None:
        """Open the log and start capturing; raises AuditStoreError (the hub reports it)."""
        self._hub = hub
        log = AuditLog(hub.config_dir, clock=hub.clock, use_key=self.config.hmac)
        await log.start()
        self.log = log
        self._capture = BusCapture(hub.bus, hub.services, log, extra_services=self.config.services)
        self._capture.start()
        self._cancel_prune = hub.clock.call_later(FIRST_PRUNE_DELAY, self._prune_soon)

    async def stop(self) -> None:
        if self._cancel_prune is not None:
            self._cancel_prune()
            self._cancel_prune = None
        if self._capture is not None:
            self._capture.stop()
            self._capture = None
        if self.log is not None:
            await self.log.stop()

    async def prune(self) -> int:
        """Apply the retention now; returns the number of records removed."""
        if self.log is None or not self.log.running or self._hub is None:
            return 0
        cutoff = self._hub.clock.now() - timedelta(days=self.config.retention_days)
        return await self.log.prune(cutoff)

    def _prune_soon(self) -> None:
        if self._hub is None:
            return
        self._cancel_prune = self._hub.clock.call_later(PRUNE_INTERVAL, self._prune_soon)
        self._hub.tasks.create(self._prune_logged(), "audit-retention", owner=PART_NAME)

    async def _prune_logged(self) -> None:
        try:
            removed = await self.prune()
        except Exception:
            _LOGGER.exception("Audit retention failed")
            return
        if removed:
            _LOGGER.info("Audit retention removed %d records", removed)


def audit_part(hub: Hub, block: Any) -> AuditPart | None:
    """The part for a validated `audit:` block (None: defaults); None when disabled."""
    config = AuditConfig.from_raw(block)
    if not config.enabled:
        _LOGGER.warning("The audit log is disabled in the configuration")
        return None
    return AuditPart(config)


def get_audit_sink(hub: Hub) -> AuditSink:
    """The hub's audit log, or a sink that discards records when auditing is off."""
    part = hub.parts.get(PART_NAME)
    log = getattr(part, "log", None)
    return log if log is not None else NullAuditSink()


def denied(
    sink: AuditSink,
    *,
    context: Context | None,
    target: str | None,
    permission: str | None = None,
    reason: str = "",
    details: Mapping[str, Any] | None = None,
) -> None:
    """Record an `access.denied` record; call it where Unauthorized is raised."""
    extra = dict(details or {})
    if permission is not None:
        extra["permission"] = permission
    if reason:
        extra["reason"] = reason
    record_audit(
        sink, "access.denied", context=context, target=target, outcome="denied", details=extra
    )
