"""Hub: wires the core parts together and runs the lifecycle (start, run, staged stop)."""

from __future__ import annotations

import asyncio
import logging
import signal
from enum import StrEnum
from pathlib import Path
from typing import Any

from . import gc_policy
from .clock import Clock
from .context import Context
from .entity_host import EntityHost
from .errors import NotReady
from .events import (
    EVENT_HOMEASSISTANT_CLOSE,
    EVENT_HOMEASSISTANT_FINAL_WRITE,
    EVENT_HOMEASSISTANT_START,
    EVENT_HOMEASSISTANT_STARTED,
    EVENT_HOMEASSISTANT_STOP,
    EventBus,
)
from .loader import Loader
from .notifications import Notifications
from .registry import Registries
from .restore import DUMP_INTERVAL, RestoreStates
from .services import ServiceRegistry
from .states import StateMachine
from .tasks import TaskSupervisor

_LOGGER = logging.getLogger(__name__)

STOP_LISTENERS_TIMEOUT = 30.0
PART_RETRY_DELAYS = (5.0, 15.0, 30.0, 60.0, 120.0, 300.0)
FINAL_WRITE_TIMEOUT = 30.0
CLOSE_TIMEOUT = 10.0
# Top-level blocks hub.config keeps after setup: the HTTP part reads `http:` when it (re)starts.
RETAINED_CONFIG_DOMAINS = ("http",)


class CoreState(StrEnum):
    NOT_RUNNING = "NOT_RUNNING"
    STARTING = "STARTING"
    RUNNING = "RUNNING"
    STOPPING = "STOPPING"
    FINAL_WRITE = "FINAL_WRITE"
    STOPPED = "STOPPED"


