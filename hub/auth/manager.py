"""AuthManager: the one object the API and CLI use for users, tokens, MFA and login."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import argon2

from hub.clock import Clock
from hub.context import Context
from hub.errors import AuthFailed, NotFound, ValidationError
from hub.storage import StorageError

from .access_tokens import Verified, VerifiedTokens, encode_access_token, parse_access_token
from .audit import AuditAction, AuditSink, ForwardingAuditSink, Outcome, record_audit
from .login_flow import LoginFlowManager
from .mfa import TotpSetup
from .onboarding import Onboarding
from .permissions import EntityLookup, PermissionChecker, Role, TokenScope
from .persistence import AuthData
from .roles import RoleManager
from .second_factor import MfaManager
from .shared_file import SharedAuthFile
from .throttle import BAN_DURATION, FAILURE_WINDOW, LOGIN_ATTEMPTS_THRESHOLD, Ban, LoginThrottle
from .tokens import (
    ACCESS_TOKEN_LIFETIME,
    LONG_LIVED_DAYS,
    RefreshToken,
    TokenType,
    hash_secret,
    mark_used,
    matches_hash,
    new_refresh_token,
)
from .users import (
    PasswordHasher,
    User,
    UserRole,
    new_user_id,
    validate_name,
    validate_password,
    validate_username,
)

_LOGGER = logging.getLogger(__name__)

SAVE_DELAY = 5.0  # debounce for last-used bookkeeping; real changes are saved at once
LAST_USED_RESOLUTION = timedelta(minutes=1)  # long-lived token use is recorded this coarsely
MAX_LONG_LIVED_DAYS = 36500


class InvalidGrant(AuthFailed):
    """An authorization code or refresh token was unknown, expired or for another client."""


@dataclass(frozen=True, slots=True)
class TokenGrant:
    """The answer of the token endpoint; `as_dict()` is the Home Assistant wire shape."""

    access_token: str
    expires_in: int  # seconds
    token: RefreshToken
    refresh_token: str | None = None  # only when a code was exchanged

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "access_token": self.access_token,
            "token_type": "Bearer",
            "expires_in": self.expires_in,
        }
        if self.refresh_token is not None:
            data["refresh_token"] = self.refresh_token
            data["ha_auth_provider"] = "homeassistant"
        return data


class AuthManager:
    """Users, credentials, tokens, MFA, roles, login flows, throttling and onboarding."""

    def __init__(
        self,
        config_dir: Path | str,
        clock: Clock | None = None,
        *,
        access_token_lifetime: timedelta = ACCESS_TOKEN_LIFETIME,
        login_attempts_threshold: int = LOGIN_ATTEMPTS_THRESHOLD,
        failure_window: timedelta = FAILURE_WINDOW,
        ban_duration: timedelta | None = BAN_DURATION,
        require_mfa_for: Iterable[UserRole | str] = (),
        password_hasher: argon2.PasswordHasher | None = None,
        audit: AuditSink | None = None,
    ) -> None:
        self._clock = clock or Clock()
        self._file = SharedAuthFile(config_dir, self._clock, self._on_file_change)
        self._hasher = PasswordHasher(password_hasher)
        self._audit = ForwardingAuditSink(audit)
        self.revision = 0  # bumped on every change of users, roles or tokens
        self.access_token_lifetime = access_token_lifetime
        self.require_mfa_for = frozenset(UserRole(role) for role in require_mfa_for)
        self.throttle = LoginThrottle(
            config_dir,
            self._clock,
            threshold=login_attempts_threshold,
            window=failure_window,
            ban_duration=ban_duration,
        )
        self.throttle.listen_ban(self._on_ban)
        self.login_flows = LoginFlowManager(self, self.throttle, self._clock, self._audit)
        self.onboarding = Onboarding(self, self.throttle, self._clock, self._audit)
        self._mfa = MfaManager(self._current_data, self.save, self._audit, self._clock)
        self._roles = RoleManager(self._current_data, self.save, self._audit)
        self._save_handle: asyncio.TimerHandle | None = None
        self._save_task: asyncio.Task[None] | None = None
        self._verified = VerifiedTokens()
        self._change_listeners: list[Callable[[], None]] = []

    # -- persistence -------------------------------------------------------------------------

    @property
    def _data(self) -> AuthData:
        return self._file.data

    def _current_data(self) -> AuthData:
        return self._file.data

    async def load(self) -> None:
        """Read users, tokens and bans from disk (safe to use from a CLI via asyncio.run)."""
        await self._file.load()
        await self.throttle.load()

    def attach_audit(self, sink: AuditSink) -> bool:
        """Send audit records to `sink` unless a sink was given at construction; True if set."""
        if self._audit.attached:
            return False
        self._audit.target = sink
        return True

    async def save(self) -> None:
        """Write now, first merging what another process (the CLI) wrote meanwhile.

        Nothing another writer did is lost or undone (see shared_file.py).
        """
        self.revision += 1
        self._cancel_scheduled_save()
        try:
            await self._file.write()
        finally:
            # The write merged what another process wrote meanwhile: one more revision, so
            # checkers built during the write are rebuilt too.
            self.revision += 1
            self._notify_change()

    async def sync(self) -> bool:
        """Adopt what another process wrote if the file changed; True if anything did."""
        return await self._file.sync()

    def watch(self) -> None:
        """Re-check the file every RELOAD_INTERVAL until close() (the running hub calls this).

        Keeps state read without a request current, e.g. open websocket connections ending
        when the CLI revokes their token or deactivates their user.
        """
        self._file.watch()

    def _on_file_change(self) -> None:
        self.revision += 1
        self._notify_change()

    def listen_changes(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` (on the loop) after users, roles or tokens may have changed.

        Fired after every save and whenever another process's changes are adopted; compare
        what you depend on, as most saves are bookkeeping (token last-use).
        """
        self._change_listeners.append(listener)
        return lambda: self._change_listeners.remove(listener)

    def _notify_change(self) -> None:
        for listener in list(self._change_listeners):
            try:
                listener()
            except Exception:
                _LOGGER.exception("Error in an auth change listener")

    async def close(self) -> None:
        """Stop watching the file and flush pending bookkeeping; call at shutdown."""
        await self._file.stop()
        pending = self._save_handle is not None or self._save_task is not None
        self._cancel_scheduled_save()
        if pending:
            await self.save()

    def _schedule_save(self) -> None:
        if self._save_handle is not None or self._save_task is not None:
            return
        loop = asyncio.get_running_loop()

        def start() -> None:
            self._save_handle = None
            self._save_task = loop.create_task(self._delayed_save(), name="auth:save")

        self._save_handle = loop.call_later(SAVE_DELAY, start)

    async def _delayed_save(self) -> None:
        try:
            await self.save()
        except (OSError, StorageError):
            _LOGGER.exception("Could not save auth data")
        finally:
            self._save_task = None

    def _cancel_scheduled_save(self) -> None:
        if self._save_handle is not None:
            self._save_handle.cancel()
            self._save_handle = None
        task, self._save_task = self._save_task, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    def _record(
        self,
        action: str,
        *,
        target: str | None,
        context: Context | None,
        outcome: str = Outcome.SUCCESS,
        **details: Any,
    ) -> None:
        record_audit(
            self._audit, action, context=context, target=target, outcome=outcome, details=details
        )

    def _on_ban(self, ban: Ban) -> None:
        self._record(
            AuditAction.IP_BAN,
            target=ban.remote_ip,
            context=None,
            until=ban.until.isoformat() if ban.until else None,
        )

    async def unban(self, remote_ip: str, *, context: Context | None = None) -> bool:
        """Lift a ban on an address (audited); True if there was one."""
        removed = await self.throttle.unban(remote_ip)
        if removed:
            self._record(AuditAction.IP_UNBAN, target=remote_ip, context=context)
        return removed

    # -- users -------------------------------------------------------------------------------

    def has_users(self) -> bool:
        """True if any non-system user exists."""
        return any(not user.system_generated for user in self._data.users.values())

    def get_user(self, user_id: str) -> User | None:
        return self._data.users.get(user_id)

    def get_user_by_name(self, username: str) -> User | None:
        wanted = username.strip().lower()
        for user in self._data.users.values():
            if user.username == wanted:
                return user
        return None

    def list_users(self) -> list[User]:
        return sorted(self._data.users.values(), key=lambda user: user.created_at)

    def _require_user(self, user_id: str) -> User:
        user = self._data.users.get(user_id)
        if user is None:
            raise NotFound(f"User {user_id} not found")
        return user

    async def add_user(
        self,
        username: str,
        name: str,
        password: str,
        *,
        role: UserRole = UserRole.USER,
        role_ids: Iterable[str] = (),
        is_active: bool = True,
        context: Context | None = None,
    ) -> User:
        """Create a user with a password; ValidationError for bad or taken usernames."""
        username = validate_username(username)
        name = validate_name(name)
        validate_password(password, username)
        checked_roles = self._roles.check_role_ids(role_ids)
        if self.get_user_by_name(username) is not None:
            raise ValidationError(f"Username {username!r} is already taken")
        password_hash = await self._hasher.hash(password)
        if self.get_user_by_name(username) is not None:  # taken while hashing
            raise ValidationError(f"Username {username!r} is already taken")
        user = User(
            id=new_user_id(),
            username=username,
            name=name,
            role=UserRole(role),
            role_ids=checked_roles,
            is_active=is_active,
            created_at=self._clock.now(),
        )
        self._data.users[user.id] = user
        self._data.password_hashes[user.id] = password_hash
        await self.save()
        self._record(AuditAction.USER_CREATE, target=user.id, context=context, role=user.role)
        return user

    async def create_user(
        self,
        name: str,
        *,
        role: UserRole = UserRole.USER,
        role_ids: Iterable[str] = (),
        is_active: bool = True,
        context: Context | None = None,
    ) -> User:
        """A user without credentials yet (Home Assistant's `config/auth/create`); it cannot
        log in until `add_credentials` gives it a username and password."""
        checked_roles = self._roles.check_role_ids(role_ids)
        user = User(
            id=new_user_id(),
            username=None,
            name=validate_name(name),
            role=UserRole(role),
            role_ids=checked_roles,
            is_active=is_active,
            created_at=self._clock.now(),
        )
        self._data.users[user.id] = user
        await self.save()
        self._record(AuditAction.USER_CREATE, target=user.id, context=context, role=user.role)
        return user

    async def add_credentials(
        self, user_id: str, username: str, password: str, *, context: Context | None = None
    ) -> User:
        """Give a user without credentials a username and password."""
        user = self._require_user(user_id)
        if user.system_generated or user.username is not None:
            raise ValidationError("This user already has credentials")
        username = validate_username(username)
        validate_password(password, username)
        if self.get_user_by_name(username) is not None:
            raise ValidationError(f"Username {username!r} is already taken")
        password_hash = await self._hasher.hash(password)
        if self.get_user_by_name(username) is not None:  # taken while hashing
            raise ValidationError(f"Username {username!r} is already taken")
        current = self._require_user(user_id)
        updated = replace(current, username=username)
        self._data.users[user_id] = updated
        self._data.password_hashes[user_id] = password_hash
        await self.save()
        self._record(AuditAction.PASSWORD_CHANGE, target=user_id, context=context, created=True)
        return updated

    async def add_system_user(self, name: str, *, role: UserRole = UserRole.USER) -> User:
        """A user for integrations/add-ons: no password, only system tokens."""
        if role is UserRole.OWNER:
            raise ValidationError("A system user cannot be an owner")
        user = User(
            id=new_user_id(),
            username=None,
            name=validate_name(name),
            role=role,
            system_generated=True,
            created_at=self._clock.now(),
        )
        self._data.users[user.id] = user
        await self.save()
        self._record(AuditAction.USER_CREATE, target=user.id, context=None, system=True)
        return user

    def _active_owners(self) -> list[User]:
        return [u for u in self._data.users.values() if u.is_owner and u.is_active]

    async def update_user(
        self,
        user_id: str,
        *,
        name: str | None = None,
        role: UserRole | None = None,
        role_ids: Iterable[str] | None = None,
        is_active: bool | None = None,
        context: Context | None = None,
    ) -> User:
        """Change profile, role or activation; the last active owner stays an active owner."""
        user = self._require_user(user_id)
        changes: dict[str, Any] = {}
        if name is not None:
            changes["name"] = validate_name(name)
        if role is not None:
            if user.system_generated and UserRole(role) is UserRole.OWNER:
                raise ValidationError("A system user cannot be an owner")
            changes["role"] = UserRole(role)
        if role_ids is not None:
            changes["role_ids"] = self._roles.check_role_ids(role_ids)
        if is_active is not None:
            changes["is_active"] = is_active
        updated = replace(user, **changes)
        if user in self._active_owners() and not (updated.is_owner and updated.is_active):
            if len(self._active_owners()) == 1:
                raise ValidationError("The last active owner cannot be demoted or deactivated")
        self._data.users[user_id] = updated
        await self.save()
        self._record(
            AuditAction.USER_UPDATE, target=user_id, context=context, fields=sorted(changes)
        )
        if updated.role != user.role or updated.role_ids != user.role_ids:
            self._record(
                AuditAction.PERMISSION_CHANGE,
                target=user_id,
                context=context,
                role=updated.role.value,
                role_ids=list(updated.role_ids),
                previous_role=user.role.value,
                previous_role_ids=list(user.role_ids),
            )
        return updated

    async def remove_user(self, user_id: str, *, context: Context | None = None) -> None:
        """Delete a user with its credentials, MFA and tokens; never the last active owner."""
        user = self._require_user(user_id)
        if user in self._active_owners() and len(self._active_owners()) == 1:
            raise ValidationError("The last active owner cannot be removed")
        del self._data.users[user_id]
        self._data.password_hashes.pop(user_id, None)
        self._data.mfa.pop(user_id, None)
        self._mfa.forget(user_id)
        for token in [t for t in self._data.refresh_tokens.values() if t.user_id == user_id]:
            del self._data.refresh_tokens[token.id]
        await self.save()
        self._record(AuditAction.USER_REMOVE, target=user_id, context=context)

    async def set_password(
        self,
        user_id: str,
        new_password: str,
        *,
        current_password: str | None = None,
        keep_token_id: str | None = None,
        context: Context | None = None,
    ) -> None:
        """Set a password (checking `current_password` if given); other sessions are revoked."""
        user = self._require_user(user_id)
        if user.system_generated:
            raise ValidationError("System users have no password")
        if current_password is not None:
            ok, _ = await self._hasher.verify(
                self._data.password_hashes.get(user_id), current_password
            )
            if not ok:
                raise AuthFailed("The current password is wrong")
        validate_password(new_password, user.username)
        self._data.password_hashes[user_id] = await self._hasher.hash(new_password)
        for token in [t for t in self._data.refresh_tokens.values() if t.user_id == user_id]:
            if token.id != keep_token_id:
                del self._data.refresh_tokens[token.id]
        await self.save()
        self._record(AuditAction.PASSWORD_CHANGE, target=user_id, context=context)

    async def authenticate(self, username: str, password: str) -> User | None:
        """The active user these credentials belong to, or None (same cost either way)."""
        await self._file.sync_if_due()  # a password changed or a user deactivated by the CLI
        user = self.get_user_by_name(username) if username else None
        stored = self._data.password_hashes.get(user.id) if user else None
        ok, new_hash = await self._hasher.verify(stored, password)
        if not ok or user is None:
            return None
        if new_hash is not None and self._data.password_hashes.get(user.id) == stored:
            # Same revision: a password another process set meanwhile wins over this upkeep.
            self._data.password_hashes.touch(user.id, new_hash)
            await self.save()
        current = self._data.users.get(user.id)  # may have changed while verifying
        return current if current is not None and current.is_active else None

    # -- tokens ------------------------------------------------------------------------------

    async def create_refresh_token(
        self,
        user: User,
        *,
        client_id: str | None = None,
        client_name: str | None = None,
        client_icon: str | None = None,
        token_type: TokenType = TokenType.NORMAL,
        access_token_lifetime: timedelta | None = None,
        scope: TokenScope | None = None,
        expire_at: datetime | None = None,
        context: Context | None = None,
    ) -> tuple[RefreshToken, str]:
        """A new refresh token and its secret value (returned once, stored only hashed)."""
        user = self._require_user(user.id)
        if not user.is_active:
            raise ValidationError("Cannot create a token for an inactive user")
        if (token_type is TokenType.SYSTEM) != user.system_generated:
            raise ValidationError("System tokens are for system users only, and vice versa")
        if token_type is TokenType.NORMAL and not client_id:
            raise ValidationError("A normal refresh token needs a client_id")
        if token_type is TokenType.LONG_LIVED:
            if not client_name:
                raise ValidationError("A long-lived token needs a name")
            if any(
                t.client_name == client_name and t.token_type is TokenType.LONG_LIVED
                for t in self.list_refresh_tokens(user)
            ):
                raise ValidationError(f"A long-lived token named {client_name!r} already exists")
        token, value = new_refresh_token(
            user.id,
            TokenType(token_type),
            self._clock.now(),
            access_token_lifetime=access_token_lifetime or self.access_token_lifetime,
            client_id=client_id,
            client_name=client_name,
            client_icon=client_icon,
            scope=scope,
            expire_at=expire_at,
        )
        self._data.refresh_tokens[token.id] = token
        await self.save()
        self._record(
            AuditAction.TOKEN_CREATE,
            target=token.id,
            context=context,
            user=user.id,
            type=token.token_type,
            client_id=client_id,
            client_name=client_name,
            scope=scope.as_dict() if scope else None,
            expire_at=token.expire_at.isoformat() if token.expire_at else None,
        )
        return token, value

    def create_access_token(self, token: RefreshToken) -> str:
        """A JWT valid for the token's access lifetime, signed with the token's own key."""
        return encode_access_token(
            token.id, token.jwt_key, self._clock.now(), token.access_token_lifetime
        )

    async def create_long_lived_token(
        self,
        user: User,
        name: str,
        days: int = LONG_LIVED_DAYS,
        *,
        client_icon: str | None = None,
        scope: TokenScope | None = None,
        context: Context | None = None,
    ) -> str:
        """A long-lived access token (JWT, `days` valid); shown once, revocable by its id."""
        if not 1 <= days <= MAX_LONG_LIVED_DAYS:
            raise ValidationError(f"days must be between 1 and {MAX_LONG_LIVED_DAYS}")
        token, _ = await self.create_refresh_token(
            user,
            client_name=validate_name(name),
            client_icon=client_icon,
            token_type=TokenType.LONG_LIVED,
            access_token_lifetime=timedelta(days=days),
            scope=scope,
            expire_at=self._clock.now() + timedelta(days=days),
            context=context,
        )
        return self.create_access_token(token)

    async def validate_access_token(
        self, access_token: str, *, remote_ip: str | None = None
    ) -> tuple[User, RefreshToken] | None:
        """The user and refresh token behind a valid, unexpired, unrevoked access token."""
        await self._file.sync_if_due()  # a revocation by the CLI counts within RELOAD_INTERVAL
        verified = self._verified.get(access_token, self.revision)
        if verified is None:
            parsed = parse_access_token(access_token)
            if parsed is None:
                return None
            token = self._data.refresh_tokens.get(parsed.issuer)
            if token is None or not parsed.signed_by(token.jwt_key):
                return None
            verified = Verified(token.id, token.jwt_key, parsed.issued_at, parsed.expires)
            self._verified.add(access_token, verified, self.revision)
        else:
            # Verified before; what may have changed since is checked below as on a miss.
            found = self._data.refresh_tokens.get(verified.token_id)
            if found is None or found.jwt_key != verified.key:
                self._verified.discard(access_token)
                return None
            token = found
        now = self._clock.now()
        if not verified.valid_at(now.timestamp()):
            return None
        if token.expire_at is not None and now >= token.expire_at:
            return None
        user = self._data.users.get(token.user_id)
        if user is None or not user.is_active:
            return None
        if token.token_type is not TokenType.NORMAL and (
            token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION
        ):
            token = mark_used(token, now, remote_ip)
            self._data.refresh_tokens[token.id] = token
            self._schedule_save()
        return user, token

    def get_refresh_token(self, token_id: str) -> RefreshToken | None:
        return self._data.refresh_tokens.get(token_id)

    def list_refresh_tokens(self, user: User) -> list[RefreshToken]:
        tokens = [t for t in self._data.refresh_tokens.values() if t.user_id == user.id]
        return sorted(tokens, key=lambda token: token.created_at)

    async def revoke(self, token_id: str, *, context: Context | None = None) -> bool:
        """Delete a refresh token by id (its access tokens stop working); True if it existed."""
        token = self._data.refresh_tokens.pop(token_id, None)
        if token is None:
            return False
        await self.save()
        self._record(AuditAction.TOKEN_REVOKE, target=token_id, context=context, user=token.user_id)
        return True

    def find_refresh_token(self, value: str) -> RefreshToken | None:
        """The refresh token with this secret value (compared constant-time by hash)."""
        if not value or len(value) > 512:
            return None
        value_hash = hash_secret(value)
        found = None
        for token in self._data.refresh_tokens.values():  # no early exit: constant-time
            if matches_hash(token, value_hash):
                found = token
        return found

    async def revoke_refresh_token_value(self, value: str) -> bool:
        """Revoke by secret value (the token endpoint's action=revoke); True if it existed."""
        token = self.find_refresh_token(value)
        return token is not None and await self.revoke(token.id)

    async def exchange_code(
        self, client_id: str, code: str, *, remote_ip: str | None = None
    ) -> TokenGrant:
        """Trade a login flow's one-time code for a refresh token and an access token."""
        user_id = self.login_flows.take_code(client_id, code)
        user = self._data.users.get(user_id) if user_id else None
        if user is None or not user.is_active:
            raise InvalidGrant("Invalid or expired authorization code")
        token, value = await self.create_refresh_token(
            user, client_id=client_id, context=Context(user_id=user.id)
        )
        token = mark_used(token, self._clock.now(), remote_ip)
        self._data.refresh_tokens[token.id] = token
        self._schedule_save()
        return TokenGrant(
            self.create_access_token(token),
            int(token.access_token_lifetime.total_seconds()),
            token,
            refresh_token=value,
        )

    async def refresh(
        self, client_id: str, refresh_token: str, *, remote_ip: str | None = None
    ) -> TokenGrant:
        """A new access token for a normal refresh token issued to this client."""
        await self._file.sync_if_due()
        token = self.find_refresh_token(refresh_token)
        if token is None or token.token_type is not TokenType.NORMAL:
            raise InvalidGrant("Invalid refresh token")
        if token.client_id != client_id:
            raise InvalidGrant("Refresh token was issued to another client")
        now = self._clock.now()
        user = self._data.users.get(token.user_id)
        if (token.expire_at is not None and now >= token.expire_at) or (
            user is None or not user.is_active
        ):
            raise InvalidGrant("Refresh token expired or user inactive")
        token = mark_used(token, now, remote_ip)
        self._data.refresh_tokens[token.id] = token
        self._schedule_save()
        return TokenGrant(
            self.create_access_token(token), int(token.access_token_lifetime.total_seconds()), token
        )

    # -- MFA (see second_factor.py) ---------------------------------------------------------

    def mfa_setup_required(self, user: User) -> bool:
        """Policy `require_mfa_for` applies to this user and TOTP is not enabled yet."""
        return (
            not user.system_generated and not user.mfa_enabled and user.role in self.require_mfa_for
        )

    def begin_mfa_setup(self, user: User) -> TotpSetup:
        """A new TOTP secret to enrol; nothing changes until confirm_mfa_setup."""
        return self._mfa.begin_setup(user)

    async def confirm_mfa_setup(
        self, user: User, code: str, *, context: Context | None = None
    ) -> list[str]:
        """Enable TOTP if `code` matches the pending secret; returns 10 recovery codes."""
        return await self._mfa.confirm_setup(user, code, context=context)

    async def verify_mfa(self, user: User, code: str) -> bool:
        """A fresh TOTP code (never one already used) or an unused recovery code."""
        return await self._mfa.verify(user, code)

    async def disable_mfa(self, user: User, *, context: Context | None = None) -> None:
        await self._mfa.disable(user, context=context)

    async def regenerate_recovery_codes(self, user: User) -> list[str]:
        """Replace all recovery codes; the old ones stop working."""
        return await self._mfa.regenerate_recovery_codes(user)

    def recovery_codes_left(self, user: User) -> int:
        return self._mfa.recovery_codes_left(user)

    # -- roles and permissions (see roles.py) -------------------------------------------------

    def list_roles(self) -> list[Role]:
        return self._roles.list_roles()

    def get_role(self, role_id: str) -> Role | None:
        return self._roles.get_role(role_id)

    async def set_role(self, role: Role, *, context: Context | None = None) -> None:
        """Create or replace a custom role."""
        await self._roles.set_role(role, context=context)

    async def remove_role(self, role_id: str, *, context: Context | None = None) -> None:
        """Delete a role and take it away from every user."""
        await self._roles.remove_role(role_id, context=context)

    def permission_checker(
        self, user: User, entity_lookup: EntityLookup, token: RefreshToken | None = None
    ) -> PermissionChecker:
        """The checker for this user's current roles, narrowed by the token's scope."""
        return self._roles.permission_checker(user, entity_lookup, token)
