"""`bastion user …` and `bastion token …`: account administration without the hub running."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

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
    set_role = user_sub.add_parser("set-role", help="change a user's role and custom roles")
    set_role.add_argument("username")
    set_role.add_argument("--role", choices=["owner", "admin", "user"], help="built-in role")
    set_role.add_argument(
        "--roles", help="comma-separated custom role ids (replaces the list; '' clears it)"
    )
    _config(set_role)

    role = sub.add_parser("role", help="manage custom roles (permission policies)")
    role_sub = role.add_subparsers(dest="role_command", required=True)
    role_list = role_sub.add_parser("list", help="list roles and their grants")
    _config(role_list)
    role_create = role_sub.add_parser(
        "create", help="create or replace a role with one policy of grants"
    )
    role_create.add_argument("role_id", help="id, e.g. cleaner")
    role_create.add_argument("--name", help="display name (default: the id)")
    role_create.add_argument(
        "--grant",
        action="append",
        default=[],
        metavar="PERM:KIND=ID[,ID]",
        help="e.g. control:area=office or read:entity=lock.front,light.hall (repeatable); "
        "kinds: area floor label device domain entity",
    )
    role_create.add_argument(
        "--window",
        action="append",
        default=[],
        metavar="DAYS@HH:MM-HH:MM",
        help="time window, e.g. 0-4@18:00-20:00 (Mon-Fri); repeatable",
    )
    role_create.add_argument("--expires", help="ISO date/time after which the role grants nothing")
    role_create.add_argument("--time-zone", default="UTC", help="time zone of the windows")
    _config(role_create)
    role_delete = role_sub.add_parser("delete", help="delete a role (removed from every user)")
    role_delete.add_argument("role_id")
    _config(role_delete)

    token = sub.add_parser("token", help="manage long-lived access tokens")
    token_sub = token.add_subparsers(dest="token_command", required=True)
    create = token_sub.add_parser("create", help="create a long-lived access token")
    create.add_argument("username")
    create.add_argument("--name", required=True, help="label shown in the token list")
    create.add_argument("--days", type=int, default=3650, help="validity in days (default 3650)")
    create.add_argument("--read-only", action="store_true", help="the token can never control")
    create.add_argument(
        "--area", action="append", default=[], help="limit the token to an area (repeatable)"
    )
    create.add_argument(
        "--entity", action="append", default=[], help="limit the token to an entity (repeatable)"
    )
    _config(create)
    token_list = token_sub.add_parser("list", help="list a user's sessions and tokens")
    token_list.add_argument("username")
    _config(token_list)
    revoke = token_sub.add_parser("revoke", help="revoke a session or token by id")
    revoke.add_argument("token_id")
    _config(revoke)

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


@asynccontextmanager
async def _auth_manager(config_dir: Path) -> AsyncIterator[Any]:
    """The configuration's AuthManager, loaded, closed when the block ends."""
    from .auth.manager import AuthManager

    manager = AuthManager(config_dir)
    await manager.load()
    try:
        yield manager
    finally:
        await manager.close()


def _run(config_dir: Path, main: Callable[[], Coroutine[Any, Any, int]]) -> int:
    """Run an offline command against an existing config directory; HubError: exit status 1."""
    try:
        _check_dir(config_dir)
        return asyncio.run(main())
    except HubError as err:
        return _fail(err)


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

        async with _auth_manager(args.config) as manager:
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
                found = _user_named(manager, args.username)
                await manager.remove_user(found.id)
                print(f"Removed {args.username}", file=sys.stderr)
            elif args.user_command == "set-role":
                found = _user_named(manager, args.username)
                role_ids = None
                if args.roles is not None:
                    role_ids = [r.strip() for r in args.roles.split(",") if r.strip()]
                updated = await manager.update_user(
                    found.id,
                    role=UserRole(args.role) if args.role else None,
                    role_ids=role_ids,
                )
                roles = ",".join(updated.role_ids) or "-"
                print(f"{updated.username}: {updated.role}, roles {roles}", file=sys.stderr)
        return 0

    return _run(args.config, run)


def _user_named(manager: Any, username: str) -> Any:
    found = manager.get_user_by_name(username)
    if found is None:
        raise HubError(f"No user named {username!r}")
    return found


