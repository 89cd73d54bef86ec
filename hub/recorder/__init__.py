"""Bastion's recorder: states and events to SQLite/PostgreSQL, history, logbook, statistics."""

from .config import CONFIG_SCHEMA, RecorderConfig, RetentionRule
from .core import Recorder

__all__ = ["CONFIG_SCHEMA", "Recorder", "RecorderConfig", "RetentionRule"]
