"""Playbook tests use the alarm test site (fake sensors, devices and audit sink)."""

from tests.alarm.conftest import make_site

__all__ = ["make_site"]
