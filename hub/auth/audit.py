"""The hook through which auth reports security-relevant actions to the audit log."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Protocol

from hub.context import Context


class AuditAction(StrEnum):
    """Actions the auth core records; the audit log stores them as plain strings."""

    LOGIN = "auth.login"
    LOGIN_MFA = "auth.login_mfa"
    USER_CREATE = "auth.user_create"
    USER_UPDATE = "auth.user_update"
    USER_REMOVE = "auth.user_remove"
    PASSWORD_CHANGE = "auth.password_change"
    TOKEN_CREATE = "auth.token_create"
    TOKEN_REVOKE = "auth.token_revoke"
    MFA_ENABLE = "auth.mfa_enable"
    MFA_DISABLE = "auth.mfa_disable"
    IP_BAN = "auth.ip_ban"
    IP_UNBAN = "auth.ip_unban"
    ONBOARDING = "auth.onboarding"
    PERMISSION_CHANGE = "permission.change"


class Outcome(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"


class AuditSink(Protocol):
    """Receives one record per security-relevant action; must not block or raise."""

    def record(
        self,
        action: str,
        *,
        user_id: str | None,
        context: Context | None,
        target: str | None,
        outcome: str,
        details: Mapping[str, Any],
    ) -> None: ...


class NullAuditSink:
    """Discards every record (the default until the hash-chained audit log exists)."""

    def record(
        self,
        action: str,
        *,
        user_id: str | None,
        context: Context | None,
        target: str | None,
        outcome: str,
        details: Mapping[str, Any],
    ) -> None:
        return None


def record_audit(
    sink: AuditSink,
    action: str,
    *,
    context: Context | None = None,
    target: str | None = None,
    outcome: str = "success",
    details: Mapping[str, Any] | None = None,
    user_id: str | None = None,
) -> None:
    """Record one action on `sink`; the user is the context's unless given."""
    if user_id is None and context is not None:
        user_id = context.user_id
    sink.record(
        action,
        user_id=user_id,
        context=context,
        target=target,
        outcome=outcome,
        details={} if details is None else details,
    )


class DelegatingAuditSink:
    """An AuditSink that passes each record on to the sink `delegate()` names at that moment."""

    def delegate(self) -> AuditSink:
        raise NotImplementedError

    def record(
        self,
        action: str,
        *,
        user_id: str | None,
        context: Context | None,
        target: str | None,
        outcome: str,
        details: Mapping[str, Any],
    ) -> None:
        self.delegate().record(
            action,
            user_id=user_id,
            context=context,
            target=target,
            outcome=outcome,
            details=details,
        )


class ForwardingAuditSink(DelegatingAuditSink):
    """Passes records to a sink that can be attached later (the hub's log starts after auth
    objects may already exist, e.g. an AuthManager built before the hub)."""

    def __init__(self, target: AuditSink | None = None) -> None:
        self.target: AuditSink = target or NullAuditSink()

    @property
    def attached(self) -> bool:
        return not isinstance(self.target, NullAuditSink)

    def delegate(self) -> AuditSink:
        return self.target
