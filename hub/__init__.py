"""Bastion core: events, states, services, registries, config, templates, recorder, auth, API."""

__version__ = "0.1.0"
