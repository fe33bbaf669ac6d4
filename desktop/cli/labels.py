"""``jobdeck label ...``: named labels from the shell, through the same services as the window.

    jobdeck label list [--json]                  every label, its colour, how many carry it
    jobdeck label add ID NAME [NAME ...]         put labels on an application (made if new)
    jobdeck label remove ID NAME [NAME ...]      take them off
    jobdeck label new NAME [--color #rrggbb]     make a label
    jobdeck label edit NAME [--name NEW] [--color #rrggbb]
    jobdeck label delete NAME                    delete it, taking it off every application

``jobdeck list --label NAME`` lists the applications carrying a label. Exit codes follow
desktop.cli: 0 done, 1 could not be done (no such posting or label, a name taken).
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
    from desktop.services import labels
else:  # loaded by the command that runs
    labels = deferred("desktop.services.labels")


def add_label_commands(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add ``label`` and its actions to the ``jobdeck`` subparsers."""
    label = subparsers.add_parser("label", parents=parents, help="named labels on applications")
    actions = label.add_subparsers(dest="label_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=parents, help="every label and how many carry it")
    listing.add_argument("--json", action="store_true", help="print JSON instead of text")
    for name, says in (("add", "put labels on an application"), ("remove", "take labels off")):
        action = actions.add_parser(name, parents=parents, help=says)
        action.add_argument("posting_id", type=arguments.posting_id, metavar="ID")
        action.add_argument("names", nargs="+", metavar="NAME")
    new = actions.add_parser("new", parents=parents, help="make a label")
    new.add_argument("name", metavar="NAME")
    new.add_argument("--color", metavar="#RRGGBB")
    edit = actions.add_parser("edit", parents=parents, help="rename or recolour a label")
    edit.add_argument("name", metavar="NAME")
    edit.add_argument("--name", dest="new_name", metavar="NEW")
    edit.add_argument("--color", metavar="#RRGGBB")
    delete = actions.add_parser("delete", parents=parents, help="delete a label everywhere")
    delete.add_argument("name", metavar="NAME")


def _carriers(count: int) -> str:
    return "1 application" if count == 1 else f"{count:,} applications"


def run_label(db: Library, args: argparse.Namespace) -> int:
    action = args.label_action
    if action == "list":
        uses = labels.list_labels(db)
        if args.json:
            listed = [
                {"id": u.label.id, "name": u.label.name, "color": u.label.color, "count": u.count}
                for u in uses
            ]
            sys.stdout.write(json.dumps(listed, ensure_ascii=False, indent=2) + "\n")
            return 0
        for u in uses:
            print(f"{u.label.color}  {u.label.name:24} {_carriers(u.count)}")
    elif action in ("add", "remove"):
        if action == "add":
            labels.put_labels(db, [args.posting_id], args.names)
        else:
            labels.take_labels(db, [args.posting_id], args.names)
        now = ", ".join(label.name for label in labels.labels_of(db, args.posting_id))
        print(f"posting #{args.posting_id} labels: {now or '(none)'}")
    elif action == "new":
        made = labels.create_label(db, args.name, args.color).value
        print(f"label {made.name!r} made ({made.color})")
    elif action == "edit":
        old = labels.label_named(db, args.name)
        before = labels.update_label(
            db, old.id, args.new_name or old.name, args.color or old.color
        ).value
        now = labels.label_named(db, args.new_name or old.name)
        print(f"label {before.name!r} ({before.color}) is now {now.name!r} ({now.color})")
    else:
        label, carried = labels.delete_label(db, labels.label_named(db, args.name).id).value
        print(f"label {label.name!r} deleted (taken off {_carriers(len(carried))})")
    return 0
