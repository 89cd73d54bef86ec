"""Store: atomic, versioned JSON documents under `<config>/.storage/`."""

from __future__ import annotations

import asyncio
import logging
import os
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import orjson

from .errors import HubError
from .events import json_default

_LOGGER = logging.getLogger(__name__)

STORAGE_DIR = ".storage"
Migrator = Callable[[int, dict[str, Any]], dict[str, Any] | Awaitable[dict[str, Any]]]


class StorageError(HubError):
    """A stored document could not be read or written."""


def write_atomic(path: Path, payload: bytes, *, private: bool = False) -> None:
    """Write bytes so that a crash leaves either the old or the new file, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if private:
            os.chmod(tmp, 0o600)
        os.replace(tmp, path)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Store:
    """One JSON document `{version, key, data}`; writes are atomic and can be debounced.

    `private=True` stores with mode 0600 (credentials, tokens).
    """

    def __init__(
        self,
        config_dir: Path | str,
        key: str,
        version: int,
        *,
        private: bool = False,
        migrate: Migrator | None = None,
    ) -> None:
        self.key = key
        self.version = version
        self.path = Path(config_dir) / STORAGE_DIR / key
        self._private = private
        self._migrate = migrate
        self._pending: Callable[[], Any] | None = None
        self._delay_handle: asyncio.TimerHandle | None = None
        self._write_lock = asyncio.Lock()

    def load_sync(self) -> dict[str, Any] | None:
        """Read the document (blocking); None if it does not exist yet."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            doc = orjson.loads(raw)
        except orjson.JSONDecodeError as err:
            raise StorageError(f"{self.path} is not valid JSON: {err}") from err
        if not isinstance(doc, dict) or "data" not in doc:
            raise StorageError(f"{self.path} is not a Bastion storage document")
        return doc

    async def load(self) -> Any | None:
        """Read and migrate the stored data; None if nothing is stored."""
        doc = await asyncio.to_thread(self.load_sync)
        if doc is None:
            return None
        stored_version = int(doc.get("version", 1))
        data = doc["data"]
        if stored_version > self.version:
            raise StorageError(
                f"{self.path} has version {stored_version}, newer than this Bastion "
                f"understands ({self.version}); refusing to overwrite it"
            )
        if stored_version < self.version:
            if self._migrate is None:
                raise StorageError(f"{self.path}: no migration from version {stored_version}")
            result = self._migrate(stored_version, data)
            data = await result if isinstance(result, Awaitable) else result
            await self.save(data)
        return data

    def _encode(self, data: Any) -> bytes:
        return orjson.dumps(
            {"version": self.version, "key": self.key, "data": data},
            default=json_default,
            option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS,
        )

    def save_sync(self, data: Any) -> None:
        """Write the document now (blocking)."""
        write_atomic(self.path, self._encode(data), private=self._private)

    async def save(self, data: Any) -> None:
        """Write the document now, off the event loop."""
        self._cancel_delay()
        self._pending = None
        payload = self._encode(data)
        async with self._write_lock:
            await asyncio.to_thread(write_atomic, self.path, payload, private=self._private)

    def delay_save(self, data_func: Callable[[], Any], delay: float = 1.0) -> None:
        """Save `data_func()` after `delay` seconds, coalescing bursts of changes."""
        self._pending = data_func
        self._cancel_delay()
        loop = asyncio.get_running_loop()
        self._delay_handle = loop.call_later(
            delay, lambda: loop.create_task(self.flush(), name=f"store:{self.key}")
        )

    async def flush(self) -> None:
        """Write a pending delayed save now (called at shutdown)."""
        self._cancel_delay()
        func, self._pending = self._pending, None
        if func is not None:
            try:
                await self.save(func())
            except OSError:
                _LOGGER.exception("Could not write %s", self.path)

    @property
    def has_pending(self) -> bool:
        return self._pending is not None

    def _cancel_delay(self) -> None:
        if self._delay_handle is not None:
            self._delay_handle.cancel()
            self._delay_handle = None
