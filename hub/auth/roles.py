"""Custom roles: create, replace, delete, and the permission checker built from them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace

from hub.context import Context
from hub.errors import NotFound, ValidationError

from .audit import AuditAction, AuditSink, record_audit
from .permissions import EntityLookup, PermissionChecker, Role
from .persistence import AuthData
from .tokens import RefreshToken
from .users import User


class RoleManager:
    """Roles in the auth document; AuthManager delegates its role methods here."""

    def __init__(
        self,
        data: Callable[[], AuthData],
        save: Callable[[], Awaitable[None]],
        audit: AuditSink,
    ) -> None:
        self._data = data
        self._save = save
        self._audit = audit

    def list_roles(self) -> list[Role]:
        return list(self._data().roles.values())

    def get_role(self, role_id: str) -> Role | None:
        return self._data().roles.get(role_id)

    def check_role_ids(self, role_ids: Iterable[str]) -> tuple[str, ...]:
        """The ids without duplicates; ValidationError if one names no role."""
        result = tuple(dict.fromkeys(role_ids))
        roles = self._data().roles
        for role_id in result:
            if role_id not in roles:
                raise ValidationError(f"Unknown role {role_id!r}")
        return result

    async def set_role(self, role: Role, *, context: Context | None = None) -> None:
        """Create or replace a custom role."""
        self._data().roles[role.id] = role
        await self._save()
        record_audit(
            self._audit,
            AuditAction.PERMISSION_CHANGE,
            context=context,
            target=f"role:{role.id}",
            details={"change": "set_role", "role": role.as_dict()},
        )

    async def remove_role(self, role_id: str, *, context: Context | None = None) -> None:
        """Delete a role and take it away from every user."""
        data = self._data()
        if data.roles.pop(role_id, None) is None:
            raise NotFound(f"Role {role_id} not found")
        for user in list(data.users.values()):
            if role_id in user.role_ids:
                ids = tuple(r for r in user.role_ids if r != role_id)
                data.users[user.id] = replace(user, role_ids=ids)
        await self._save()
        record_audit(
            self._audit,
            AuditAction.PERMISSION_CHANGE,
            context=context,
            target=f"role:{role_id}",
            details={"change": "remove_role"},
        )

    def permission_checker(
        self, user: User, entity_lookup: EntityLookup, token: RefreshToken | None = None
    ) -> PermissionChecker:
        """The checker for this user's current roles, narrowed by the token's scope."""
        data = self._data()
        current = data.users.get(user.id, user)
        policies = tuple(
            policy
            for role_id in current.role_ids
            if (role := data.roles.get(role_id)) is not None
            for policy in role.policies
        )
        return PermissionChecker(
            current, policies, entity_lookup, token.scope if token is not None else None
        )
