"""``jobdeck stages``, ``jobdeck list [--stage NAME] [--search TEXT] [--json]``,
``jobdeck move ID STAGE``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from desktop.cli import arguments
from desktop.deferred_import import deferred
from desktop.services.library import Library

if TYPE_CHECKING:
    from desktop.core import display, document
    from desktop.services import pipeline, postings, stages
else:  # loaded by the command that runs: each command imports only what it needs
    display = deferred("desktop.core.display")
    document = deferred("desktop.core.document")
    pipeline = deferred("desktop.services.pipeline")
    postings = deferred("desktop.services.postings")
    stages = deferred("desktop.services.stages")


EXIT_USAGE = 2


def add_board_commands(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    commands.add_parser("stages", parents=parents, help="list the application stages")
    listing = commands.add_parser("list", parents=parents, help="list postings with their stage")
    listing.add_argument("--stage", metavar="NAME", help="only postings in this stage")
    listing.add_argument(
        "--label",
        action="append",
        default=[],
        metavar="NAME",
        help="only applications carrying this label (repeat: any of them)",
    )
    listing.add_argument(
        "--search",
        default="",
        metavar="TEXT",
        help="only what the window's search box finds for TEXT: words in the text, stage or "
        "work model ('remote', 'applied'), and filters such as work:remote or posted:30d",
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    move = commands.add_parser("move", parents=parents, help="move a posting to another stage")
    move.add_argument("posting_id", metavar="ID", type=arguments.posting_id)
    move.add_argument("stage", metavar="STAGE")
    move.add_argument(
        "--at", metavar="ISO-TIME", help="when it entered the stage, e.g. 2026-11-17T09:00+01:00"
    )


def _usage(message: str) -> int:
    print(f"jobdeck: {message}", file=sys.stderr)
    return EXIT_USAGE


def run_stages(db: Library, args: argparse.Namespace) -> int:
    for stage in stages.list_stages(db):
        kind = "closed" if stage.is_closed else "open"
        print(f"{stage.name:16} {stage.count:6}  {kind}")
    return 0


def run_list(db: Library, args: argparse.Namespace) -> int:
    stage_id = None
    if args.stage:
        try:
            stage_id = stages.resolve_stage(db, args.stage).id
        except stages.UnknownStage as error:
            return _usage(str(error))
    from desktop.core.filter_terms import term

    # The search box's own syntax: label:remote, label:"full remote".
    search = " ".join([args.search, *(term("label", name) for name in args.label)])
    rows = postings.list_postings(db, search, stage_id=stage_id)
    if args.json:
        import json  # only for --json: stages, list and move start without it

        listed = [
            {
                "id": r.id,
                "company": r.company,
                "title": r.title,
                "stage": r.stage,
                "posted_at": r.posted_at.isoformat() if r.posted_at else None,
                "labels": [label.name for label in r.labels],
            }
            for r in rows
        ]
        sys.stdout.write(json.dumps(listed, ensure_ascii=False, indent=2) + "\n")
        return 0
    for r in rows:
        print(f"{r.id:6}  {r.stage:14} {r.company or '':24} {r.title}")
    return 0


def run_move(db: Library, args: argparse.Namespace) -> int:
    try:
        at = arguments.moment(args.at, "--at") if args.at else None
        stage = stages.resolve_stage(db, args.stage)
        record = pipeline.move_application(db, args.posting_id, stage.id, at=at).value
    except (document.DocumentError, stages.UnknownStage, postings.PostingNotFound) as error:
        return _usage(str(error))
    print(f"moved #{args.posting_id} to {stage.name}")
    if record.moved_back:
        # The stage just entered is the current one, so it is the latest entry: say which
        # earlier dates moved back to keep it so (applied before the posting was saved).
        when = display.day_and_time(at)
        for entry in record.moved_back:
            print(f"  {entry.stage}: was {display.day_and_time(entry.at)}, now {when} too")
    return 0
