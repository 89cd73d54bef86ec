"""Bastion integrations package."""
