"""Per-user TOTP second factor: enrolment, verification, recovery codes and disabling."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from hub.clock import Clock
from hub.context import Context
from hub.errors import NotFound, ValidationError

from . import mfa
from .audit import AuditAction, AuditSink, record_audit
from .persistence import AuthData
from .users import User


class MfaManager:
    """MFA records in the auth document; AuthManager delegates its MFA methods here."""

    def __init__(
        self,
        data: Callable[[], AuthData],
        save: Callable[[], Awaitable[None]],
        audit: AuditSink,
        clock: Clock,
    ) -> None:
        self._data = data
        self._save = save
        self._audit = audit
        self._clock = clock
        self._pending: dict[str, mfa.TotpSetup] = {}

    def _current_user(self, user_id: str) -> User:
        user = self._data().users.get(user_id)
        if user is None:
            raise NotFound(f"User {user_id} not found")
        return user

    def forget(self, user_id: str) -> None:
        """Drop an enrolment in progress (the user was removed)."""
        self._pending.pop(user_id, None)

    def begin_setup(self, user: User) -> mfa.TotpSetup:
        """A new TOTP secret to enrol; nothing changes until confirm_setup."""
        setup = mfa.new_setup(user.username or user.id)
        self._pending[user.id] = setup
        return setup

    async def confirm_setup(
        self, user: User, code: str, *, context: Context | None = None
    ) -> list[str]:
        """Enable TOTP if `code` matches the pending secret; returns 10 recovery codes."""
        setup = self._pending.get(user.id)
        if setup is None:
            raise ValidationError("No MFA setup in progress")
        record, codes = mfa.enable(setup, code, self._clock.now())
        current = self._current_user(user.id)
        del self._pending[user.id]
        data = self._data()
        data.mfa[user.id] = record
        data.users[user.id] = replace(current, mfa_enabled=True)
        await self._save()
        record_audit(self._audit, AuditAction.MFA_ENABLE, context=context, target=user.id)
        return codes

    async def verify(self, user: User, code: str) -> bool:
        """A fresh TOTP code (never one already used) or an unused recovery code."""
        data = self._data()
        record = data.mfa.get(user.id)
        if record is None:
            return False
        updated = mfa.verify(record, code, self._clock.now())
        if updated is None:
            return False
        data.mfa[user.id] = updated  # before any await: a replay racing us fails
        await self._save()
        return True

    async def disable(self, user: User, *, context: Context | None = None) -> None:
        current = self._current_user(user.id)
        data = self._data()
        data.mfa.pop(user.id, None)
        data.users[user.id] = replace(current, mfa_enabled=False)
        await self._save()
        record_audit(self._audit, AuditAction.MFA_DISABLE, context=context, target=user.id)

    async def regenerate_recovery_codes(self, user: User) -> list[str]:
        """Replace all recovery codes; the old ones stop working."""
        data = self._data()
        record = data.mfa.get(user.id)
        if record is None:
            raise ValidationError("MFA is not enabled")
        record, codes = mfa.regenerate_recovery_codes(record)
        data.mfa[user.id] = record
        await self._save()
        return codes

    def recovery_codes_left(self, user: User) -> int:
        record = self._data().mfa.get(user.id)
        return len(record.recovery_hashes) if record else 0
