"""The command line: the same services as the window, for scripts and for people who like a shell.

``jobdeck`` alone opens the window; ``jobdeck COMMAND`` runs a command and exits. Usage errors exit
2 with a short message (argparse's own behaviour); a problem with the data exits 1 with a message
that names it. No command ever prints a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop import __version__, cli_backup, cli_board, cli_login
from desktop import cli_import as import_command
from desktop.services import export
from desktop.storage.database import Database, DatabaseError, open_database
from desktop.storage.location import resolve_data_dir

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CommandFailed(Exception):
    """A command could not do its work; the message is shown as it is."""


def build_parser() -> argparse.ArgumentParser:
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="use the library in DIR (default: $JOBDECK_DATA_DIR or your data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="jobdeck",
        description="Track job postings and applications. Without a command, opens the window.",
        parents=[data_dir],
    )
    parser.add_argument("--version", action="version", version=f"Jobdeck {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the main window on the library, paint it, and exit (0 when all is well)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    export_cmd = commands.add_parser(
        "export", parents=[data_dir], help="write every posting as JSON or CSV"
    )
    export_cmd.add_argument("--format", choices=("json", "csv"), required=True)
    export_cmd.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    import_cmd = commands.add_parser(
        "import",
        parents=[data_dir],
        help="read postings from files (or - for stdin) and save them",
        description="Read job postings (board text, career-site text, HTML pages, Jobdeck "
        "JSON) and save them. Exit 0 when every input was imported, 1 when any was refused.",
    )
    import_cmd.add_argument("paths", nargs="+", metavar="PATH", help="a file, or - for stdin")
    import_cmd.add_argument("--dry-run", action="store_true", help="read and report; save nothing")
    import_cmd.add_argument(
        "--json", action="store_true", help="print the posting documents as a JSON array"
    )
    import_cmd.add_argument(
        "--on-duplicate",
        choices=("skip", "update", "keep"),
        default="skip",
        help="what to do with a posting already saved (default: skip)",
    )
    cli_login.add_login_commands(commands, [data_dir])
    cli_board.add_board_commands(commands, [data_dir])
    cli_backup.add_backup_commands(commands, [data_dir])
    return parser


def _export(db: Database, args: argparse.Namespace) -> int:
    text = export.export_json(db) if args.format == "json" else export.export_csv(db)
    if args.output:
        target = Path(args.output)
        try:
            # Write beside the target and rename, so a failed export never leaves half a file.
            partial = target.with_name(target.name + ".partial")
            partial.write_text(text, encoding="utf-8")
            partial.replace(target)
        except OSError as error:
            raise CommandFailed(f"cannot write {target}: {error.strerror}") from None
    else:
        sys.stdout.write(text)
    return EXIT_OK


COMMANDS: dict[str, Callable[[Database, argparse.Namespace], int]] = {
    "export": _export,
    "import": import_command.run,
    "login": cli_login.run_login,
    "stages": cli_board.run_stages,
    "list": cli_board.run_list,
    "move": cli_board.run_move,
    "backup": cli_backup.run_backup,
}


def run_command(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    # restore and check must work on a library too damaged to open
    if args.command in cli_backup.DATA_DIR_COMMANDS:
        return cli_backup.DATA_DIR_COMMANDS[args.command](data_dir, args)
    try:
        db = open_database(data_dir)
    except DatabaseError as error:
        print(f"jobdeck: {error}", file=sys.stderr)
        return EXIT_FAILED
    try:
        return COMMANDS[args.command](db, args)
    except (CommandFailed, DatabaseError) as error:  # DatabaseError: a full disk, say
        print(f"jobdeck {args.command}: {error}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        db.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        # The window is imported only when wanted, so commands start without loading Qt.
        from desktop.ui.app import run_app

        return run_app(resolve_data_dir(getattr(args, "data_dir", None)), self_test=args.self_test)
    return run_command(args)
