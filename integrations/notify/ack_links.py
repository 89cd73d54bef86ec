"""Acknowledge links: a personal, single-use, expiring URL in a notification that acknowledges
something (an alarm incident, an alert) from any browser, without signing in.

A token is `<selector>.<verifier>`; only the verifier's SHA-256 is kept (in memory, and in the
owner's private store when it persists them) and it is compared in constant time. Opening the
link (GET) shows a confirmation page with a button, so mail scanners and link previews that
fetch it never acknowledge; the button POSTs. Every failure answers the same "invalid or
expired" page; invalid attempts are throttled per client address.

Each integration keeps its own `AckLinkKeeper` on its own hub webhook and answers, through an
`AckTarget`, which subjects (incident ids, alert firings) are live and what acknowledging does.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import logging
import secrets
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from http import HTTPStatus
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

from aiohttp import web

from .channels import Message, Personalizer

if TYPE_CHECKING:
    from hub.integration import IntegrationContext

_LOGGER = logging.getLogger(__name__)

LINK_LIFETIME = 24 * 3600.0  # seconds; a link also dies when its subject stops being live
MAX_LINKS = 2000  # per keeper; oldest dropped beyond this (a runaway policy must not grow memory)
MAX_TOKEN_LENGTH = 128
# Invalid attempts per client address: up to FAILURE_LIMIT per FAILURE_WINDOW seconds are
# reported to the target (audited) and answered 404, further ones 429 (valid links still work).
FAILURE_LIMIT = 10
FAILURE_WINDOW = 600.0
MAX_TRACKED_ADDRESSES = 1000
_DUMMY_DIGEST = bytes(32)

# (channel, recipient) -> a personal acknowledge URL, or None.
LinkIssuer = Callable[[str, str], "str | None"]


@dataclass(frozen=True, slots=True)
class LinkGrant:
    """What one issued link may do: acknowledge `subject`, on behalf of `recipient`."""

    digest: bytes  # SHA-256 of the verifier
    subject: str
    channel: str
    recipient: str
    expires: float  # hub clock timestamp

    def stored(self, selector: str) -> dict[str, Any]:
        return {
            "selector": selector,
            "digest": self.digest.hex(),
            "subject": self.subject,
            "channel": self.channel,
            "recipient": self.recipient,
            "expires": self.expires,
        }


@dataclass(frozen=True, slots=True)
class LinkTexts:
    """The wording of one integration's link pages (plain text, escaped when rendered)."""

    confirm_title: str  # "Acknowledge alarm"
    button: str  # "Acknowledge and stop escalation"
    done_title: str  # "Alarm acknowledged"
    invalid: str  # why a link may no longer work, and what to do instead


class AckTarget(Protocol):
    """What the links of one keeper acknowledge; the owning integration answers for it."""

    def live(self, subject: str) -> bool:
        """Whether `subject` may still be acknowledged (links of a dead subject never work)."""
        ...

    def describe(self, subject: str) -> str:
        """One plain-text sentence for the confirmation page (of a live subject)."""
        ...

    def acknowledge(self, grant: LinkGrant) -> str:
        """Acknowledge `grant.subject` for `grant.recipient` (and audit it); the page text."""
        ...

    def refused(self, remote: str, reason: str) -> None:
        """Audit a refused link request from client address `remote` (never given the token)."""
        ...


def _digest(verifier: str) -> bytes:
    return hashlib.sha256(verifier.encode()).digest()


