"""Acknowledge links: a personal, single-use, expiring URL in each notification that stops an
incident's escalation from any browser, without signing in.

A token is `<selector>.<verifier>`; only the verifier's SHA-256 is kept (in memory and in the
private runtime store) and it is compared in constant time. Opening the link (GET) shows a
confirmation page with a button, so mail scanners and link previews that fetch it never
acknowledge; the button POSTs. Every failure answers the same "invalid or expired" page.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import logging
import secrets
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from aiohttp import web

from hub.context import Context

if TYPE_CHECKING:
    from hub.integration import IntegrationContext

    from .audit import Auditor
    from .escalation import Escalator, Incident

_LOGGER = logging.getLogger(__name__)

WEBHOOK_ID = "bastion_alarm_acknowledge"
LINK_PATH = f"/api/webhook/{WEBHOOK_ID}"
LINK_LIFETIME = 24 * 3600.0  # seconds; a link also dies when its incident stops being active
MAX_LINKS = 2000  # oldest dropped beyond this (a runaway policy must not grow memory)
MAX_TOKEN_LENGTH = 128
# Invalid attempts per client address: up to FAILURE_LIMIT per FAILURE_WINDOW seconds are
# audited and answered 404, further ones 429 (valid links keep working).
FAILURE_LIMIT = 10
FAILURE_WINDOW = 600.0
MAX_TRACKED_ADDRESSES = 1000
_DUMMY_DIGEST = bytes(32)


@dataclass(frozen=True, slots=True)
class LinkGrant:
    """What one issued link may do: acknowledge `incident_id`, on behalf of `recipient`."""

    digest: bytes  # SHA-256 of the verifier
    incident_id: str
    channel: str
    recipient: str
    expires: float  # hub clock timestamp

    def stored(self, selector: str) -> dict[str, Any]:
        return {
            "selector": selector,
            "digest": self.digest.hex(),
            "incident_id": self.incident_id,
            "channel": self.channel,
            "recipient": self.recipient,
            "expires": self.expires,
        }


def _digest(verifier: str) -> bytes:
    return hashlib.sha256(verifier.encode()).digest()


class AckLinks:
    """Issues acknowledge links and serves them (a hub webhook: public, the token is the key)."""

    def __init__(self, ctx: IntegrationContext, escalator: Escalator, auditor: Auditor) -> None:
        self._ctx = ctx
        self._escalator = escalator
        self._audit = auditor
        self._grants: dict[str, LinkGrant] = {}
        self._failures: dict[str, deque[float]] = {}
        self.enabled = False
        self.on_change: Callable[[], None] = lambda: None  # persistence hook

    def start(self) -> None:
        """Serve the links; without the webhook (its id taken) notifications carry none."""
        try:
            self._ctx.register_webhook(
                WEBHOOK_ID, self._handle, allowed_methods=("GET", "POST"), local_only=False
            )
        except ValueError:
            _LOGGER.error("Webhook %s is taken: notifications carry no ack link", WEBHOOK_ID)
            return
        self.enabled = True
        self._ctx.on_unload(self._disable)

    def _disable(self) -> None:
        self.enabled = False

    # -- issuing ---------------------------------------------------------------------------
    def issue(self, incident: Incident, channel: str, recipient: str) -> str | None:
        """A new link for `recipient` of `channel` to acknowledge `incident` (None when links
        are off or the incident is no longer active). Absolute when the hub has an
        external_url or internal_url, else a path."""
        if not self.enabled or incident.status != "active":
            return None
        self._prune()
        selector = secrets.token_urlsafe(12)
        verifier = secrets.token_urlsafe(32)
        self._grants[selector] = LinkGrant(
            _digest(verifier),
            incident.incident_id,
            channel,
            recipient,
            self._ctx.clock.timestamp() + LINK_LIFETIME,
        )
        while len(self._grants) > MAX_LINKS:
            del self._grants[next(iter(self._grants))]
        self.on_change()
        return f"{self._base_url()}{LINK_PATH}?token={selector}.{verifier}"

    def _base_url(self) -> str:
        core = self._ctx.core
        base = getattr(core, "external_url", None) or getattr(core, "internal_url", None)
        return str(base).rstrip("/") if base else ""

    # -- persistence -----------------------------------------------------------------------
    def snapshot(self) -> list[dict[str, Any]]:
        """The live grants (hashes only) for the private runtime store."""
        self._prune()
        return [grant.stored(selector) for selector, grant in self._grants.items()]

    def restore(self, stored: list[Any]) -> None:
        """Take back grants from before a restart; malformed or dead ones are dropped."""
        for item in stored:
            try:
                selector = str(item["selector"])
                grant = LinkGrant(
                    bytes.fromhex(item["digest"]),
                    str(item["incident_id"]),
                    str(item["channel"]),
                    str(item["recipient"]),
                    float(item["expires"]),
                )
            except (KeyError, TypeError, ValueError):
                _LOGGER.warning("Ignoring a malformed stored acknowledge link")
                continue
            self._grants[selector] = grant
        self._prune()

    def _prune(self) -> None:
        """Forget grants that expired or whose incident is no longer active."""
        now = self._ctx.clock.timestamp()
        incidents = self._escalator.incidents
        dead = [
            selector
            for selector, grant in self._grants.items()
            if grant.expires <= now
            or (found := incidents.get(grant.incident_id)) is None
            or found.status != "active"
        ]
        for selector in dead:
            del self._grants[selector]

    # -- serving ---------------------------------------------------------------------------
    def _find(self, token: str | None) -> tuple[str, LinkGrant, Incident] | None:
        """The live grant `token` names, or None; the verifier is compared in constant time."""
        if not token or len(token) > MAX_TOKEN_LENGTH:
            return None
        selector, _, verifier = token.partition(".")
        grant = self._grants.get(selector)
        expected = grant.digest if grant is not None else _DUMMY_DIGEST
        if not hmac.compare_digest(expected, _digest(verifier)) or grant is None:
            return None
        incident = self._escalator.incidents.get(grant.incident_id)
        if (
            incident is None
            or incident.status != "active"
            or grant.expires <= self._ctx.clock.timestamp()
        ):
            return None
        return selector, grant, incident

    async def _handle(self, hub: Any, webhook_id: str, request: web.Request) -> web.Response:
        token = request.query.get("token")
        if request.method == "POST":
            try:
                posted = (await request.post()).get("token")
            except ValueError:  # a malformed form body: fall back to the link's own token
                posted = None
            token = posted if isinstance(posted, str) and posted else token
        remote = request.remote or "unknown"
        found = self._find(token)
        if found is None:
            return self._refuse(request.method, remote)
        selector, grant, incident = found
        if request.method != "POST":
            return _confirm_page(incident, str(token))
        del self._grants[selector]  # single use, before anything else can run
        by = grant.recipient
        self._escalator.acknowledge(
            incident.incident_id,
            by,
            Context(),
            details={"via": "link", "channel": grant.channel},
        )
        return _page(
            HTTPStatus.OK,
            "Alarm acknowledged",
            f"Escalation of the alarm in {incident.area_name} has stopped. Thank you.",
        )

    def _refuse(self, method: str, remote: str) -> web.Response:
        now = self._ctx.clock.timestamp()
        failures = self._failures.pop(remote, None) or deque()
        while failures and failures[0] <= now - FAILURE_WINDOW:
            failures.popleft()
        failures.append(now)
        self._failures[remote] = failures  # re-inserted: most recent address last
        while len(self._failures) > MAX_TRACKED_ADDRESSES:
            del self._failures[next(iter(self._failures))]
        if len(failures) > FAILURE_LIMIT:
            if len(failures) == FAILURE_LIMIT + 1:
                self._record_failure(remote, "too many invalid links; throttled")
            return _page(
                HTTPStatus.TOO_MANY_REQUESTS,
                "Too many attempts",
                "Too many invalid or expired links from your address. Try again later.",
            )
        if method == "POST":  # a GET may be a link scanner: not worth an audit record
            self._record_failure(remote, "invalid or expired link")
        return _page(
            HTTPStatus.NOT_FOUND,
            "Link invalid or expired",
            "This acknowledge link is invalid or has expired (links work once, for 24 hours, "
            "and only while the alarm is active). Open the app or call the alarm company.",
        )

    def _record_failure(self, remote: str, reason: str) -> None:
        self._audit.record(
            "alarm.acknowledge",
            context=None,
            target="alarm",
            outcome="failure",
            details={"via": "link", "reason": reason, "remote_ip": remote},
        )


def _confirm_page(incident: Incident, token: str) -> web.Response:
    what = "An alarm" if incident.silent else f"An alarm ({incident.kind})"
    started = incident.started.isoformat(timespec="seconds")
    body = (
        f"<p>{html.escape(what)} in {html.escape(incident.area_name)} since "
        f"{html.escape(started)}.</p>"
        '<form method="post">'
        f'<input type="hidden" name="token" value="{html.escape(token, quote=True)}">'
        '<button type="submit">Acknowledge and stop escalation</button>'
        "</form>"
    )
    return _page(HTTPStatus.OK, "Acknowledge alarm", None, body)


def _page(status: int, title: str, text: str | None, body: str | None = None) -> web.Response:
    content = body if body is not None else f"<p>{html.escape(text or '')}</p>"
    document = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{html.escape(title)}</title></head>"
        f"<body><h1>{html.escape(title)}</h1>{content}</body></html>"
    )
    return web.Response(
        text=document,
        status=status,
        content_type="text/html",
        headers={"Cache-Control": "no-store", "X-Robots-Tag": "noindex"},
    )
