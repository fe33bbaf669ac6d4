"""``jobdeck export --format json|csv [-o FILE]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.failure import EXIT_OK, CommandFailed
from desktop.deferred_import import deferred
from desktop.services.library import Library

if TYPE_CHECKING:
    from desktop.services import export
else:  # loaded by the command that runs: each command imports only what it needs
    export = deferred("desktop.services.export")


def add_export_command(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    export_cmd = commands.add_parser(
        "export", parents=parents, help="write every posting as JSON or CSV"
    )
    export_cmd.add_argument("--format", choices=("json", "csv"), required=True)
    export_cmd.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")


def run_export(db: Library, args: argparse.Namespace) -> int:
    write = export.write_json if args.format == "json" else export.write_csv
    if not args.output:
        write(db, sys.stdout)
        return EXIT_OK
    target = Path(args.output)
    # Written beside the target and renamed, so a failed export never leaves half a file.
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            write(db, out)
        partial.replace(target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise CommandFailed(f"cannot write {target}: {error.strerror}") from None
    return EXIT_OK