class AckLinkKeeper:
    """Issues acknowledge links and serves them on a hub webhook (public: the token is the key)."""

    def __init__(
        self, ctx: IntegrationContext, webhook_id: str, target: AckTarget, texts: LinkTexts
    ) -> None:
        self._ctx = ctx
        self.webhook_id = webhook_id
        self._target = target
        self._texts = texts
        self._grants: dict[str, LinkGrant] = {}
        self._failures: dict[str, deque[float]] = {}
        self.enabled = False
        self.on_change: Callable[[], None] = lambda: None  # persistence hook

    @property
    def path(self) -> str:
        return f"/api/webhook/{self.webhook_id}"

    def start(self) -> None:
        """Serve the links; without the webhook (its id taken) notifications carry none."""
        try:
            self._ctx.register_webhook(
                self.webhook_id, self._handle, allowed_methods=("GET", "POST"), local_only=False
            )
        except ValueError:
            _LOGGER.error("Webhook %s is taken: notifications carry no ack link", self.webhook_id)
            return
        self.enabled = True
        self._ctx.on_unload(self._disable)

    def _disable(self) -> None:
        self.enabled = False

    # -- issuing ---------------------------------------------------------------------------
    def issue(self, subject: str, channel: str, recipient: str) -> str | None:
        """A new link for `recipient` of `channel` to acknowledge `subject` (None when links
        are off or the subject is not live). Absolute when the hub has an external_url or
        internal_url, else a path."""
        if not self.enabled or not self._target.live(subject):
            return None
        self._prune()
        selector = secrets.token_urlsafe(12)
        verifier = secrets.token_urlsafe(32)
        self._grants[selector] = LinkGrant(
            _digest(verifier),
            subject,
            channel,
            recipient,
            self._ctx.clock.timestamp() + LINK_LIFETIME,
        )
        while len(self._grants) > MAX_LINKS:
            del self._grants[next(iter(self._grants))]
        self.on_change()
        return f"{self._base_url()}{self.path}?token={selector}.{verifier}"

    def revoke(self, subject: str) -> None:
        """Kill every link of `subject` now (it was acknowledged or went away)."""
        dead = [s for s, grant in self._grants.items() if grant.subject == subject]
        for selector in dead:
            del self._grants[selector]
        if dead:
            self.on_change()

    def _base_url(self) -> str:
        core = self._ctx.core
        base = getattr(core, "external_url", None) or getattr(core, "internal_url", None)
        return str(base).rstrip("/") if base else ""

    # -- persistence -----------------------------------------------------------------------
    def snapshot(self) -> list[dict[str, Any]]:
        """The live grants (hashes only) for the owner's private store."""
        self._prune()
        return [grant.stored(selector) for selector, grant in self._grants.items()]

    def restore(self, stored: list[Any]) -> None:
        """Take back grants from before a restart; malformed or dead ones are dropped."""
        for item in stored:
            try:
                selector = str(item["selector"])
                # "incident_id": how the alarm stored the subject before links were shared.
                subject = item["subject"] if "subject" in item else item["incident_id"]
                grant = LinkGrant(
                    bytes.fromhex(item["digest"]),
                    str(subject),
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
        """Forget grants that expired or whose subject is no longer live."""
        now = self._ctx.clock.timestamp()
        dead = [
            selector
            for selector, grant in self._grants.items()
            if grant.expires <= now or not self._target.live(grant.subject)
        ]
        for selector in dead:
            del self._grants[selector]

    # -- serving ---------------------------------------------------------------------------
    def _find(self, token: str | None) -> tuple[str, LinkGrant] | None:
        """The live grant `token` names, or None; the verifier is compared in constant time."""
        if not token or len(token) > MAX_TOKEN_LENGTH:
            return None
        selector, _, verifier = token.partition(".")
        grant = self._grants.get(selector)
        expected = grant.digest if grant is not None else _DUMMY_DIGEST
        if not hmac.compare_digest(expected, _digest(verifier)) or grant is None:
            return None
        if grant.expires <= self._ctx.clock.timestamp() or not self._target.live(grant.subject):
            return None
        return selector, grant

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
        selector, grant = found
        texts = self._texts
        if request.method != "POST":
            return _confirm_page(texts, self._target.describe(grant.subject), str(token))
        del self._grants[selector]  # single use, before anything else can run
        self.on_change()
        done = self._target.acknowledge(grant)
        return _page(HTTPStatus.OK, texts.done_title, done)

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
                self._target.refused(remote, "too many invalid links; throttled")
            return _page(
                HTTPStatus.TOO_MANY_REQUESTS,
                "Too many attempts",
                "Too many invalid or expired links from your address. Try again later.",
            )
        if method == "POST":  # a GET may be a link scanner: not worth an audit record
            self._target.refused(remote, "invalid or expired link")
        return _page(HTTPStatus.NOT_FOUND, "Link invalid or expired", self._texts.invalid)


def link_personalizer(issue: LinkIssuer) -> Personalizer:
    """A `Message.personalize` that gives each recipient's copy their own acknowledge link:
    `data.acknowledge_url` and a URI action "Acknowledge" (the copy is unchanged without one)."""

    def personalize(msg: Message, channel: str, recipient: str) -> Message:
        url = issue(channel, recipient)
        if url is None:
            return replace(msg, personalize=None)
        link = MappingProxyType({"action": "URI", "title": "Acknowledge", "uri": url})
        return replace(
            msg,
            data=MappingProxyType({**msg.data, "acknowledge_url": url}),
            actions=(*msg.actions, link),
            personalize=None,
        )

    return personalize


def _confirm_page(texts: LinkTexts, sentence: str, token: str) -> web.Response:
    body = (
        f"<p>{html.escape(sentence)}</p>"
        '<form method="post">'
        f'<input type="hidden" name="token" value="{html.escape(token, quote=True)}">'
        f'<button type="submit">{html.escape(texts.button)}</button>'
        "</form>"
    )
    return _page(HTTPStatus.OK, texts.confirm_title, None, body)


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
