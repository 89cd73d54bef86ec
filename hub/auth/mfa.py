"""TOTP second factor (pyotp) with replay protection and single-use recovery codes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import pyotp

from hub.errors import ValidationError

ISSUER = "Bastion"
VALID_WINDOW = 1  # accept the previous and next 30-second step (clock drift)
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i
_RECOVERY_GROUP = 5


@dataclass(frozen=True, slots=True)
class TotpSetup:
    """A pending enrolment: show `provisioning_uri` as a QR code, then confirm a code."""

    secret: str = field(repr=False)
    provisioning_uri: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class MfaRecord:
    """One user's enabled second factor as stored."""

    secret: str = field(repr=False)
    salt: str = field(repr=False)
    recovery_hashes: tuple[str, ...] = field(default=(), repr=False)
    last_counter: int = -1  # highest TOTP time step accepted, to refuse replays

    def as_dict(self) -> dict[str, Any]:
        return {
            "secret": self.secret,
            "salt": self.salt,
            "recovery_hashes": list(self.recovery_hashes),
            "last_counter": self.last_counter,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MfaRecord:
        return cls(
            secret=data["secret"],
            salt=data["salt"],
            recovery_hashes=tuple(data.get("recovery_hashes", ())),
            last_counter=int(data.get("last_counter", -1)),
        )


def new_setup(account_name: str) -> TotpSetup:
    secret = pyotp.random_base32()
    uri = pyotp.TOTP(secret).provisioning_uri(name=account_name, issuer_name=ISSUER)
    return TotpSetup(secret=secret, provisioning_uri=uri)


def _normalize_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def totp_counter(secret: str, code: str, now: datetime, after: int) -> int | None:
    """The time step a valid TOTP code belongs to if it is newer than `after`, else None."""
    code = _normalize_code(code)
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    found: int | None = None
    for offset in range(-VALID_WINDOW, VALID_WINDOW + 1):
        # Compare all candidates (no early exit) so timing does not reveal which step matched.
        if hmac.compare_digest(totp.at(now, counter_offset=offset), code):
            found = current + offset
    if found is None or found <= after:
        return None
    return found


def _hash_recovery(salt: str, code: str) -> str:
    return hmac.new(bytes.fromhex(salt), _normalize_code(code).encode(), hashlib.sha256).hexdigest()


def new_recovery_codes(salt: str) -> tuple[list[str], tuple[str, ...]]:
    """Ten fresh recovery codes (to show once) and their salted hashes (to store)."""
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(2 * _RECOVERY_GROUP))
        codes.append(f"{raw[:_RECOVERY_GROUP]}-{raw[_RECOVERY_GROUP:]}")
    return codes, tuple(_hash_recovery(salt, code) for code in codes)


def enable(setup: TotpSetup, code: str, now: datetime) -> tuple[MfaRecord, list[str]]:
    """Enable TOTP if `code` is valid for the pending secret; returns the record and codes."""
    counter = totp_counter(setup.secret, code, now, after=-1)
    if counter is None:
        raise ValidationError("The code is not valid; check the authenticator app's clock")
    salt = secrets.token_hex(16)
    codes, hashes = new_recovery_codes(salt)
    return MfaRecord(setup.secret, salt, hashes, counter), codes


def verify(record: MfaRecord, code: str, now: datetime) -> MfaRecord | None:
    """The updated record if `code` is a fresh TOTP code or an unused recovery code."""
    counter = totp_counter(record.secret, code, now, after=record.last_counter)
    if counter is not None:
        return replace(record, last_counter=counter)
    candidate = _hash_recovery(record.salt, code)
    remaining = []
    matched = False
    for stored in record.recovery_hashes:
        if hmac.compare_digest(stored, candidate) and not matched:
            matched = True
        else:
            remaining.append(stored)
    if not matched:
        return None
    return replace(record, recovery_hashes=tuple(remaining))


def regenerate_recovery_codes(record: MfaRecord) -> tuple[MfaRecord, list[str]]:
    codes, hashes = new_recovery_codes(record.salt)
    return replace(record, recovery_hashes=hashes), codes
