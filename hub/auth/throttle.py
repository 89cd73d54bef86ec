"""Failed-login accounting per remote IP: growing delays, then a persisted ban."""

from __future__ import annotations

import ipaddress
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from hub.clock import Clock
from hub.errors import AuthFailed
from hub.storage import Store

_LOGGER = logging.getLogger(__name__)

BANS_STORE_KEY = "auth_bans"
BANS_STORE_VERSION = 1
LOGIN_ATTEMPTS_THRESHOLD = 5
FAILURE_WINDOW = timedelta(hours=1)
BAN_DURATION = timedelta(hours=1)
DELAY_STEP = 0.5  # seconds added per recent failure
DELAY_CAP = 5.0


@dataclass(frozen=True, slots=True)
class Failure:
    """One failed attempt as reported to listeners and callers."""

    remote_ip: str
    failures: int  # recent failures from this IP, including this one
    delay: float  # seconds the caller should wait before answering
    banned: bool
    reason: str


@dataclass(frozen=True, slots=True)
class Ban:
    remote_ip: str
    banned_at: datetime
    until: datetime | None  # None: until removed by an admin

    def as_dict(self) -> dict[str, Any]:
        return {
            "banned_at": self.banned_at.isoformat(),
            "until": self.until.isoformat() if self.until else None,
        }


FailureListener = Callable[[Failure], None]
BanListener = Callable[[Ban], None]


def normalize_ip(remote_ip: str) -> str:
    """Canonical text form, so '::ffff:10.0.0.1' and '10.0.0.1' count as one."""
    try:
        address = ipaddress.ip_address(remote_ip)
    except ValueError:
        return remote_ip[:64]
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)


class LoginThrottle:
    """Counts failures per IP within a window; bans at the threshold; success resets.

    A threshold of 0 or less never bans (failures are still slowed down).
    """

    def __init__(
        self,
        config_dir: str | os.PathLike[str],
        clock: Clock,
        *,
        threshold: int = LOGIN_ATTEMPTS_THRESHOLD,
        window: timedelta = FAILURE_WINDOW,
        ban_duration: timedelta | None = BAN_DURATION,
        delay_step: float = DELAY_STEP,
        delay_cap: float = DELAY_CAP,
    ) -> None:
        self._store = Store(config_dir, BANS_STORE_KEY, BANS_STORE_VERSION, private=True)
        self._clock = clock
        self.threshold = threshold
        self.window = window
        self.ban_duration = ban_duration
        self.delay_step = delay_step
        self.delay_cap = delay_cap
        self._failures: dict[str, list[float]] = {}
        self._bans: dict[str, Ban] = {}
        self._failure_listeners: list[FailureListener] = []
        self._ban_listeners: list[BanListener] = []

    async def load(self) -> None:
        data = await self._store.load() or {}
        for ip, item in data.get("bans", {}).items():
            until = item.get("until")
            self._bans[ip] = Ban(
                ip,
                datetime.fromisoformat(item["banned_at"]),
                datetime.fromisoformat(until) if until else None,
            )
        self._purge_expired()

    async def save(self) -> None:
        await self._store.save(self._data())

    def _data(self) -> dict[str, Any]:
        return {"bans": {ip: ban.as_dict() for ip, ban in self._bans.items()}}

    def listen_failure(self, listener: FailureListener) -> Callable[[], None]:
        """Call `listener` (on the loop, must not raise) after each failed attempt."""
        self._failure_listeners.append(listener)
        return lambda: self._failure_listeners.remove(listener)

    def listen_ban(self, listener: BanListener) -> Callable[[], None]:
        """Call `listener` when an IP gets banned."""
        self._ban_listeners.append(listener)
        return lambda: self._ban_listeners.remove(listener)

    def is_banned(self, remote_ip: str | None) -> bool:
        if remote_ip is None or not self._bans:  # no bans: skip parsing the address
            return False
        self._purge_expired()
        return normalize_ip(remote_ip) in self._bans

    def bans(self) -> list[Ban]:
        self._purge_expired()
        return list(self._bans.values())

    async def unban(self, remote_ip: str) -> bool:
        """Lift a ban; True if there was one."""
        ip = normalize_ip(remote_ip)
        self._failures.pop(ip, None)
        removed = self._bans.pop(ip, None) is not None
        if removed:
            await self.save()
        return removed

    async def record_failure(self, remote_ip: str | None, reason: str) -> Failure | None:
        """Count a failure; bans at the threshold. The caller awaits `clock.sleep(delay)`."""
        if remote_ip is None:
            return None
        ip = normalize_ip(remote_ip)
        now = self._clock.timestamp()
        recent = [t for t in self._failures.get(ip, []) if now - t < self.window.total_seconds()]
        recent.append(now)
        self._failures[ip] = recent
        banned = 0 < self.threshold <= len(recent)
        delay = 0.0 if banned else min(self.delay_step * len(recent), self.delay_cap)
        failure = Failure(ip, len(recent), delay, banned, reason)
        _LOGGER.warning("Failed login from %s (%s), %d recent", ip, reason, len(recent))
        for listener in list(self._failure_listeners):
            listener(failure)
        if banned and ip not in self._bans:
            await self._ban(ip)
        return failure

    def record_success(self, remote_ip: str | None) -> None:
        if remote_ip is not None:
            self._failures.pop(normalize_ip(remote_ip), None)

    async def _ban(self, ip: str) -> None:
        now = self._clock.now()
        until = now + self.ban_duration if self.ban_duration is not None else None
        ban = Ban(ip, now, until)
        self._bans[ip] = ban
        self._failures.pop(ip, None)
        _LOGGER.warning("Banned %s after %d failed logins", ip, self.threshold)
        await self.save()
        for listener in list(self._ban_listeners):
            listener(ban)

    def _purge_expired(self) -> None:
        now = self._clock.now()
        expired = [ip for ip, ban in self._bans.items() if ban.until and ban.until <= now]
        for ip in expired:  # the file keeps them until the next save; load purges them too
            del self._bans[ip]


class IpBanned(AuthFailed):
    """The remote address is banned after too many failed logins (HTTP 403)."""

    def __init__(self, remote_ip: str) -> None:
        super().__init__(f"{normalize_ip(remote_ip)} is banned after too many failed logins")
        self.remote_ip = normalize_ip(remote_ip)
