"""Notification channels: persistent notification, websocket push, SMTP email, JSON webhook."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from types import MappingProxyType
from typing import Any, Protocol

import aiohttp

from hub.context import ulid
from hub.errors import DeviceError
from hub.integration import IntegrationContext

SMTP_TIMEOUT = 15.0
WEBHOOK_TIMEOUT = 10.0
EVENT_NOTIFY_PUSH = "notify_push"
MAX_ERROR_LENGTH = 200


# (message, channel name, recipient) -> the message as that recipient gets it.
Personalizer = Callable[["Message", str, str], "Message"]


@dataclass(frozen=True, slots=True)
class Message:
    """What one notification says; `data` carries channel extras (e.g. incident id).

    `personalize`, when set, gives each recipient of a channel that reaches people outside the
    hub (email, webhook, MQTT) its own copy, e.g. with a personal acknowledge link. Channels
    that publish on the hub's bus or UI never call it, so such credentials stay off the bus.
    """

    message: str
    title: str | None = None
    data: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    actions: tuple[Mapping[str, str], ...] = ()
    personalize: Personalizer | None = field(default=None, compare=False, repr=False)

    def for_recipient(self, channel: str, recipient: str) -> Message:
        """This message as `recipient` of `channel` gets it (itself when not personalized)."""
        if self.personalize is None:
            return self
        return self.personalize(self, channel, recipient)


class Channel(Protocol):
    name: str

    async def send(self, msg: Message) -> None:
        """Deliver or raise DeviceError with a short reason (no secrets in it)."""


def short(err: BaseException) -> str:
    """An exception as one short line for delivery records (type and message, capped)."""
    text = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
    return "".join(ch for ch in text if ch.isprintable())[:MAX_ERROR_LENGTH]


class PersistentChannel:
    """Shows the message in the UI as a persistent notification."""

    def __init__(self, name: str, ctx: IntegrationContext, conf: Mapping[str, Any]) -> None:
        self.name = name
        self._ctx = ctx

    async def send(self, msg: Message) -> None:
        notification_id = msg.data.get("notification_id")
        self._ctx.notify(msg.message, msg.title or "Notification", notification_id)


class WebsocketChannel:
    """Fires `notify_push` on the bus; the API forwards it to subscribed apps (with actions)."""

    def __init__(self, name: str, ctx: IntegrationContext, conf: Mapping[str, Any]) -> None:
        self.name = name
        self._ctx = ctx
        self._target = conf.get("target")

    async def send(self, msg: Message) -> None:
        actions = [dict(a) for a in msg.actions]
        data = dict(msg.data)
        if actions:  # where Home Assistant's companion apps look for the buttons
            data.setdefault("actions", actions)
        self._ctx.fire(
            EVENT_NOTIFY_PUSH,
            {
                "push_id": ulid(),
                "channel": self.name,
                "target": self._target,
                "title": msg.title,
                "message": msg.message,
                "data": data,
                "actions": actions,
            },
        )


class EmailChannel:
    """Sends plain-text email over SMTP (optionally STARTTLS/SSL and login) in a worker thread."""

    def __init__(self, name: str, ctx: IntegrationContext, conf: Mapping[str, Any]) -> None:
        self.name = name
        self._ctx = ctx
        self._conf = conf

    async def send(self, msg: Message) -> None:
        recipients = list(self._conf["recipients"])
        if msg.personalize is None:  # one email to everyone
            emails = [self._email(msg, recipients)]
        else:  # one email each, so each recipient gets their own links
            emails = [self._email(msg.for_recipient(self.name, r), [r]) for r in recipients]
        try:
            await self._ctx.run_blocking(self._deliver, emails)
        except (OSError, smtplib.SMTPException) as err:
            raise DeviceError(f"email via {self._conf['host']} failed: {short(err)}") from err

    def _email(self, msg: Message, recipients: list[str]) -> EmailMessage:
        email = EmailMessage()
        email["From"] = self._conf["sender"]
        email["To"] = ", ".join(recipients)
        email["Subject"] = msg.title or "Bastion notification"
        body = msg.message
        for action in msg.actions:
            if "uri" in action:
                body += f"\n\n{action.get('title', action.get('action', 'Open'))}: {action['uri']}"
        email.set_content(body)
        return email

    def _deliver(self, emails: list[EmailMessage]) -> None:
        conf = self._conf
        timeout = conf.get("timeout", SMTP_TIMEOUT)
        smtp: smtplib.SMTP
        if conf.get("encryption") == "tls":
            smtp = smtplib.SMTP_SSL(
                conf["host"], conf["port"], timeout=timeout, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(conf["host"], conf["port"], timeout=timeout)
        with smtp:
            if conf.get("encryption") == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if conf.get("username"):
                smtp.login(conf["username"], conf.get("password", ""))
            for email in emails:
                smtp.send_message(email)


class WebhookChannel:
    """POSTs the message as JSON to a URL; any non-2xx answer is a failed delivery."""

    def __init__(self, name: str, ctx: IntegrationContext, conf: Mapping[str, Any]) -> None:
        self.name = name
        self._conf = conf

    async def send(self, msg: Message) -> None:
        msg = msg.for_recipient(self.name, self.name)
        payload = {
            "title": msg.title,
            "message": msg.message,
            "data": dict(msg.data),
            "actions": [dict(a) for a in msg.actions],
        }
        timeout = aiohttp.ClientTimeout(total=self._conf.get("timeout", WEBHOOK_TIMEOUT))
        try:
            async with (
                aiohttp.ClientSession(timeout=timeout) as session,
                session.post(
                    self._conf["url"], json=payload, headers=dict(self._conf.get("headers", {}))
                ) as response,
            ):
                if not 200 <= response.status < 300:
                    raise DeviceError(f"webhook answered HTTP {response.status}")
        except (aiohttp.ClientError, TimeoutError, OSError) as err:
            raise DeviceError(f"webhook failed: {short(err)}") from err


PLATFORMS: dict[str, type[Any]] = {
    "persistent_notification": PersistentChannel,
    "websocket": WebsocketChannel,
    "smtp": EmailChannel,
    "webhook": WebhookChannel,
}
