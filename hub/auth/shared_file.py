"""The auth file as one process sees it, kept in step with the other processes writing it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from hub.clock import Clock
from hub.storage import StorageError

from .persistence import AuthData, FileSignature, auth_store, file_lock, file_signature
from .records import Revisions

_LOGGER = logging.getLogger(__name__)

# Changes another process (the CLI) writes take effect here within this many seconds: the
# file's signature is checked at most this often (on token use and by the watcher task).
RELOAD_INTERVAL = 1.0
FULL_RELOAD_INTERVAL = 60.0  # re-read even if the signature looks unchanged (coarse mtimes)


class SharedAuthFile:
    """`data` mirrors `<config>/.storage/auth`; `on_change` runs when another writer changed it.

    Writes read-merge-write under a cross-process lock; `sync()` merges the file when its
    signature changed. Merging never loses a newer record or undoes a deletion.
    """

    def __init__(self, config_dir: Path | str, clock: Clock, on_change: Callable[[], None]) -> None:
        self._config_dir = config_dir
        self._clock = clock
        self._on_change = on_change
        self._store = auth_store(config_dir)
        self._revisions = Revisions(clock)
        self.data = AuthData.empty(self._revisions)
        self._write_lock = asyncio.Lock()
        self._sync_lock = asyncio.Lock()
        self._signature: FileSignature | None = None
        self._last_check = float("-inf")
        self._last_full_read = float("-inf")
        self._watch_task: asyncio.Task[None] | None = None
        self._closed = False

    async def load(self) -> None:
        """Read the file (migrating an older version); replaces `data`."""
        async with self._write_lock, file_lock(self._config_dir):
            raw = await self._store.load()
            self._signature = await asyncio.to_thread(file_signature, self._store.path)
            self._last_full_read = self._clock.timestamp()
        if raw:
            self.data = AuthData.from_dict(raw, self._revisions)

    async def write(self) -> None:
        """Merge what is on disk into `data`, then write `data` (atomically, under the lock)."""
        async with self._write_lock, file_lock(self._config_dir):
            raw = await self._store.load()
            if raw:
                self.data.merge(self._decode(raw))
            self.data.drop_orphans()
            self.data.prune(self._clock.timestamp())
            await self._store.save(self.data.as_dict())
            # Still under the lock, so this is our own write's signature.
            self._signature = await asyncio.to_thread(file_signature, self._store.path)

    async def sync(self) -> bool:
        """Merge what another process wrote if the file changed; True if `data` changed."""
        async with self._sync_lock:
            now = self._clock.timestamp()
            self._last_check = now
            signature = await asyncio.to_thread(file_signature, self._store.path)
            if signature == self._signature and now - self._last_full_read < FULL_RELOAD_INTERVAL:
                return False
            async with self._write_lock:
                # Signature before reading: a write landing after it is seen at the next check.
                self._signature = signature
                self._last_full_read = now
                raw = await self._store.load()
                if not raw or not self.data.merge(self._decode(raw)):
                    return False
        _LOGGER.info("Loaded auth changes made by another process (e.g. the bastion CLI)")
        self._on_change()
        return True

    async def sync_if_due(self) -> None:
        """`sync()` at most once per RELOAD_INTERVAL; waits for a check already running."""
        if self._sync_lock.locked():
            async with self._sync_lock:
                return
        if self._clock.timestamp() - self._last_check >= RELOAD_INTERVAL:
            await self.sync()

    def watch(self) -> None:
        """Re-check the file every RELOAD_INTERVAL until `stop()`."""
        if self._watch_task is None and not self._closed:
            self._watch_task = asyncio.get_running_loop().create_task(
                self._watch(), name="auth:watch"
            )

    async def stop(self) -> None:
        """End the watcher."""
        self._closed = True
        task, self._watch_task = self._watch_task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def _watch(self) -> None:
        while True:
            await self._clock.sleep(RELOAD_INTERVAL)
            try:
                await self.sync_if_due()
            except (OSError, StorageError):
                _LOGGER.exception("Could not re-read the auth store")

    def _decode(self, raw: dict[str, object]) -> AuthData:
        # Its own Revisions: decoding must not advance ours except through merge().
        return AuthData.from_dict(raw, Revisions(self._clock))
