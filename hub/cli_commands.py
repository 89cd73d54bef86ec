"""`bastion user …` and `bastion token …`: account administration without the hub running."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from pathlib import Path

from .cli import _EXTENSIONS, command
from .errors import HubError


def _config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", "-c", default="config", type=Path, help="configuration dir")


def _extend(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    user = sub.add_parser("user", help="manage users")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", help="create a user")
    add.add_argument("username")
    add.add_argument("--name", help="display name (default: the username)")
    add.add_argument("--role", choices=["owner", "admin", "user"], default="user")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    _config(add)
    listing = user_sub.add_parser("list", help="list users")
    _config(listing)
    remove = user_sub.add_parser("remove", help="delete a user")
    remove.add_argument("username")
    _config(remove)

    token = sub.add_parser("token", help="manage long-lived access tokens")
    token_sub = token.add_subparsers(dest="token_command", required=True)
    create = token_sub.add_parser("create", help="create a long-lived access token")
    create.add_argument("username")
    create.add_argument("--name", required=True, help="label shown in the token list")
    create.add_argument("--days", type=int, default=3650, help="validity in days (default 3650)")
    _config(create)

    backup = sub.add_parser("backup", help="write a consistent backup of a configuration dir")
    backup.add_argument("--output", "-o", type=Path, required=True, help="archive (.tar.gz)")
    _config(backup)
    restore = sub.add_parser("restore", help="restore a backup into a configuration dir")
    restore.add_argument("archive", type=Path)
    restore.add_argument("--force", action="store_true", help="replace a non-empty directory")
    _config(restore)


_EXTENSIONS.append(_extend)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        raise HubError("The passwords do not match")
    return first


async def _manager(config_dir: Path):  # type: ignore[no-untyped-def]
    from .auth.manager import AuthManager

    manager = AuthManager(config_dir)
    await manager.load()
    return manager


def _check_dir(config_dir: Path) -> None:
    if not config_dir.is_dir():
        raise HubError(f"Configuration directory {config_dir} does not exist")


def _fail(err: Exception) -> int:
    print(f"error: {err}", file=sys.stderr)
    return 1


@command("user")
def cmd_user(args: argparse.Namespace) -> int:
    async def run() -> int:
        from .auth.users import UserRole

        manager = await _manager(args.config)
        try:
            if args.user_command == "add":
                password = _read_password(args.password_stdin)
                user = await manager.add_user(
                    args.username, args.name or args.username, password, role=UserRole(args.role)
                )
                print(f"Created {user.role} {user.username} ({user.id})", file=sys.stderr)
            elif args.user_command == "list":
                for user in manager.list_users():
                    if not user.system_generated:
                        flags = "" if user.is_active else " (inactive)"
                        print(f"{user.username}\t{user.role}\t{user.name}{flags}")
            elif args.user_command == "remove":
                found = manager.get_user_by_name(args.username)
                if found is None:
                    raise HubError(f"No user named {args.username!r}")
                await manager.remove_user(found.id)
                print(f"Removed {args.username}", file=sys.stderr)
        finally:
            await manager.close()
        return 0

    try:
        _check_dir(args.config)
        return asyncio.run(run())
    except HubError as err:
        return _fail(err)


@command("token")
def cmd_token(args: argparse.Namespace) -> int:
    async def run() -> int:
        manager = await _manager(args.config)
        try:
            user = manager.get_user_by_name(args.username)
            if user is None:
                raise HubError(f"No user named {args.username!r}")
            token = await manager.create_long_lived_token(user, args.name, args.days)
        finally:
            await manager.close()
        print(token)
        return 0

    try:
        _check_dir(args.config)
        return asyncio.run(run())
    except HubError as err:
        return _fail(err)


@command("backup")
def cmd_backup(args: argparse.Namespace) -> int:
    from .backup import create_backup

    try:
        result = create_backup(args.config, args.output)
    except (HubError, OSError) as err:
        return _fail(err)
    print(
        f"Backup written to {result.path} ({result.files} files, "
        f"databases: {', '.join(result.databases) or 'none'}, {result.size} bytes)"
    )
    return 0


@command("restore")
def cmd_restore(args: argparse.Namespace) -> int:
    from .backup import restore_backup

    try:
        moved = restore_backup(args.archive, args.config, force=args.force)
    except (HubError, OSError) as err:
        return _fail(err)
    print(f"Restored {args.archive} into {args.config}")
    if moved is not None:
        print(f"The previous directory was kept as {moved}")
    return 0
