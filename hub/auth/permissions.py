"""Who may read, control or edit which entity, and when: roles, policies and the checker."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hub.errors import ValidationError

from .users import User

READ = "read"
CONTROL = "control"
EDIT = "edit"
ADMIN = "admin"
PERMISSIONS = (READ, CONTROL, EDIT, ADMIN)

# A grant of a stronger permission implies the weaker ones: edit ⊃ control ⊃ read.
_IMPLIED: dict[str, frozenset[str]] = {
    READ: frozenset({READ}),
    CONTROL: frozenset({READ, CONTROL}),
    EDIT: frozenset({READ, CONTROL, EDIT}),
    ADMIN: frozenset({ADMIN}),
}


def expand_permissions(permissions: Iterable[str]) -> frozenset[str]:
    """The permissions a grant of `permissions` gives, including implied ones."""
    result: set[str] = set()
    for permission in permissions:
        if permission not in _IMPLIED:
            raise ValidationError(f"Unknown permission {permission!r}; use one of {PERMISSIONS}")
        result |= _IMPLIED[permission]
    return frozenset(result)


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """What the registries know about one entity, with area resolved through its device."""

    entity_id: str
    domain: str
    device_id: str | None = None
    area_id: str | None = None
    floor_id: str | None = None
    labels: frozenset[str] = frozenset()


class EntityLookup(Protocol):
    """Gives registry facts for an entity id; None if the registries do not know it."""

    def entity_info(self, entity_id: str) -> EntityInfo | None: ...


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """Weekdays (0 = Monday) and a local [start, end) time range; end < start wraps midnight."""

    weekdays: frozenset[int] = frozenset(range(7))
    start: time = time(0, 0)
    end: time = time(0, 0)  # equal to start means the whole day
    time_zone: str = "UTC"

    def __post_init__(self) -> None:
        if not self.weekdays or not self.weekdays <= set(range(7)):
            raise ValidationError("Time window weekdays must be 0 (Monday) to 6 (Sunday)")
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise ValidationError(f"Unknown time zone {self.time_zone!r}") from err

    def contains(self, now: datetime) -> bool:
        local = now.astimezone(ZoneInfo(self.time_zone))
        clock = local.time().replace(tzinfo=None)
        if self.start == self.end:
            return local.weekday() in self.weekdays
        if self.start < self.end:
            return local.weekday() in self.weekdays and self.start <= clock < self.end
        # Overnight window: the part after midnight belongs to the previous day's window.
        if clock >= self.start:
            return local.weekday() in self.weekdays
        if clock < self.end:
            return (local.weekday() - 1) % 7 in self.weekdays
        return False

    def as_dict(self) -> dict[str, Any]:
        return {
            "weekdays": sorted(self.weekdays),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "time_zone": self.time_zone,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeWindow:
        return cls(
            weekdays=frozenset(data.get("weekdays", range(7))),
            start=time.fromisoformat(data.get("start", "00:00")),
            end=time.fromisoformat(data.get("end", "00:00")),
            time_zone=data.get("time_zone", "UTC"),
        )


_TARGET_KEYS = ("areas", "floors", "labels", "devices", "domains", "entity_ids")


@dataclass(frozen=True, slots=True)
class Grant:
    """Permissions on every entity matching any of the targets (empty targets match nothing)."""

    permissions: frozenset[str]
    areas: frozenset[str] = frozenset()
    floors: frozenset[str] = frozenset()
    labels: frozenset[str] = frozenset()
    devices: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    entity_ids: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        expand_permissions(self.permissions)  # validates

    def matches(self, info: EntityInfo) -> bool:
        return (
            info.entity_id in self.entity_ids
            or info.domain in self.domains
            or (info.device_id is not None and info.device_id in self.devices)
            or (info.area_id is not None and info.area_id in self.areas)
            or (info.floor_id is not None and info.floor_id in self.floors)
            or not self.labels.isdisjoint(info.labels)
        )

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"permissions": sorted(self.permissions)}
        for key in _TARGET_KEYS:
            data[key] = sorted(getattr(self, key))
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Grant:
        targets = {key: frozenset(data.get(key, ())) for key in _TARGET_KEYS}
        return cls(permissions=frozenset(data["permissions"]), **targets)


@dataclass(frozen=True, slots=True)
class Policy:
    """Grants that apply only inside one of `windows` (if any) and before `expires_at`."""

    id: str
    grants: tuple[Grant, ...]
    name: str = ""
    windows: tuple[TimeWindow, ...] = ()
    expires_at: datetime | None = None

    def active(self, now: datetime) -> bool:
        if self.expires_at is not None and now >= self.expires_at:
            return False
        return not self.windows or any(window.contains(now) for window in self.windows)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "grants": [grant.as_dict() for grant in self.grants],
            "windows": [window.as_dict() for window in self.windows],
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Policy:
        expires = data.get("expires_at")
        return cls(
            id=data["id"],
            name=data.get("name", ""),
            grants=tuple(Grant.from_dict(item) for item in data.get("grants", ())),
            windows=tuple(TimeWindow.from_dict(item) for item in data.get("windows", ())),
            expires_at=datetime.fromisoformat(expires) if expires else None,
        )


@dataclass(frozen=True, slots=True)
class Role:
    """A named, reusable set of policies assigned to users through User.role_ids."""

    id: str
    name: str
    policies: tuple[Policy, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "policies": [policy.as_dict() for policy in self.policies],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Role:
        return cls(
            id=data["id"],
            name=data["name"],
            policies=tuple(Policy.from_dict(item) for item in data.get("policies", ())),
        )


@dataclass(frozen=True, slots=True)
class TokenScope:
    """Narrows what a token may do below its user's rights; empty sets mean no narrowing."""

    read_only: bool = False
    entity_ids: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()

    def allows(self, permission: str, info: EntityInfo) -> bool:
        if self.read_only and permission != READ:
            return False
        if not self.entity_ids and not self.areas:
            return True
        return info.entity_id in self.entity_ids or (
            info.area_id is not None and info.area_id in self.areas
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "read_only": self.read_only,
            "entity_ids": sorted(self.entity_ids),
            "areas": sorted(self.areas),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TokenScope:
        return cls(
            read_only=bool(data.get("read_only", False)),
            entity_ids=frozenset(data.get("entity_ids", ())),
            areas=frozenset(data.get("areas", ())),
        )


@dataclass(frozen=True, slots=True)
class PermissionChecker:
    """Answers `can(permission, entity_id, now)`; default deny for plain users."""

    user: User
    policies: tuple[Policy, ...]
    entity_lookup: EntityLookup
    scope: TokenScope | None = None

    def can(self, permission: str, entity_id: str, now: datetime) -> bool:
        """Whether the user (through this token) may `permission` the entity at `now`."""
        return self.covers(permission, self._info(entity_id), now)

    def covers(self, permission: str, info: EntityInfo, now: datetime) -> bool:
        """Whether a grant (within the token's scope) gives `permission` on what `info` describes.

        Besides entities this answers for a device, area, floor or label described as an
        EntityInfo with an empty entity_id and domain (a device by its id, area, floor and
        labels; an area by its id and floor; a floor or a label alone).
        """
        if permission not in _IMPLIED or not self.user.is_active:
            return False
        if self.scope is not None and not self.scope.allows(permission, info):
            return False
        if self.user.is_admin:
            return True
        if permission == ADMIN:
            return False
        for policy in self.policies:
            if not policy.active(now):
                continue
            for grant in policy.grants:
                if permission in expand_permissions(grant.permissions) and grant.matches(info):
                    return True
        return False

    def can_admin(self) -> bool:
        """Whether this user and token may administer the hub (users, config, tokens of others)."""
        if not self.user.is_active or not self.user.is_admin:
            return False
        return self.scope is None or (
            not self.scope.read_only and not self.scope.entity_ids and not self.scope.areas
        )

    def _info(self, entity_id: str) -> EntityInfo:
        # Not cached: an entity may move between areas while a connection stays open.
        return self.entity_lookup.entity_info(entity_id) or EntityInfo(
            entity_id=entity_id, domain=entity_id.partition(".")[0]
        )
