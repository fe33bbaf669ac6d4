"""``jobdeck facts ID [--rating N|none] [--referral yes|no|none] [--applied-on DAY|none]
[--json]``: an application's own facts, shown, and changed when options are given."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from desktop.cli import arguments
from desktop.deferred_import import deferred
from desktop.services.library import Library

if TYPE_CHECKING:
    from desktop.services import application_facts
else:  # loaded by the command that runs
    application_facts = deferred("desktop.services.application_facts")

_REFERRAL = {"yes": True, "no": False, "none": None}


def _rating(text: str) -> int | None:
    if text == "none":
        return None
    if text.isdigit() and 1 <= int(text) <= 5:
        return int(text)
    raise argparse.ArgumentTypeError(f"{text!r} is not a rating (1 to 5, or none)")


def _applied_on(text: str) -> datetime | None:
    if text == "none":
        return None
    # Noon local time: the day stays that day in any zone it is shown in.
    return datetime.combine(arguments.day(text), time(12, 0)).astimezone()


def add_facts_command(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    facts = subparsers.add_parser(
        "facts", parents=parents, help="an application's applied-on date, rating and referral"
    )
    facts.add_argument("posting_id", type=arguments.posting_id, metavar="ID")
    facts.add_argument("--rating", type=_rating, default=argparse.SUPPRESS, metavar="1-5|none")
    facts.add_argument(
        "--referral", choices=sorted(_REFERRAL), default=argparse.SUPPRESS, help="yes, no or none"
    )
    facts.add_argument(
        "--applied-on", type=_applied_on, default=argparse.SUPPRESS, metavar="YYYY-MM-DD|none"
    )
    facts.add_argument("--json", action="store_true", help="print JSON")


def run_facts(db: Library, args: argparse.Namespace) -> int:
    changed: dict[str, object] = {}
    if "rating" in args:
        changed["rating"] = args.rating
    if "referral" in args:
        changed["referral"] = _REFERRAL[args.referral]
    if "applied_on" in args:
        changed["applied_at"] = args.applied_on
    if changed:
        application_facts.change_facts(db, args.posting_id, **changed)
    shown = application_facts.get_facts(db, args.posting_id)
    applied = shown.applied_at.isoformat() if shown.applied_at else None
    if args.json:
        out = {
            "id": shown.posting_id,
            "applied_at": applied,
            "applied_set_by_user": shown.applied_set_by_user,
            "deadline": shown.deadline,
            "rating": shown.rating,
            "referral": shown.referral,
        }
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
        return 0
    print(f"applied on: {applied or '-'}{' (your date)' if shown.applied_set_by_user else ''}")
    print(f"apply by:   {shown.deadline or '-'}")
    print(f"rating:     {shown.rating or '-'}")
    print(f"referral:   {'-' if shown.referral is None else 'yes' if shown.referral else 'no'}")
    return 0
