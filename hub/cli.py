"""The `bastion` command line: run, check-config, user, token, backup, restore, audit."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import entry_points
from pathlib import Path

from . import __version__

_LOGGER = logging.getLogger("bastion")
# Integrations add subcommands through this entry point group: the object is a function
# `register(subparsers) -> {command_name: handler(args) -> exit code}`.
CLI_ENTRY_POINT_GROUP = "bastion.cli"
Command = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, Command] = {}
_BUILTIN: set[str] = set()  # commands of the hub itself (not from entry points)
_EXTENSIONS: list[Callable[[argparse._SubParsersAction], None]] = []  # type: ignore[type-arg]


def command(name: str) -> Callable[[Command], Command]:
    def wrap(func: Command) -> Command:
        _COMMANDS[name] = func
        _BUILTIN.add(name)
        return func

    return wrap


def setup_logging(verbose: bool = False) -> None:
    level = logging.DEBUG if verbose else getattr(logging, os.environ.get("BASTION_LOG", "INFO"))
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        datefmt="%Y-%m-%d %H:%M:%S",
        stream=sys.stderr,
    )
    for noisy in ("aiohttp.access", "sqlalchemy.engine", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _config_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", "-c", default="config", type=Path, help="configuration directory"
    )


@command("run")
def cmd_run(args: argparse.Namespace) -> int:
    from .runtime import Hub

    setup_logging(args.verbose)
    config_dir: Path = args.config
    if not config_dir.is_dir():
        print(f"Configuration directory {config_dir} does not exist.", file=sys.stderr)
        return 2
    while True:
        hub = Hub(config_dir)
        code = asyncio.run(hub.run())
        if code != 100:  # 100 = restart requested
            return code
        _LOGGER.info("Restarting")


@command("check-config")
def cmd_check_config(args: argparse.Namespace) -> int:
    from .check_config import check_config

    errors = check_config(args.config)
    for error in errors:
        print(error)
    if errors:
        print(f"{len(errors)} error(s) found.", file=sys.stderr)
        return 1
    print("Configuration is valid.")
    return 0


def build_parser(*, extensions: bool = True) -> argparse.ArgumentParser:
    """The parser; `extensions=False` skips the entry-point commands (they import their
    integration, e.g. the ESPHome simulator: ~130 ms and ~11 MiB a plain `run` never uses)."""
    parser = argparse.ArgumentParser(prog="bastion", description="Bastion automation hub")
    parser.add_argument("--version", action="version", version=f"bastion {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="start the hub")
    _config_arg(run)
    run.add_argument("--verbose", "-v", action="store_true")
    check = sub.add_parser("check-config", help="validate the configuration and list errors")
    _config_arg(check)
    for extend in _EXTENSIONS:
        extend(sub)
    for ep in entry_points(group=CLI_ENTRY_POINT_GROUP) if extensions else ():
        try:
            handlers = ep.load()(sub)
        except Exception as err:  # a broken plugin must not break the CLI
            print(f"warning: CLI extension {ep.name} failed to load: {err}", file=sys.stderr)
            continue
        _COMMANDS.update(handlers or {})
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from . import cli_audit, cli_commands  # noqa: F401  (register user/token/audit commands)

    words = list(sys.argv[1:] if argv is None else argv)
    builtin = bool(words) and words[0] in _BUILTIN  # the hub's own commands need no plugins
    args = build_parser(extensions=not builtin).parse_args(words)
    return _COMMANDS[args.command](args)
