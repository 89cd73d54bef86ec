"""First-owner creation guarded by a one-time setup code printed at first start."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Protocol

from hub.clock import Clock
from hub.errors import AuthFailed, Unauthorized, ValidationError

from .audit import AuditAction, AuditSink, Outcome
from .throttle import IpBanned, LoginThrottle
from .users import User, UserRole

# No 0/O, 1/I/L, 5/S, 2/Z, 8/B: the code is read off a console and typed by hand.
SETUP_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
SETUP_GROUPS = 3
SETUP_GROUP_LENGTH = 4


class OwnerDirectory(Protocol):
    """What onboarding needs from AuthManager."""

    def has_users(self) -> bool: ...
    async def add_user(
        self, username: str, name: str, password: str, *, role: UserRole = ...
    ) -> User: ...


def _digest(code: str) -> bytes:
    normalized = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(normalized.encode()).digest()


class Onboarding:
    """Holds only the hash of the current setup code; consumed by the first owner."""

    def __init__(
        self, directory: OwnerDirectory, throttle: LoginThrottle, clock: Clock, audit: AuditSink
    ) -> None:
        self._directory = directory
        self._throttle = throttle
        self._clock = clock
        self._audit = audit
        self._code_hash: bytes | None = None

    def setup_code_required(self) -> bool:
        """True while no user exists: the hub must print a setup code."""
        return not self._directory.has_users()

    def new_setup_code(self) -> str:
        """A fresh code like 'K7QX-3MRT-9HCA' (the previous one stops working); caller prints it."""
        if not self.setup_code_required():
            raise Unauthorized("Onboarding is finished: users exist")
        groups = [
            "".join(secrets.choice(SETUP_ALPHABET) for _ in range(SETUP_GROUP_LENGTH))
            for _ in range(SETUP_GROUPS)
        ]
        code = "-".join(groups)
        self._code_hash = _digest(code)
        return code

    async def create_owner(
        self, code: str, username: str, name: str, password: str, *, remote_ip: str | None = None
    ) -> User:
        """Create the first owner; AuthFailed for a wrong code, Unauthorized once users exist."""
        if remote_ip is not None and self._throttle.is_banned(remote_ip):
            raise IpBanned(remote_ip)
        if not self.setup_code_required():
            raise Unauthorized("Onboarding is finished: users exist")
        expected = self._code_hash
        if expected is None or not hmac.compare_digest(expected, _digest(code[:64])):
            self._audit.record(
                AuditAction.ONBOARDING,
                user_id=None,
                context=None,
                target=None,
                outcome=Outcome.FAILURE,
                details={"remote_ip": remote_ip},
            )
            failure = await self._throttle.record_failure(remote_ip, "invalid_setup_code")
            if failure is not None and failure.delay > 0:
                await self._clock.sleep(failure.delay)
            raise AuthFailed("Invalid setup code")
        # Consumed before the first await so two racing requests cannot both create an owner;
        # a validation error (username, password) restores it for a corrected retry.
        self._code_hash = None
        try:
            user = await self._directory.add_user(username, name, password, role=UserRole.OWNER)
        except ValidationError:
            if self._code_hash is None and self.setup_code_required():
                self._code_hash = expected
            raise
        self._throttle.record_success(remote_ip)
        self._audit.record(
            AuditAction.ONBOARDING,
            user_id=user.id,
            context=None,
            target=user.id,
            outcome=Outcome.SUCCESS,
            details={"remote_ip": remote_ip},
        )
        return user
