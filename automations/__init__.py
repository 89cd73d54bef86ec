"""Bastion automations package."""
