"""The command line: the same services as the window, for scripts and for people who like a shell.

``jobdeck`` alone opens the window; ``jobdeck COMMAND`` runs a command and exits. This module
builds the parser and dispatches; each command group is its own module here (``export``,
``importing``, ``login``, ``board``, ``backup``) and adds its own sub-commands. Usage errors exit
2 with a short message (argparse's own behaviour); a problem with the data exits 1 with a message
that names it. No command ever prints a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop import __version__
from desktop.cli.failure import EXIT_FAILED, CommandFailed
from desktop.services.errors import ServiceError
from desktop.services.library import open_library, resolve_data_dir

__all__ = ["CommandFailed", "CommandGroup", "build_parser", "main", "run_command"]


@dataclass(frozen=True)
class CommandGroup:
    """A module of ``desktop.cli`` and the sub-commands it adds, by name.

    Named, not imported: a command imports only its own group (and the window none), so
    ``jobdeck move`` does not load the readers behind ``import`` or the calendar behind ``ics``.
    """

    module: str  # under desktop.cli
    adds: str  # its function adding the sub-commands: (subparsers, parents) -> None
    runs: Mapping[str, str]  # command -> its function: (Library, Namespace) -> exit code
    # command -> its function on the data folder, for a library too damaged to open
    runs_on_folder: Mapping[str, str] = field(default_factory=dict)

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.runs) | frozenset(self.runs_on_folder)

    def function(self, name: str) -> Callable[..., Any]:
        """The module's function ``name`` (the module imported on first use)."""
        return getattr(importlib.import_module(f"desktop.cli.{self.module}"), name)


COMMAND_GROUPS: tuple[CommandGroup, ...] = (
    CommandGroup("export", "add_export_command", {"export": "run_export", "report": "run_report"}),
    CommandGroup("importing", "add_import_command", {"import": "run"}),
    CommandGroup("login", "add_login_commands", {"login": "run_login"}),
    CommandGroup(
        "pipeline",
        "add_board_commands",
        {"stages": "run_stages", "list": "run_list", "move": "run_move"},
    ),
    CommandGroup(
        "backup",
        "add_backup_commands",
        {"backup": "run_backup"},
        runs_on_folder={"restore": "run_restore", "check": "run_check"},
    ),
    CommandGroup("stats", "add_stats_command", {"stats": "run_stats"}),
    CommandGroup("notes", "add_note_commands", {"note": "run_note"}),
    CommandGroup(
        "agenda",
        "add_agenda_commands",
        {
            "interview": "run_interview",
            "task": "run_task",
            "agenda": "run_agenda",
            "ics": "run_ics",
        },
    ),
    CommandGroup("contacts", "add_contact_commands", {"contact": "run_contact"}),
    CommandGroup("facts", "add_facts_command", {"facts": "run_facts"}),
    CommandGroup(
        "documents",
        "add_document_commands",
        {"attach": "run_attach", "documents": "run_documents", "detach": "run_detach"},
    ),
    CommandGroup("labels", "add_label_commands", {"label": "run_label"}),
)
GROUP_OF: dict[str, CommandGroup] = {
    name: group for group in COMMAND_GROUPS for name in group.names
}
ALL_COMMANDS = frozenset(GROUP_OF)


HELP = "help"  # what ``_command_named`` answers for -h and --help


def _command_named(argv: Sequence[str]) -> str | None:
    """The command word in ``argv``, ``HELP`` for -h or --help before any, or None when there
    is none (the window)."""
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help"):
            return HELP
        if word == "--data-dir":
            next(words, None)  # its value
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for ``argv`` (default: this process's): with the sub-commands of the group
    of the command it names, of every group for --help or an unknown command (their messages
    list them all), and of none for the window."""
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
    for group in COMMAND_GROUPS:
        # Only the group of the command asked for: building every command's parser took
        # longer than most commands (argparse looks up its translations for each one), and
        # 15 ms of the window's start before its first paint.
        if wanted is not None and (wanted not in ALL_COMMANDS or wanted in group.names):
            group.function(group.adds)(commands, [data_dir])
    return parser


def run_command(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    group = GROUP_OF[args.command]
    # restore and check must work on a library too damaged to open
    if args.command in group.runs_on_folder:
        return group.function(group.runs_on_folder[args.command])(data_dir, args)
    run = group.function(group.runs[args.command])
    try:
        db = open_library(data_dir)
    except ServiceError as error:
        print(f"jobdeck: {error}", file=sys.stderr)
        return EXIT_FAILED
    try:
        return run(db, args)
    except (CommandFailed, ServiceError) as error:  # ServiceError: a full disk, say
        print(f"jobdeck {args.command}: {error}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        db.close()


# What a shell reports for a program ended by SIGPIPE (128 + 13), as ``seq 9999 | head`` does.
EXIT_READER_GONE = 141
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl+C
INTERRUPTED = (
    "jobdeck: stopped by Ctrl+C. Nothing in the library is half-saved (every change is saved"
    " whole or not at all; `jobdeck list` shows what it holds); output written so far is"
    " incomplete."
)


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
    except KeyboardInterrupt:
        # A long import or export stopped by the user: every write is a transaction, rolled
        # back when the interrupt unwinds it, so the message can promise no half-saved record.
        print(INTERRUPTED, file=sys.stderr)
        return EXIT_INTERRUPTED


def _stdout_to_nowhere() -> None:
    """Point stdout at /dev/null: Python flushes it once more on exit, which would fail again."""
    try:
        fileno = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (a test's capture)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    os.close(devnull)
