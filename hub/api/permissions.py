"""What an API caller must hold to use a view or command, and the `public` opt-out marker."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any


class Permission(StrEnum):
    """Command-level requirement; entity-level checks happen inside handlers."""

    PUBLIC = "public"  # no authentication at all (login, onboarding, webhooks, static files)
    READ = "read"  # any authenticated user; results are filtered by entity read permission
    CONTROL = "control"  # a token that may act (not read-only); entities checked per call
    ADMIN = "admin"  # owners and admins with an unscoped token


def public[F: Callable[..., Any]](func: F) -> F:
    """Mark a view as deliberately reachable without authentication (listed by a test)."""
    func.__bastion_public__ = True  # type: ignore[attr-defined]
    return func


def is_public(func: Callable[..., Any]) -> bool:
    return bool(getattr(func, "__bastion_public__", False))
