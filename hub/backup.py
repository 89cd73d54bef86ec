"""Backups: one consistent .tar.gz of a configuration directory, and restoring it.

SQLite databases (recorder, audit log) are copied with SQLite's online backup API, so a backup
taken while the hub runs is consistent. Everything else is copied as files.
"""

from __future__ import annotations

import io
import json
import sqlite3
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .errors import HubError

MANIFEST_NAME = "bastion-backup.json"
SQLITE_SUFFIXES = (".db",)
SKIP_SUFFIXES = ("-wal", "-shm", ".tmp")
SKIP_PARTS = ("__pycache__",)
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    files: int
    databases: list[str]
    size: int


def _sqlite_copy(source: Path, dest: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _skipped(path: Path) -> bool:
    return (
        path.name.endswith(SKIP_SUFFIXES)
        or ".pre-migration-" in path.name
        or any(part in SKIP_PARTS for part in path.parts)
    )


def create_backup(config_dir: Path, dest: Path) -> BackupResult:
    """Write `dest` (.tar.gz) with the config, .storage and consistent database copies."""
    config_dir = config_dir.resolve()
    if not (config_dir / "configuration.yaml").exists():
        raise HubError(f"{config_dir} is not a Bastion configuration directory")
    dest = dest.resolve()
    if dest.is_relative_to(config_dir):
        raise HubError("Write the backup outside the configuration directory")
    databases: list[str] = []
    files = 0
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.touch(mode=0o600)
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(partial, "w:gz") as tar:
        for path in sorted(config_dir.rglob("*")):
            rel = path.relative_to(config_dir)
            if path.is_dir() or path.is_symlink() or _skipped(rel):
                continue
            if path.suffix in SQLITE_SUFFIXES:
                copy = Path(tmp) / rel.name
                _sqlite_copy(path, copy)
                tar.add(copy, arcname=str(rel))
                databases.append(str(rel))
            else:
                tar.add(path, arcname=str(rel))
            files += 1
        manifest = json.dumps(
            {
                "format": FORMAT_VERSION,
                "bastion_version": __version__,
                "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "databases": databases,
                "files": files,
            },
            indent=2,
        ).encode()
        info = tarfile.TarInfo(MANIFEST_NAME)
        info.size = len(manifest)
        info.mtime = int(time.time())
        tar.addfile(info, io.BytesIO(manifest))
    partial.chmod(0o600)  # it holds credentials and the audit key
    partial.replace(dest)
    return BackupResult(dest, files, databases, dest.stat().st_size)


def restore_backup(archive: Path, config_dir: Path, *, force: bool = False) -> Path | None:
    """Unpack a backup into `config_dir`. An existing non-empty directory needs `force` and
    is moved aside (the returned path) rather than overwritten."""
    try:
        tar = tarfile.open(archive, "r:gz")
    except (OSError, tarfile.TarError) as err:
        raise HubError(f"{archive}: not a readable backup: {err}") from err
    with tar:
        try:
            manifest = json.load(tar.extractfile(MANIFEST_NAME))  # type: ignore[arg-type]
        except (KeyError, ValueError) as err:
            raise HubError(f"{archive}: not a Bastion backup (no {MANIFEST_NAME})") from err
        if manifest.get("format", 0) > FORMAT_VERSION:
            raise HubError(f"{archive} was made by a newer Bastion; upgrade before restoring")
        moved: Path | None = None
        if config_dir.exists() and any(config_dir.iterdir()):
            if not force:
                raise HubError(
                    f"{config_dir} is not empty; stop the hub and pass --force "
                    "(the current directory is kept beside it)"
                )
            moved = config_dir.with_name(f"{config_dir.name}.before-restore-{int(time.time())}")
            config_dir.rename(moved)
        config_dir.mkdir(parents=True, exist_ok=True)
        members = [m for m in tar.getmembers() if m.name != MANIFEST_NAME]
        tar.extractall(config_dir, members=members, filter="data")
    return moved
