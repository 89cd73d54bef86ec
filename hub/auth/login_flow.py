"""The Home Assistant-shaped login flow: username/password, then TOTP, then a one-time code."""

from __future__ import annotations

import hmac
import secrets
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol
from urllib.parse import urlsplit

from hub.clock import Clock
from hub.errors import NotFound, ValidationError

from .audit import AuditAction, AuditSink, Outcome
from .mfa import TotpSetup
from .throttle import IpBanned, LoginThrottle
from .users import User

PROVIDER_TYPE = "homeassistant"
PROVIDER_NAME = "Bastion Local"
PROVIDERS: list[dict[str, Any]] = [{"name": PROVIDER_NAME, "id": None, "type": PROVIDER_TYPE}]
HANDLER: list[str | None] = [PROVIDER_TYPE, None]
FLOW_LIFETIME = timedelta(minutes=10)
CODE_LIFETIME = timedelta(minutes=10)
MAX_ATTEMPTS = 5  # wrong answers one flow accepts before it aborts
MAX_FLOWS = 256  # open flows kept; the oldest is dropped beyond this

USER_SCHEMA = [
    {"name": "username", "type": "string", "required": True},
    {"name": "password", "type": "string", "required": True},
]
CODE_SCHEMA = [{"name": "code", "type": "string", "required": True}]
# The Home Assistant mobile apps use a custom scheme under their own client id.
APP_REDIRECTS = {
    "https://home-assistant.io/iOS": "homeassistant://auth-callback",
    "https://home-assistant.io/android": "homeassistant://auth-callback",
}


class Step(StrEnum):
    INIT = "init"
    MFA = "mfa"
    MFA_SETUP = "mfa_setup"


class LoginBackend(Protocol):
    """What the flow needs from AuthManager."""

    async def authenticate(self, username: str, password: str) -> User | None: ...
    def mfa_setup_required(self, user: User) -> bool: ...
    async def verify_mfa(self, user: User, code: str) -> bool: ...
    def begin_mfa_setup(self, user: User) -> TotpSetup: ...
    async def confirm_mfa_setup(self, user: User, code: str) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class FlowResult:
    """One answer of the flow; `as_dict()` is the Home Assistant wire shape."""

    type: str  # "form" | "create_entry" | "abort"
    flow_id: str
    step_id: str | None = None
    data_schema: list[dict[str, Any]] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    description_placeholders: dict[str, str] | None = None
    result: str | None = None  # create_entry: the one-time authorization code
    reason: str | None = None  # abort

    def as_dict(self) -> dict[str, Any]:
        base: dict[str, Any] = {"type": self.type, "flow_id": self.flow_id, "handler": HANDLER}
        if self.type == "form":
            base |= {
                "step_id": self.step_id,
                "data_schema": self.data_schema,
                "errors": self.errors,
                "description_placeholders": self.description_placeholders,
                "last_step": None,
                "preview": None,
            }
        elif self.type == "create_entry":
            base |= {
                "version": 1,
                "minor_version": 1,
                "title": PROVIDER_NAME,
                "description": None,
                "description_placeholders": self.description_placeholders,
                "result": self.result,
            }
        else:
            base |= {"reason": self.reason, "description_placeholders": None}
        return base


@dataclass(slots=True)
class _Flow:
    flow_id: str
    client_id: str
    redirect_uri: str
    created: float
    step: Step = Step.INIT
    user: User | None = None
    attempts: int = 0


@dataclass(frozen=True, slots=True)
class AuthorizationCode:
    client_id: str
    user_id: str
    created_at: datetime


def redirect_allowed(client_id: str, redirect_uri: str) -> bool:
    """IndieAuth-style check: the redirect stays on the client's own origin (or a known app)."""
    if APP_REDIRECTS.get(client_id) == redirect_uri:
        return True
    client, redirect = urlsplit(client_id), urlsplit(redirect_uri)
    return (
        client.scheme in ("http", "https")
        and bool(client.netloc)
        and (client.scheme, client.netloc) == (redirect.scheme, redirect.netloc)
    )


