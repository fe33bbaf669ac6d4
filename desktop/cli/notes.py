"""``jobdeck note add ID TEXT``, ``note list ID [--json]``, ``note delete NOTE_ID``: an
application's notes from the shell, through the same services as the window.

``TEXT`` given as ``-`` is read from stdin (a longer note, or one written in an editor). Exit
codes follow desktop.cli: 0 done, 1 could not be done (no such posting, an empty note).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from desktop.cli import arguments
from desktop.deferred_import import deferred
from desktop.services.library import Library

if TYPE_CHECKING:
    from desktop.services import notes
else:  # loaded by the command that runs
    notes = deferred("desktop.services.notes")


def add_note_commands(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``note`` and its actions to the ``jobdeck`` subparsers."""
    note = subparsers.add_parser("note", parents=parents, help="an application's notes")
    actions = note.add_subparsers(dest="note_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=parents, help="write a note on a posting")
    add.add_argument("posting_id", type=arguments.posting_id, metavar="ID")
    add.add_argument("text", metavar="TEXT", help="the note; - reads it from stdin")
    listing = actions.add_parser("list", parents=parents, help="a posting's notes, newest first")
    listing.add_argument("posting_id", type=arguments.posting_id, metavar="ID")
    listing.add_argument("--json", action="store_true", help="print JSON instead of text")
    delete = actions.add_parser("delete", parents=parents, help="remove a note")
    delete.add_argument("note_id", type=arguments.posting_id, metavar="NOTE_ID")


def run_note(db: Library, args: argparse.Namespace) -> int:
    if args.note_action == "add":
        text = sys.stdin.read() if args.text == "-" else args.text
        note = notes.add_note(db, args.posting_id, text).value
        print(f"note #{note.id} added to posting #{note.posting_id}")
    elif args.note_action == "list":
        shown = notes.list_notes(db, args.posting_id)
        if args.json:
            listed = [
                {
                    "id": n.id,
                    "posting_id": n.posting_id,
                    "text": n.text,
                    "created_at": n.created_at.isoformat(),
                    "updated_at": n.updated_at.isoformat(),
                }
                for n in shown
            ]
            sys.stdout.write(json.dumps(listed, ensure_ascii=False, indent=2) + "\n")
        for n in [] if args.json else shown:
            print(f"#{n.id}  {n.created_at.astimezone():%Y-%m-%d %H:%M}")
            print("    " + n.text.replace("\n", "\n    "))
    else:
        removed = notes.delete_note(db, args.note_id).value
        print(f"note #{removed.id} deleted from posting #{removed.posting_id}")
    return 0
