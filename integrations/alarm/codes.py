"""User codes: argon2 hashes only, per-user rights/areas/modes/schedule/expiry, wrong-code
lockout and duress codes."""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import argon2
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from hub.errors import AuthFailed, Unauthorized

from .schema import DAYS

# Codes are short, so the hash mostly keeps them out of memory dumps and storage; cheap enough
# to verify every user's hash per attempt (constant work, no early exit).
HASHER = argon2.PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@dataclass(frozen=True, slots=True)
class Schedule:
    days: frozenset[str]
    start: time
    end: time

    def allows(self, local: datetime) -> bool:
        return DAYS[local.weekday()] in self.days and self.start <= local.time() <= self.end


@dataclass(frozen=True, slots=True)
class CodeUser:
    """One person's code entry; `code_hash`/`duress_hash` are argon2 strings."""

    name: str
    code_hash: str
    duress_hash: str | None
    user_id: str | None
    rights: frozenset[str]
    areas: frozenset[str] | None  # None: every area
    modes: frozenset[str]
    schedule: Schedule | None
    expires: datetime | None


@dataclass(frozen=True, slots=True)
class CodeMatch:
    user: CodeUser
    duress: bool


def _user(entry: Mapping[str, Any], code_hash: str, duress_hash: str | None) -> CodeUser:
    schedule = entry.get("schedule")
    return CodeUser(
        name=entry["name"],
        code_hash=code_hash,
        duress_hash=duress_hash,
        user_id=entry.get("user_id"),
        rights=frozenset(entry["rights"]),
        areas=frozenset(entry["areas"]) if entry.get("areas") else None,
        modes=frozenset(entry["modes"]),
        schedule=Schedule(frozenset(schedule["days"]), schedule["start"], schedule["end"])
        if schedule
        else None,
        expires=entry.get("expires"),
    )


def hash_users(entries: Iterable[Mapping[str, Any]]) -> list[CodeUser]:
    """Hash the configured codes (blocking: run in a worker thread)."""
    return [
        _user(
            entry,
            HASHER.hash(entry["code"]),
            HASHER.hash(entry["duress_code"]) if entry.get("duress_code") else None,
        )
        for entry in entries
    ]


def tag_key(tag_id: str) -> str:
    """How a tag id is kept: a SHA-256 of its normalised form (case, separators ignored)."""
    normal = "".join(ch for ch in tag_id.strip().upper() if ch not in ":- ")
    return hashlib.sha256(normal.encode()).hexdigest()


class TagBook:
    """RFID tags → users with the same rights model as codes. Tag ids are read out loud by
    every reader on the bus, so a fast keyed lookup is enough; only digests are kept."""

    def __init__(self, entries: Iterable[Mapping[str, Any]]) -> None:
        self._users = {tag_key(e["tag_id"]): _user(e, "", None) for e in entries}

    def match(self, tag_id: str) -> CodeMatch | None:
        user = self._users.get(tag_key(tag_id))
        return CodeMatch(user, False) if user is not None else None


def _verify(hashed: str, code: str) -> bool:
    try:
        return HASHER.verify(hashed, code)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def match_code(users: list[CodeUser], code: str) -> CodeMatch | None:
    """The user whose code (or duress code) this is; checks every hash (blocking)."""
    found: CodeMatch | None = None
    for user in users:
        if _verify(user.code_hash, code) and found is None:
            found = CodeMatch(user, False)
        if user.duress_hash is not None and _verify(user.duress_hash, code) and found is None:
            found = CodeMatch(user, True)
    return found


class Lockout:
    """Counts wrong codes per source (a panel or keypad) and locks it out for a while."""

    def __init__(self, attempts: int, window: float, duration: float) -> None:
        self._attempts = attempts
        self._window = window
        self._duration = duration
        self._failures: dict[str, deque[float]] = {}
        self._until: dict[str, float] = {}
        self.on_change: Callable[[], None] = lambda: None  # persistence hook

    def snapshot(self, now: float) -> dict[str, Any]:
        """Recent wrong codes and running lockouts (POSIX seconds) to keep across a restart."""
        return {
            "failures": {
                source: [t for t in times if t >= now - self._window]
                for source, times in self._failures.items()
                if any(t >= now - self._window for t in times)
            },
            "until": {source: until for source, until in self._until.items() if until > now},
        }

    def restore(self, data: Mapping[str, Any], now: float) -> list[str]:
        """Take back a snapshot; returns the sources still locked out (until their original
        expiry). Malformed entries are skipped."""
        for source, times in (data.get("failures") or {}).items():
            kept = [float(t) for t in times if isinstance(t, int | float)]
            kept = [t for t in kept if t >= now - self._window]
            if kept:
                self._failures[str(source)] = deque(sorted(kept))
        for source, until in (data.get("until") or {}).items():
            if isinstance(until, int | float) and until > now:
                self._until[str(source)] = float(until)
        return sorted(self._until)

    def until(self, source: str, now: float) -> float | None:
        """When (POSIX seconds) the source's running lockout ends; None when not locked."""
        until = self._until.get(source)
        return until if until is not None and until > now else None

    def remaining(self, source: str, now: float) -> float:
        """Seconds the source stays locked (0 when not locked)."""
        return max(0.0, self._until.get(source, 0.0) - now)

    def failure(self, source: str, now: float) -> bool:
        """Record a wrong code; True when this failure starts a lockout."""
        failures = self._failures.setdefault(source, deque())
        failures.append(now)
        while failures and failures[0] < now - self._window:
            failures.popleft()
        locked = len(failures) >= self._attempts
        if locked:
            failures.clear()
            self._until[source] = now + self._duration
        self.on_change()
        return locked

    def success(self, source: str) -> None:
        if self._failures.pop(source, None) is not None:
            self.on_change()


def check_rights(
    user: CodeUser,
    right: str,
    *,
    area: str | None,
    mode: str | None,
    now: datetime,
    time_zone: ZoneInfo,
) -> None:
    """Raise Unauthorized (naming what is missing, never the code) if `user` may not do this."""
    if user.expires is not None:
        expires = user.expires if user.expires.tzinfo else user.expires.replace(tzinfo=time_zone)
        if now >= expires:
            raise Unauthorized(f"The code of {user.name} has expired")
    if user.schedule is not None and not user.schedule.allows(now.astimezone(time_zone)):
        raise Unauthorized(f"The code of {user.name} is not valid at this time")
    if right not in user.rights:
        raise Unauthorized(f"{user.name} may not {right}", permission=right)
    if area is not None and user.areas is not None and area not in user.areas:
        raise Unauthorized(f"{user.name} may not use area {area}")
    if mode is not None and mode not in user.modes:
        raise Unauthorized(f"{user.name} may not arm {mode}")


class CodeBook:
    """Checks codes for an action: lockout, hash match, rights. Audit is the caller's job."""

    def __init__(self, users: list[CodeUser], lockout: Lockout) -> None:
        self._users = users
        self.lockout = lockout

    @property
    def empty(self) -> bool:
        return not self._users

    def users(self) -> list[CodeUser]:
        return list(self._users)


class WrongCode(AuthFailed):
    """The code matched nobody (the message never contains it). `locked_for`: seconds the
    source is now locked because this was one wrong code too many (0 otherwise)."""

    def __init__(self, message: str, *, locked_for: float = 0.0) -> None:
        super().__init__(message)
        self.locked_for = locked_for


class LockedOut(Unauthorized):
    """Too many wrong codes from this source; `retry_after` seconds until it may try again."""

    def __init__(self, message: str, *, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after
