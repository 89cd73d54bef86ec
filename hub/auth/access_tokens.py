"""HS256 access tokens (JWTs): signing, one-pass parsing, verification, and a verified cache.

An access token is `b64url(header).b64url(claims).b64url(HMAC-SHA256(key, first two parts))`
with `iss` = the refresh token id whose own key signs it. Parsing decodes each part once;
the signature is checked with `hmac` (constant-time compare). Tokens verified once are kept in
`VerifiedTokens` (keyed by the exact token string) so the next request skips parsing and HMAC;
everything that can change (expiry, revocation, user deactivation) is still checked per use.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

JWT_ALGORITHM = "HS256"
MAX_TOKEN_LENGTH = 4096  # longer bearer strings are rejected before any parsing
VERIFIED_CACHE_SIZE = 1024  # distinct access tokens remembered after verification
_HEADER = b'{"alg":"HS256","typ":"JWT"}'


def _b64encode(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def _b64decode(segment: str) -> bytes:
    """Strict base64url (no padding in the token, only the URL-safe alphabet)."""
    if "=" in segment or "+" in segment or "/" in segment:
        raise ValueError("not base64url")
    return base64.b64decode(segment + "=" * (-len(segment) % 4), altchars=b"-_", validate=True)


def encode_access_token(token_id: str, key: str, now: datetime, lifetime: timedelta) -> str:
    """An HS256 JWT with iss = `token_id`, signed with that refresh token's `key`."""
    iat = int(now.timestamp())
    claims = {"iss": token_id, "iat": iat, "exp": iat + int(lifetime.total_seconds())}
    payload = json.dumps(claims, separators=(",", ":")).encode()
    signing_input = _b64encode(_HEADER) + b"." + _b64encode(payload)
    signature = hmac.new(key.encode(), signing_input, hashlib.sha256).digest()
    return (signing_input + b"." + _b64encode(signature)).decode()


@dataclass(frozen=True, slots=True)
class ParsedToken:
    """An access token decoded once, not yet verified."""

    issuer: str
    issued_at: float
    expires: float
    signing_input: bytes
    signature: bytes

    def signed_by(self, key: str) -> bool:
        """Whether the signature is HMAC-SHA256 of the header and claims with `key`."""
        expected = hmac.new(key.encode(), self.signing_input, hashlib.sha256).digest()
        return hmac.compare_digest(expected, self.signature)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def parse_access_token(access_token: str) -> ParsedToken | None:
    """The claims we need (iss, iat, exp) of a well-formed HS256 JWT, or None if malformed."""
    if len(access_token) > MAX_TOKEN_LENGTH or not access_token.isascii():
        return None
    parts = access_token.split(".")
    if len(parts) != 3:
        return None
    try:
        header = json.loads(_b64decode(parts[0]))
        claims = json.loads(_b64decode(parts[1]))
        signature = _b64decode(parts[2])
    except (ValueError, binascii.Error):  # JSONDecodeError and UnicodeDecodeError included
        return None
    if not isinstance(header, dict) or header.get("alg") != JWT_ALGORITHM:
        return None
    if not isinstance(claims, dict):
        return None
    issuer, iat, exp = claims.get("iss"), claims.get("iat"), claims.get("exp")
    if not isinstance(issuer, str) or not _number(iat) or not _number(exp):
        return None
    signing_input = f"{parts[0]}.{parts[1]}".encode()
    return ParsedToken(issuer, float(iat), float(exp), signing_input, signature)


@dataclass(frozen=True, slots=True)
class Verified:
    """What a verified access token said: its refresh token (id and key) and validity window."""

    token_id: str
    key: str
    issued_at: float
    expires: float

    def valid_at(self, timestamp: float) -> bool:
        return self.issued_at <= timestamp < self.expires


class VerifiedTokens:
    """A bounded LRU of access-token strings whose signature was verified.

    Only successes are stored, keyed by the exact string: a changed byte is another key and
    goes through full verification. Entries carry the signing key, so a refresh token
    replaced under the same id does not match. `revision` is the AuthManager revision the
    entries belong to; on any change of users or tokens the whole cache is dropped.
    """

    def __init__(self, size: int = VERIFIED_CACHE_SIZE) -> None:
        self._size = size
        self._entries: OrderedDict[str, Verified] = OrderedDict()
        self.revision: int | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:  # never the token strings: they are bearer secrets
        return f"<VerifiedTokens {len(self._entries)}/{self._size}>"

    def get(self, access_token: str, revision: int) -> Verified | None:
        if revision != self.revision:
            self._entries.clear()
            self.revision = revision
            return None
        found = self._entries.get(access_token)
        if found is not None:
            self._entries.move_to_end(access_token)
        return found

    def add(self, access_token: str, verified: Verified, revision: int) -> None:
        if revision != self.revision:
            self._entries.clear()
            self.revision = revision
        self._entries[access_token] = verified
        self._entries.move_to_end(access_token)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)

    def discard(self, access_token: str) -> None:
        self._entries.pop(access_token, None)
