"""A bounded in-memory log of recent warnings and errors for GET /api/error_log."""

from __future__ import annotations

import logging
from collections import deque

MAX_RECORDS = 500
MAX_LINE = 2000


class ErrorLog(logging.Handler):
    """Keeps the last MAX_RECORDS formatted records at WARNING and above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self._lines: deque[str] = deque(maxlen=MAX_RECORDS)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s (%(name)s) %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
        except Exception:  # a broken record must not break logging
            return
        self._lines.append("".join(c for c in line if c.isprintable() or c == "\n")[:MAX_LINE])

    def text(self) -> str:
        return "\n".join(self._lines) + ("\n" if self._lines else "")
