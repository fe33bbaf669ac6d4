"""``jobdeck export --format json|csv [-o FILE]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.failure import EXIT_OK
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
    export.export_to_file(db, Path(args.output), as_csv=args.format == "csv")
    return EXIT_OK
