"""Authentication and authorization: users, tokens, login flow, MFA, throttling, permissions."""

from .audit import AuditAction, AuditSink, NullAuditSink, Outcome
from .login_flow import PROVIDERS, FlowResult, LoginFlowManager
from .manager import AuthManager, InvalidGrant, TokenGrant
from .mfa import TotpSetup
from .onboarding import Onboarding
from .permissions import (
    ADMIN,
    CONTROL,
    EDIT,
    READ,
    EntityInfo,
    EntityLookup,
    Grant,
    PermissionChecker,
    Policy,
    Role,
    TimeWindow,
    TokenScope,
)
from .throttle import Ban, Failure, IpBanned, LoginThrottle
from .tokens import RefreshToken, TokenType
from .users import User, UserRole, validate_password, validate_username

__all__ = [
    "ADMIN",
    "CONTROL",
    "EDIT",
    "PROVIDERS",
    "READ",
    "AuditAction",
    "AuditSink",
    "AuthManager",
    "Ban",
    "EntityInfo",
    "EntityLookup",
    "Failure",
    "FlowResult",
    "Grant",
    "InvalidGrant",
    "IpBanned",
    "LoginFlowManager",
    "LoginThrottle",
    "NullAuditSink",
    "Onboarding",
    "Outcome",
    "PermissionChecker",
    "Policy",
    "RefreshToken",
    "Role",
    "TimeWindow",
    "TokenGrant",
    "TokenScope",
    "TokenType",
    "TotpSetup",
    "User",
    "UserRole",
    "validate_password",
    "validate_username",
]