class Hub:
    """One running Bastion instance for one configuration directory."""

    def __init__(self, config_dir: Path | str, *, clock: Clock | None = None) -> None:
        self.config_dir = Path(config_dir).resolve()
        self.clock = clock or Clock()
        self.state = CoreState.NOT_RUNNING
        self.bus = EventBus(self.clock)
        self.states = StateMachine(self.bus, self.clock)
        self.services = ServiceRegistry(self.bus)
        self.tasks = TaskSupervisor()
        self.notifications = Notifications(self.bus, self.clock)
        self.registries = Registries(self.bus, self.states, self.config_dir)
        self.services.set_target_resolver(self.registries.resolve_target)
        self.restore = RestoreStates(self.states, self.config_dir)
        self.config: Any = None
        self.core_config: Any = None
        self.config_errors: list[Any] = []
        self.entities: EntityHost = None  # type: ignore[assignment]  # made in start()
        self.templates: Any = None
        self.loader = Loader(self)
        self.parts: dict[str, Any] = {}  # optional subsystems: audit, auth, recorder, http
        self.auth: Any = None  # the AuthManager, once the auth part has started
        self.recorder: Any = None  # the Recorder, once the recorder part has started
        self._stopped = asyncio.Event()
        self._stop_task: asyncio.Task[None] | None = None
        self._cancel_dump: Any = None
        self.exit_code = 0
        self._secrets: dict[str, Any] | None = None

    # -- start -------------------------------------------------------------------------
    async def start(self) -> None:
        """Load configuration and registries, set up integrations, announce start."""
        from .config.core import load_configuration, retained
        from .templates import TemplateEngine

        self.state = CoreState.STARTING
        self.config_dir.mkdir(parents=True, exist_ok=True)
        self.config = await asyncio.to_thread(load_configuration, self.config_dir)
        self.core_config = self.config.core
        self.config_errors = list(self.config.errors)
        for error in self.config_errors:
            _LOGGER.error("Configuration error: %s", error)
        if self.config_errors:
            self.notifications.create(
                "\n".join(str(e) for e in self.config_errors[:20]),
                "Configuration errors",
                "config_errors",
            )
        await self.registries.load()
        await self.restore.load()
        self.entities = EntityHost(
            self.states,
            self.registries,
            self.services,
            self.restore,
            getattr(self.core_config, "customize", None),
        )
        self.restore.bind(self.entities.restorable)
        self.templates = TemplateEngine(
            self.states, self.clock, self.time_zone, registries=self.registries
        )
        await self._start_parts()
        self.bus.fire(EVENT_HOMEASSISTANT_START)
        await self.loader.setup_all(self.config)
        # Set up: keep only what a later (re)start reads from hub.config; reloads re-read files.
        self.config = retained(self.config, RETAINED_CONFIG_DOMAINS)
        self.state = CoreState.RUNNING
        self._schedule_dump()
        self.bus.fire(EVENT_HOMEASSISTANT_STARTED)
        _LOGGER.info(
            "Bastion started: %d integrations, %d entities",
            len(self.loader.loaded),
            len(self.states),
        )

    def secrets(self) -> dict[str, Any]:
        """The values of `<config>/secrets.yaml` (empty when there is none), read once."""
        if self._secrets is None:
            from .config.yaml_loader import load_yaml

            path = self.config_dir / "secrets.yaml"
            loaded = load_yaml(path, self.config_dir) if path.exists() else {}
            self._secrets = dict(loaded) if isinstance(loaded, dict) else {}
        return self._secrets

    async def _start_parts(self) -> None:
        from .parts import build_parts

        for name, part in build_parts(self, self.config).items():
            self.parts.setdefault(name, part)
        for name, part in list(self.parts.items()):
            await self._start_part(name, part, 0)

    async def _start_part(self, name: str, part: Any, attempt: int) -> bool:
        """Start one part; NotReady (e.g. the database is down) retries with backoff."""
        try:
            await part.start(self)
        except NotReady as err:
            delay = PART_RETRY_DELAYS[min(attempt, len(PART_RETRY_DELAYS) - 1)]
            _LOGGER.warning("%s not ready (%s); retrying in %.0f s", name, err, delay)
            self.notifications.create(
                f"The {name} subsystem is not ready: {err}. Retrying in {delay:.0f} s.",
                f"{name} not ready",
                f"part_{name}",
            )

            async def retry() -> None:
                await self.clock.sleep(delay)
                await self._start_part(name, part, attempt + 1)

            self.tasks.create(retry(), f"retry-part:{name}")
            return False
        except Exception as err:
            _LOGGER.exception("Could not start %s", name)
            self.parts.pop(name, None)
            self.notifications.create(
                f"The {name} subsystem could not start: {err}", f"{name} failed", f"part_{name}"
            )
            return False
        if attempt:
            _LOGGER.info("%s started after %d retries", name, attempt)
            self.notifications.dismiss(f"part_{name}")
        return True

    @property
    def time_zone(self) -> Any:
        from zoneinfo import ZoneInfo

        tz = getattr(self.core_config, "time_zone", None)
        return tz if tz is not None else ZoneInfo("UTC")

    def _schedule_dump(self) -> None:
        def dump() -> None:
            self.tasks.create(self.restore.save(), "restore-dump")
            self._schedule_dump()

        self._cancel_dump = self.clock.call_later(DUMP_INTERVAL, dump)

    # -- stop --------------------------------------------------------------------------
    def request_stop(self, exit_code: int = 0) -> None:
        """Ask the hub to stop (from a signal or the homeassistant.stop service)."""
        self.exit_code = exit_code
        if self._stop_task is None:
            self._stop_task = asyncio.get_running_loop().create_task(self.stop(), name="hub-stop")

    async def stop(self) -> None:
        """Staged shutdown: stop event → unload integrations → final write → close."""
        if self.state in (CoreState.STOPPING, CoreState.FINAL_WRITE, CoreState.STOPPED):
            await self._stopped.wait()
            return
        self.state = CoreState.STOPPING
        if self._cancel_dump is not None:
            self._cancel_dump()
        self.bus.fire(EVENT_HOMEASSISTANT_STOP, context=Context())
        await self._bounded(self.bus.drain(), STOP_LISTENERS_TIMEOUT, "stop listeners")
        if self.entities is not None:
            await self.restore.save()
        await self._bounded(self.loader.unload_all(), STOP_LISTENERS_TIMEOUT, "integration unload")
        self.state = CoreState.FINAL_WRITE
        self.bus.fire(EVENT_HOMEASSISTANT_FINAL_WRITE)
        await self._bounded(self.registries.flush(), FINAL_WRITE_TIMEOUT, "registry write")
        for name, part in reversed(list(self.parts.items())):
            await self._bounded(part.stop(), FINAL_WRITE_TIMEOUT, f"{name} stop")
        self.bus.fire(EVENT_HOMEASSISTANT_CLOSE)
        self.bus.cancel_pending()
        await self.tasks.cancel_all(CLOSE_TIMEOUT)
        self.tasks.shutdown_executor()
        self.state = CoreState.STOPPED
        self._stopped.set()

    @staticmethod
    async def _bounded(awaitable: Any, timeout: float, what: str) -> None:
        try:
            async with asyncio.timeout(timeout):
                await awaitable
        except TimeoutError:
            _LOGGER.warning("Shutdown stage '%s' took longer than %.0f s; moving on", what, timeout)
        except Exception:
            _LOGGER.exception("Shutdown stage '%s' failed", what)

    async def wait_stopped(self) -> None:
        await self._stopped.wait()

    async def run(self) -> int:
        """Start, then run until SIGINT/SIGTERM or a stop request; returns the exit code."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self.request_stop)
            except (NotImplementedError, RuntimeError):  # pragma: no cover - non-Unix
                pass
        with gc_policy.starting():
            await self.start()
        with gc_policy.running():
            await self._stopped.wait()
        return self.exit_code
