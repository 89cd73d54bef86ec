"""The hub's small exception tree; every error a user can see derives from HubError."""

from __future__ import annotations


class HubError(Exception):
    """Base of every error Bastion raises on purpose."""


class ValidationError(HubError):
    """Input (config, service data, API message) failed its schema."""


class NotFound(HubError):
    """A named thing (entity, service, user, device) does not exist."""


class Unauthorized(HubError):
    """The caller is authenticated but not allowed to do this."""

    def __init__(self, message: str = "Unauthorized", *, permission: str | None = None) -> None:
        super().__init__(message)
        self.permission = permission


class AuthFailed(HubError):
    """Credentials were missing or wrong."""


class NotReady(HubError):
    """A device or integration is not ready yet; the caller may retry with backoff."""


class DeviceError(HubError):
    """A device refused or failed a command."""


class ServiceNotFound(NotFound):
    """Raised when calling a service that is not registered."""

    def __init__(self, domain: str, service: str) -> None:
        super().__init__(f"Service {domain}.{service} not found")
        self.domain = domain
        self.service = service
