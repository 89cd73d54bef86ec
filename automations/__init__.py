"""Home Assistant-compatible automations: triggers, conditions, the script runner, traces."""
