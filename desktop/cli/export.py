"""``jobdeck export --format json|csv [-o FILE] [--stage S] [--from DAY] [--to DAY]
[--search TEXT] [--documents FILES.zip]`` (or ``--documents`` alone: only the files) and
``jobdeck report --from DAY --to DAY -o log.pdf [--name NAME]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli import arguments
from desktop.cli.failure import EXIT_FAILED, EXIT_OK
from desktop.deferred_import import deferred
from desktop.services.library import Library

if TYPE_CHECKING:
    from desktop.services import application_log, export
else:  # loaded by the command that runs: each command imports only what it needs
    application_log = deferred("desktop.services.application_log")
    export = deferred("desktop.services.export")


def _add_filters(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument("--stage", metavar="STAGE", help=f"only {what} now in this stage")
    command.add_argument(
        "--from", dest="start", type=arguments.day, metavar="DAY",
        help=f"only {what} applied on or after DAY (YYYY-MM-DD)",
    )  # fmt: skip
    command.add_argument(
        "--to", dest="end", type=arguments.day, metavar="DAY",
        help=f"only {what} applied on or before DAY (YYYY-MM-DD)",
    )  # fmt: skip
    command.add_argument("--search", default="", metavar="TEXT", help=f"only {what} matching")


def add_export_command(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    export_cmd = commands.add_parser(
        "export",
        parents=parents,
        help="write every posting as JSON or CSV",
        description="Write every posting as the posting document (JSON) or as a table (CSV) "
        "that ends with each application's dates: applied on, first response, interviews and "
        "every stage with its day. The CSV can be limited to a stage, a period or a search.",
    )
    export_cmd.add_argument("--format", choices=("json", "csv"))
    export_cmd.add_argument(
        "--documents",
        metavar="FILES.zip",
        help="also (or, without --format, only) write the document files to a zip",
    )
    export_cmd.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    _add_filters(export_cmd, "postings")
    report_cmd = commands.add_parser(
        "report",
        parents=parents,
        help="write a printable log of the applications of a period (PDF)",
        description="Write the application log of a period as a PDF: one row per application "
        "with its date, company, position, where it was applied, its stage and the dated "
        "trail of stages, your name and the period in the header (proof of applying, such as "
        "a job centre's Bewerbungsnachweis).",
    )
    report_cmd.add_argument("-o", "--output", metavar="FILE.pdf", required=True)
    report_cmd.add_argument("--name", default="", help="your name, printed in the header")
    _add_filters(report_cmd, "applications")


def _which(args: argparse.Namespace) -> application_log.LogFilter | None:
    if not (args.stage or args.start or args.end or args.search):
        return None
    return application_log.LogFilter(args.start, args.end, args.stage, args.search)


def _period_checked(args: argparse.Namespace) -> bool:
    if args.start and args.end and args.start > args.end:
        print(
            f"jobdeck {args.command}: --from {args.start} is after --to {args.end}",
            file=sys.stderr,
        )
        return False
    return True


def _write_documents(db: Library, target: Path) -> int:
    from desktop.services import document_zip

    written = document_zip.write_documents_zip(db, target)
    print(f"{written.files} document files written to {target}", file=sys.stderr)
    for name in written.missing:
        print(f"  missing from the library folder, left out: {name}", file=sys.stderr)
    return EXIT_FAILED if written.missing else EXIT_OK


def run_export(db: Library, args: argparse.Namespace) -> int:
    if args.format is None:
        if not args.documents:
            print(
                "jobdeck export: give --format json|csv, or --documents FILES.zip", file=sys.stderr
            )
            return 2
        return _write_documents(db, Path(args.documents))
    which = _which(args)
    if which is not None and args.format != "csv":
        print(
            "jobdeck export: --stage, --from, --to and --search limit the CSV export "
            "(the JSON export is the whole library, for a backup)",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if not _period_checked(args):
        return EXIT_FAILED
    # The files first: a zip that cannot be written stops the export before anything else.
    files = _write_documents(db, Path(args.documents)) if args.documents else EXIT_OK
    if not args.output:
        if args.format == "json":
            export.write_json(db, sys.stdout)
        else:
            export.write_csv(db, sys.stdout, which)
        return files
    export.export_to_file(db, Path(args.output), as_csv=args.format == "csv", which=which)
    return files


def run_report(db: Library, args: argparse.Namespace) -> int:
    """Write the log as a PDF: the service builds the page, Qt's PDF writer draws it
    (``desktop.printing``: QtGui offscreen, loaded only here; never the window's code)."""
    if not _period_checked(args):
        return EXIT_FAILED
    from desktop.printing import pdf
    from desktop.services import application_log_report

    which = _which(args) or application_log.LogFilter()
    count = application_log_report.write_log(
        db, which, Path(args.output), args.name, pdf.render_pdf
    )
    print(f"wrote {count} application{'s' if count != 1 else ''} to {args.output}")
    return EXIT_OK
