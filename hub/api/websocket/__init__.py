"""The Home Assistant websocket protocol: connection, command registry and core commands."""
