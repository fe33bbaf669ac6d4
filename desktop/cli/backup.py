"""``jobdeck backup [--to FILE]``, ``jobdeck restore FILE``, ``jobdeck check``.

``restore`` and ``check`` take the data folder, not an open library: they must work on a file
too damaged to open. Exit 0 when all is well, 1 when something is wrong (with a message).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.deferred_import import deferred
from desktop.services.errors import ServiceError
from desktop.services.library import Library

if TYPE_CHECKING:
    from desktop.services import backups
else:  # loaded by the command that runs: each command imports only what it needs
    backups = deferred("desktop.services.backups")


EXIT_OK, EXIT_FAILED = 0, 1


def add_backup_commands(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    backup = commands.add_parser(
        "backup",
        parents=parents,
        help="back up the library (into backups/ in the data folder, or to FILE)",
    )
    backup.add_argument("--to", metavar="FILE", help="write the backup to FILE")
    restore = commands.add_parser(
        "restore",
        parents=parents,
        help="replace the library with a backup (the current file is saved first)",
    )
    restore.add_argument("file", metavar="FILE", help="a backup made by Jobdeck")
    commands.add_parser(
        "check", parents=parents, help="check the library file for damage (exit 1 if damaged)"
    )


def _fail(command: str, message: str) -> int:
    print(f"jobdeck {command}: {message}", file=sys.stderr)
    return EXIT_FAILED


def run_backup(db: Library, args: argparse.Namespace) -> int:
    try:
        path = backups.backup_to(db, Path(args.to)) if args.to else backups.backup_now(db).path
    except ServiceError as error:
        return _fail("backup", str(error))
    print(f"backed up to {path}")
    return EXIT_OK


def run_restore(data_dir: Path, args: argparse.Namespace) -> int:
    source = Path(args.file)
    if not source.is_file():
        return _fail("restore", f"{source} does not exist")
    if backups.window_has_library(data_dir):
        # The window holds the library's lock; replacing the file under it would lose its
        # next saves or show a library that is no longer there.
        return _fail(
            "restore",
            "the Jobdeck window has this library open. Close it (or restore from its "
            "File > Backups), then try again. Nothing was changed.",
        )
    try:
        done = backups.restore_backup(data_dir, source)
    except ServiceError as error:
        return _fail("restore", str(error))
    if done.current_was_damaged:
        print(f"the damaged library was moved aside to {done.current_saved_as}")
    elif done.current_saved_as is not None:
        print(f"the library as it was is saved in {done.current_saved_as}")
    print(f"restored {source}")
    return EXIT_OK


def run_check(data_dir: Path, args: argparse.Namespace) -> int:
    report = backups.check_library(data_dir)
    if report.missing:
        return _fail("check", f"there is no library at {report.path} (nothing to check)")
    if report.ok:
        print(f"ok: {report.path} passed SQLite's integrity check")
        return EXIT_OK
    print(f"DAMAGED: {report.path}", file=sys.stderr)
    for problem in report.problems[:20]:
        print(f"  {problem}", file=sys.stderr)
    print(
        "Restore a backup with `jobdeck restore FILE` (see the backups/ folder); "
        "the damaged file is kept.",
        file=sys.stderr,
    )
    return EXIT_FAILED


# Commands that run on the data folder without opening the library (cli.run_command dispatches).
DATA_DIR_COMMANDS = {"restore": run_restore, "check": run_check}
