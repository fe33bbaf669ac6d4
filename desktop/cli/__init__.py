"""The command line: the same services as the window, for scripts and for people who like a shell.

``jobdeck`` alone opens the window; ``jobdeck COMMAND`` runs a command and exits. This module
builds the parser and dispatches; each command group is its own module here (``export``,
``importing``, ``login``, ``board``, ``backup``) and adds its own sub-commands. Usage errors exit
2 with a short message (argparse's own behaviour); a problem with the data exits 1 with a message
that names it. No command ever prints a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from desktop import __version__
from desktop.cli import agenda as cli_agenda
from desktop.cli import backup as cli_backup
from desktop.cli import contacts as cli_contacts
from desktop.cli import documents as cli_documents
from desktop.cli import export as export_command
from desktop.cli import facts as cli_facts
from desktop.cli import importing as import_command
from desktop.cli import labels as cli_labels
from desktop.cli import login as cli_login
from desktop.cli import notes as cli_notes
from desktop.cli import pipeline as cli_pipeline
from desktop.cli import stats as cli_stats
from desktop.cli.failure import EXIT_FAILED, CommandFailed
from desktop.services.errors import ServiceError
from desktop.services.library import Library, open_library, resolve_data_dir

__all__ = ["CommandFailed", "build_parser", "main", "run_command"]


# Each command group's sub-commands, by the names it adds (a test checks the two agree).
COMMAND_GROUPS: tuple[
    tuple[Callable[[Any, list[argparse.ArgumentParser]], None], frozenset[str]], ...
] = (
    (export_command.add_export_command, frozenset({"export", "report"})),
    (import_command.add_import_command, frozenset({"import"})),
    (cli_login.add_login_commands, frozenset({"login"})),
    (cli_pipeline.add_board_commands, frozenset({"stages", "list", "move"})),
    (cli_backup.add_backup_commands, frozenset({"backup", "restore", "check"})),
    (cli_stats.add_stats_command, frozenset({"stats"})),
    (cli_notes.add_note_commands, frozenset({"note"})),
    (cli_agenda.add_agenda_commands, frozenset({"interview", "task", "agenda", "ics"})),
    (cli_contacts.add_contact_commands, frozenset({"contact"})),
    (cli_facts.add_facts_command, frozenset({"facts"})),
    (cli_documents.add_document_commands, frozenset({"attach", "documents", "detach"})),
    (cli_labels.add_label_commands, frozenset({"label"})),
)
ALL_COMMANDS = frozenset().union(*(names for _, names in COMMAND_GROUPS))


def _command_named(argv: Sequence[str]) -> str | None:
    """The command word in ``argv`` (None when there is none: the window, or --help)."""
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help"):
            return None
        if word == "--data-dir":
            next(words, None)  # its value
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for ``argv`` (default: this process's): with the sub-commands of the group
    of the command it names, or of every group when it names none or an unknown one."""
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
    wanted = _command_named(sys.argv[1:] if argv is None else argv)
    for add, names in COMMAND_GROUPS:
        # Only the group of the command asked for: building every command's parser took
        # longer than most commands (argparse looks up its translations for each one).
        if wanted is None or wanted not in ALL_COMMANDS or wanted in names:
            add(commands, [data_dir])
    return parser


COMMANDS: dict[str, Callable[[Library, argparse.Namespace], int]] = {
    "export": export_command.run_export,
    "report": export_command.run_report,
    "import": import_command.run,
    "login": cli_login.run_login,
    "stages": cli_pipeline.run_stages,
    "list": cli_pipeline.run_list,
    "move": cli_pipeline.run_move,
    "backup": cli_backup.run_backup,
    "stats": cli_stats.run_stats,
    "note": cli_notes.run_note,
    "interview": cli_agenda.run_interview,
    "task": cli_agenda.run_task,
    "agenda": cli_agenda.run_agenda,
    "ics": cli_agenda.run_ics,
    "contact": cli_contacts.run_contact,
    "facts": cli_facts.run_facts,
    "attach": cli_documents.run_attach,
    "documents": cli_documents.run_documents,
    "detach": cli_documents.run_detach,
    "label": cli_labels.run_label,
}


def run_command(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    # restore and check must work on a library too damaged to open
    if args.command in cli_backup.DATA_DIR_COMMANDS:
        return cli_backup.DATA_DIR_COMMANDS[args.command](data_dir, args)
    try:
        db = open_library(data_dir)
    except ServiceError as error:
        print(f"jobdeck: {error}", file=sys.stderr)
        return EXIT_FAILED
    try:
        return COMMANDS[args.command](db, args)
    except (CommandFailed, ServiceError) as error:  # ServiceError: a full disk, say
        print(f"jobdeck {args.command}: {error}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        db.close()


# What a shell reports for a program ended by SIGPIPE (128 + 13), as ``seq 9999 | head`` does.
EXIT_READER_GONE = 141


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser(argv).parse_args(argv)  # --help prints too
        if args.command is None:
            # The window is imported only when wanted, so commands start without loading Qt.
            from desktop.ui.app import run_app

            data_dir = resolve_data_dir(getattr(args, "data_dir", None))
            return run_app(data_dir, self_test=args.self_test)
        code = run_command(args)
        sys.stdout.flush()  # here, not at exit, so that a reader gone is caught below
        return code
    except BrokenPipeError:
        # ``jobdeck list | head``: the reader has all it wanted. Every command that prints
        # comes through here; no traceback, and nothing more is written.
        _stdout_to_nowhere()
        return EXIT_READER_GONE


def _stdout_to_nowhere() -> None:
    """Point stdout at /dev/null: Python flushes it once more on exit, which would fail again."""
    try:
        fileno = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (a test's capture)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    os.close(devnull)
