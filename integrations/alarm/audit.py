"""Security events go to the hub's audit sink; a redacted copy is fired as `bastion_audit`."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from hub.auth.audit import record_audit
from hub.context import Context
from hub.integration import IntegrationContext

_LOGGER = logging.getLogger(__name__)

EVENT_AUDIT = "bastion_audit"
# Details only the audit log may hold: never on the bus, in states or in the logbook.
PRIVATE_KEYS = frozenset({"duress", "silent_incident"})


class Auditor:
    """One `record` call per security event, full to the sink, redacted on the bus."""

    def __init__(self, ctx: IntegrationContext) -> None:
        self._ctx = ctx

    def record(
        self,
        action: str,
        *,
        context: Context | None,
        target: str | None = None,
        outcome: str = "success",
        details: Mapping[str, Any] | None = None,
        user_id: str | None = None,
        private: bool = False,
    ) -> None:
        """`private` records (anything about a silent alarm) go to the sink only."""
        details = dict(details or {})
        user_id = user_id or (context.user_id if context else None)
        try:
            record_audit(
                self._ctx.audit,
                action,
                context=context,
                target=target,
                outcome=outcome,
                details=details,
                user_id=user_id,
            )
        except Exception:  # the sink must not raise; if it does, the alarm keeps working
            _LOGGER.exception("Audit sink failed for %s", action)
        if private:
            return
        public = {k: v for k, v in details.items() if k not in PRIVATE_KEYS}
        self._ctx.fire(
            EVENT_AUDIT,
            {
                "action": action,
                "user_id": user_id,
                "target": target,
                "outcome": outcome,
                "details": public,
            },
            context=context,
        )
