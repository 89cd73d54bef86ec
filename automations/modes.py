"""Run modes of automations and scripts and how an over-limit run is logged."""

from __future__ import annotations

import logging
from enum import StrEnum


class RunMode(StrEnum):
    SINGLE = "single"
    RESTART = "restart"
    QUEUED = "queued"
    PARALLEL = "parallel"


MAX_EXCEEDED_LEVELS: dict[str, int] = {
    "silent": logging.NOTSET,
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
    "critical": logging.CRITICAL,
}
