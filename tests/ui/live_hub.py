"""A real hub (demo office, alarm, HTTP server on 127.0.0.1) running on its own loop in a thread.

The browser tests drive Chromium synchronously while the hub serves from this thread.
Run it by hand to look at the UI: `.venv/bin/python -m tests.ui.live_hub [config_dir]`.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import textwrap
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from hub.api import HttpConfig, HttpServer
from hub.clock import Clock, FakeClock
from hub.runtime import Hub

T = TypeVar("T")
START_TIMEOUT = 60.0
CALL_TIMEOUT = 30.0
STOP_TIMEOUT = 30.0
ALARM_CODE = "4321"
ENTRY_DELAY = 120  # seconds: long enough that a test always disarms inside it

CONFIG = textwrap.dedent(
    f"""
    homeassistant:
      name: Bastion Test Office
      time_zone: UTC
    demo:
      simulate: false
    recorder:
      commit_interval: 0
    alarm:
      areas:
        office:
          name: Office
          exit_delay: 0
          entry_delay: {ENTRY_DELAY}
          sensors:
            - entity_id: binary_sensor.front_door
              role: door
            - entity_id: binary_sensor.back_door
              role: door
      codes:
        - name: Alice
          code: "{ALARM_CODE}"
          rights: [arm, disarm, acknowledge, force]
    automation:
      - id: front_door_notify
        alias: Front door notification
        triggers:
          - trigger: state
            entity_id: binary_sensor.front_door
            to: "on"
        actions:
          - action: persistent_notification.create
            data:
              message: Front door opened
    """
)


class LiveHub:
    """Start/stop a hub on a private loop thread; `run()` executes a coroutine on that loop.
    With a FakeClock the hub's timers (delays, escalation waits, lockouts) move only through
    `advance()`."""

    def __init__(
        self, config_dir: Path, config_yaml: str = CONFIG, clock: Clock | None = None
    ) -> None:
        self.config_dir = config_dir
        self.config_yaml = config_yaml
        self.clock = clock
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._serve, name="ui-test-hub", daemon=True)
        self.hub: Hub | None = None
        self.server: HttpServer | None = None

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def run(self, factory: Callable[[], Awaitable[T]], timeout: float = CALL_TIMEOUT) -> T:
        """Run `factory()` on the hub's loop and wait for its result."""

        async def wrapper() -> T:
            return await factory()

        return asyncio.run_coroutine_threadsafe(wrapper(), self.loop).result(timeout)

    def start(self) -> LiveHub:
        self.config_dir.mkdir(parents=True, exist_ok=True)
        (self.config_dir / "configuration.yaml").write_text(self.config_yaml, encoding="utf-8")
        self.thread.start()

        async def boot() -> None:
            hub = Hub(self.config_dir, clock=self.clock)
            server = HttpServer(HttpConfig(server_host=("127.0.0.1",), server_port=0))
            hub.parts["http"] = server
            self.hub, self.server = hub, server
            await hub.start()

        self.run(boot, START_TIMEOUT)
        return self

    @property
    def url(self) -> str:
        assert self.server is not None
        return self.server.url.rstrip("/")

    @property
    def setup_code(self) -> str | None:
        assert self.server is not None
        return self.server.setup_code

    def stop(self) -> None:
        if self.hub is not None:
            hub = self.hub
            self.run(hub.stop, STOP_TIMEOUT)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(STOP_TIMEOUT)
        self.loop.close()

    def state(self, entity_id: str) -> Any:
        assert self.hub is not None
        hub = self.hub

        async def read() -> Any:
            return hub.states.get(entity_id)

        return self.run(read)

    def call_service(
        self, domain: str, service: str, data: dict[str, Any], *, response: bool = False
    ) -> Any:
        """Call a service on the hub (blocking); its response data when `response` is set."""
        assert self.hub is not None
        hub = self.hub

        async def call() -> Any:
            return await hub.services.call(domain, service, data, return_response=response)

        return self.run(call)

    def advance(self, seconds: float) -> None:
        """Move the hub's FakeClock forward, firing due timers in order."""
        clock = self.clock
        assert isinstance(clock, FakeClock), "advance() needs a LiveHub made with a FakeClock"
        self.run(lambda: clock.advance(seconds))


def main() -> None:
    config_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "config"
    live = LiveHub(config_dir).start()
    print(f"Bastion UI at {live.url}/  setup code: {live.setup_code}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        live.stop()


if __name__ == "__main__":
    main()
