"""The append-only, hash-chained audit log (see docs/audit-log.md)."""

from .capture import EVENT_BASTION_AUDIT, SECURITY_DOMAINS
from .chain import AuditRecord, Problem, VerifyReport
from .log import AuditLog
from .part import CONFIG_SCHEMA, AuditConfig, AuditPart, audit_part, denied, get_audit_sink
from .store import AuditStoreError

__all__ = [
    "CONFIG_SCHEMA",
    "EVENT_BASTION_AUDIT",
    "SECURITY_DOMAINS",
    "AuditConfig",
    "AuditLog",
    "AuditPart",
    "AuditRecord",
    "AuditStoreError",
    "Problem",
    "VerifyReport",
    "audit_part",
    "denied",
    "get_audit_sink",
]