class LoginFlowManager:
    """Runs login flows and hands out one-time authorization codes (10 minutes)."""

    def __init__(
        self, backend: LoginBackend, throttle: LoginThrottle, clock: Clock, audit: AuditSink
    ) -> None:
        self._backend = backend
        self._throttle = throttle
        self._clock = clock
        self._audit = audit
        self._flows: OrderedDict[str, _Flow] = OrderedDict()
        self._codes: dict[str, AuthorizationCode] = {}

    @staticmethod
    def providers() -> list[dict[str, Any]]:
        return [dict(item) for item in PROVIDERS]

    async def start(
        self, client_id: str, redirect_uri: str, handler: Any, *, remote_ip: str | None = None
    ) -> FlowResult:
        """Begin a flow; raises IpBanned, NotFound (handler) or ValidationError (redirect)."""
        self._check_ban(remote_ip)
        provider = handler[0] if isinstance(handler, list | tuple) and handler else handler
        if provider != PROVIDER_TYPE:
            raise NotFound("Unknown authentication provider")
        if not redirect_allowed(client_id, redirect_uri):
            raise ValidationError("redirect_uri does not belong to client_id")
        self._expire()
        while len(self._flows) >= MAX_FLOWS:
            self._flows.popitem(last=False)
        flow = _Flow(secrets.token_hex(16), client_id, redirect_uri, self._clock.timestamp())
        self._flows[flow.flow_id] = flow
        return self._form(flow, Step.INIT)

    async def step(
        self, flow_id: str, user_input: dict[str, Any], *, remote_ip: str | None = None
    ) -> FlowResult:
        """Answer the current step; raises NotFound for unknown or expired flows."""
        self._check_ban(remote_ip)
        self._expire()
        flow = self._flows.get(flow_id)
        if flow is None:
            raise NotFound("Login flow not found or expired")
        if flow.step is Step.INIT:
            return await self._step_init(flow, user_input, remote_ip)
        assert flow.user is not None
        code = str(user_input.get("code", ""))[:64]
        if flow.step is Step.MFA:
            ok = await self._backend.verify_mfa(flow.user, code)
        else:
            try:
                codes = await self._backend.confirm_mfa_setup(flow.user, code)
            except ValidationError:
                ok = False
            else:
                ok = True
                self._audit.record(
                    AuditAction.MFA_ENABLE,
                    user_id=flow.user.id,
                    context=None,
                    target=flow.user.id,
                    outcome=Outcome.SUCCESS,
                    details={"via": "login"},
                )
        self._audit_login(AuditAction.LOGIN_MFA, flow.user.id, ok, remote_ip, flow.client_id)
        if not ok:
            return await self._fail(flow, remote_ip, "invalid_code")
        self._throttle.record_success(remote_ip)
        placeholders = {"recovery_codes": " ".join(codes)} if flow.step is Step.MFA_SETUP else None
        return self._finish(flow, flow.user, placeholders)

    def abort(self, flow_id: str) -> None:
        self._flows.pop(flow_id, None)

    def take_code(self, client_id: str, code: str) -> str | None:
        """Consume an authorization code; the user id if it is valid for this client."""
        entry = self._codes.pop(code, None) if len(code) <= 128 else None
        if entry is None or not hmac.compare_digest(entry.client_id, client_id):
            return None
        if self._clock.now() - entry.created_at >= CODE_LIFETIME:
            return None
        return entry.user_id

    async def _step_init(
        self, flow: _Flow, user_input: dict[str, Any], remote_ip: str | None
    ) -> FlowResult:
        username = str(user_input.get("username", ""))[:256]
        password = str(user_input.get("password", ""))[:1024]
        user = await self._backend.authenticate(username, password)
        self._audit_login(
            AuditAction.LOGIN,
            user.id if user else None,
            user is not None,
            remote_ip,
            flow.client_id,
            username=username,
        )
        if user is None:
            return await self._fail(flow, remote_ip, "invalid_auth")
        self._throttle.record_success(remote_ip)
        flow.user = user
        flow.attempts = 0
        if user.mfa_enabled:
            return self._form(flow, Step.MFA)
        if self._backend.mfa_setup_required(user):
            setup = self._backend.begin_mfa_setup(user)
            placeholders = {"secret": setup.secret, "uri": setup.provisioning_uri}
            return self._form(flow, Step.MFA_SETUP, placeholders=placeholders)
        return self._finish(flow, user, None)

    async def _fail(self, flow: _Flow, remote_ip: str | None, error: str) -> FlowResult:
        failure = await self._throttle.record_failure(remote_ip, error)
        if failure is not None and failure.delay > 0:
            await self._clock.sleep(failure.delay)
        flow.attempts += 1
        if (failure is not None and failure.banned) or flow.attempts >= MAX_ATTEMPTS:
            self._flows.pop(flow.flow_id, None)
            return FlowResult("abort", flow.flow_id, reason="too_many_attempts")
        return self._form(flow, flow.step, errors={"base": error})

    def _finish(self, flow: _Flow, user: User, placeholders: dict[str, str] | None) -> FlowResult:
        self._flows.pop(flow.flow_id, None)
        code = secrets.token_hex(32)
        self._codes[code] = AuthorizationCode(flow.client_id, user.id, self._clock.now())
        return FlowResult(
            "create_entry", flow.flow_id, result=code, description_placeholders=placeholders
        )

    def _form(
        self,
        flow: _Flow,
        step: Step,
        *,
        errors: dict[str, str] | None = None,
        placeholders: dict[str, str] | None = None,
    ) -> FlowResult:
        flow.step = step
        return FlowResult(
            "form",
            flow.flow_id,
            step_id=step.value,
            data_schema=[
                dict(item) for item in (USER_SCHEMA if step is Step.INIT else CODE_SCHEMA)
            ],
            errors=errors or {},
            description_placeholders=placeholders,
        )

    def _check_ban(self, remote_ip: str | None) -> None:
        if remote_ip is not None and self._throttle.is_banned(remote_ip):
            raise IpBanned(remote_ip)

    def _expire(self) -> None:
        now = self._clock.timestamp()
        limit = FLOW_LIFETIME.total_seconds()
        for flow_id in [f for f, flow in self._flows.items() if now - flow.created >= limit]:
            del self._flows[flow_id]
        now_dt = self._clock.now()
        for code in [c for c, e in self._codes.items() if now_dt - e.created_at >= CODE_LIFETIME]:
            del self._codes[code]

    def _audit_login(
        self,
        action: str,
        user_id: str | None,
        ok: bool,
        remote_ip: str | None,
        client_id: str,
        *,
        username: str | None = None,
    ) -> None:
        details: dict[str, Any] = {"remote_ip": remote_ip, "client_id": _printable(client_id)}
        if username is not None:
            details["username"] = _printable(username)
        self._audit.record(
            action,
            user_id=user_id,
            context=None,
            target=user_id,
            outcome=Outcome.SUCCESS if ok else Outcome.FAILURE,
            details=details,
        )


def _printable(text: str, limit: int = 64) -> str:
    """A peer-supplied string made safe for logs: control characters dropped, length capped."""
    return "".join(ch for ch in text if ch.isprintable())[:limit]