def _token_line(token: Any) -> str:
    """One tab-separated line: id, type, name, created, expires, last use, scope."""
    scope = token.scope
    scope_text = "-"
    if scope is not None:
        parts = ["read-only"] if scope.read_only else []
        parts += [f"area={a}" for a in sorted(scope.areas)]
        parts += [f"entity={e}" for e in sorted(scope.entity_ids)]
        scope_text = ",".join(parts) or "-"
    last = token.last_used_at.isoformat() if token.last_used_at else "never"
    return "\t".join(
        [
            token.id,
            token.token_type.value,
            token.client_name or token.client_id or "-",
            token.created_at.isoformat(),
            token.expire_at.isoformat() if token.expire_at else "-",
            f"{last} {token.last_used_ip or ''}".strip(),
            scope_text,
        ]
    )


@command("token")
def cmd_token(args: argparse.Namespace) -> int:
    async def run() -> int:
        from .auth import TokenScope

        async with _auth_manager(args.config) as manager:
            if args.token_command == "revoke":
                if not await manager.revoke(args.token_id):
                    raise HubError(f"No token {args.token_id!r}")
                print(f"Revoked {args.token_id}", file=sys.stderr)
                return 0
            user = _user_named(manager, args.username)
            if args.token_command == "list":
                for item in manager.list_refresh_tokens(user):
                    print(_token_line(item))
                return 0
            scope = None
            if args.read_only or args.area or args.entity:
                scope = TokenScope(
                    read_only=args.read_only,
                    areas=frozenset(args.area),
                    entity_ids=frozenset(args.entity),
                )
            token = await manager.create_long_lived_token(user, args.name, args.days, scope=scope)
        print(token)
        return 0

    return _run(args.config, run)


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


_GRANT_KINDS = {
    "area": "areas",
    "floor": "floors",
    "label": "labels",
    "device": "devices",
    "domain": "domains",
    "entity": "entity_ids",
}


def _parse_grant(text: str) -> Any:
    """`control:area=office,lobby` -> Grant(control on areas office and lobby)."""
    from .auth import Grant

    permission, _, rest = text.partition(":")
    kind, _, ids = rest.partition("=")
    if kind not in _GRANT_KINDS or not ids:
        raise HubError(f"Bad --grant {text!r}; use PERM:KIND=ID[,ID], KIND one of {_GRANT_KINDS}")
    values = frozenset(i.strip() for i in ids.split(",") if i.strip())
    return Grant(permissions=frozenset({permission}), **{_GRANT_KINDS[kind]: values})


def _parse_window(text: str, time_zone: str) -> Any:
    """`0-4@18:00-20:00` -> Monday to Friday, 18:00 to 20:00."""
    from datetime import time

    from .auth import TimeWindow

    try:
        days, _, hours = text.partition("@")
        first, _, last = days.partition("-")
        weekdays = frozenset(range(int(first), int(last or first) + 1))
        start, _, end = hours.partition("-")
        return TimeWindow(weekdays, time.fromisoformat(start), time.fromisoformat(end), time_zone)
    except ValueError as err:
        raise HubError(
            f"Bad --window {text!r}; use DAYS@HH:MM-HH:MM, e.g. 0-4@18:00-20:00"
        ) from err


@command("role")
def cmd_role(args: argparse.Namespace) -> int:
    async def run() -> int:
        from datetime import UTC, datetime

        from .auth import Policy, Role

        async with _auth_manager(args.config) as manager:
            if args.role_command == "list":
                for role in manager.list_roles():
                    users = [u.username for u in manager.list_users() if role.id in u.role_ids]
                    print(f"{role.id}\t{role.name}\tusers: {', '.join(filter(None, users)) or '-'}")
                    for policy in role.policies:
                        print(f"  policy {policy.id}: {policy.as_dict()}")
            elif args.role_command == "create":
                expires = None
                if args.expires:
                    try:
                        expires = datetime.fromisoformat(args.expires)
                    except ValueError as err:
                        raise HubError(f"Bad --expires {args.expires!r}") from err
                    if expires.tzinfo is None:
                        expires = expires.replace(tzinfo=UTC)
                policy = Policy(
                    "p1",
                    tuple(_parse_grant(g) for g in args.grant),
                    windows=tuple(_parse_window(w, args.time_zone) for w in args.window),
                    expires_at=expires,
                )
                await manager.set_role(Role(args.role_id, args.name or args.role_id, (policy,)))
                print(f"Saved role {args.role_id}", file=sys.stderr)
            elif args.role_command == "delete":
                await manager.remove_role(args.role_id)
                print(f"Deleted role {args.role_id}", file=sys.stderr)
        return 0

    return _run(args.config, run)
