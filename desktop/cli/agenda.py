"""``jobdeck interview add``, ``jobdeck task add|done``, ``jobdeck agenda``, ``jobdeck ics``.

Times typed without a zone are in the machine's zone; the agenda is grouped (overdue, today,
this week, later) by the machine's zone and clock. Exit codes follow desktop.cli: 0 done, 1
could not be done, 2 usage (this includes an unknown posting, task or interview id and a bad
time).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli import arguments
from desktop.deferred_import import deferred
from desktop.services.errors import Invalid, NotFound
from desktop.services.library import Library

if TYPE_CHECKING:
    from desktop.core import agenda as core_agenda
    from desktop.core import zones
    from desktop.services import agenda, calendar_export, interviews, suggestions, tasks
else:  # loaded by the command that runs
    core_agenda = deferred("desktop.core.agenda")
    zones = deferred("desktop.core.zones")
    agenda = deferred("desktop.services.agenda")
    calendar_export = deferred("desktop.services.calendar_export")
    interviews = deferred("desktop.services.interviews")
    suggestions = deferred("desktop.services.suggestions")
    tasks = deferred("desktop.services.tasks")

EXIT_USAGE = 2
KINDS = "phone-screen, technical, take-home, onsite, panel, final, other"


def _whole(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (a whole number)") from None
    if not 1 <= value <= arguments.MAX_ID:
        raise argparse.ArgumentTypeError(f"{text} is not an id (1 to {arguments.MAX_ID})")
    return value


def _application(text: str) -> int | None:
    """A posting id, or ``-`` for a task of no application."""
    return None if text == "-" else arguments.posting_id(text)


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days") from None
    if not 0 <= value <= 3660:
        raise argparse.ArgumentTypeError("--days must be between 0 and 3660")
    return value


def add_agenda_commands(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    interview = commands.add_parser(
        "interview", parents=parents, help="an application's interviews"
    )
    interview_actions = interview.add_subparsers(
        dest="interview_action", metavar="ACTION", required=True
    )
    add = interview_actions.add_parser("add", parents=parents, help="add an interview round")
    add.add_argument("posting_id", metavar="ID", type=arguments.posting_id)
    add.add_argument(
        "--start",
        metavar="ISO8601",
        required=True,
        help="e.g. 2026-12-03T14:00+01:00 (no zone: this machine's)",
    )
    add.add_argument("--end", metavar="ISO8601", help="when it ends")
    add.add_argument("--kind", metavar="KIND", required=True, help=KINDS)
    add.add_argument("--where", metavar="PLACE", default="", help="an address or a video link")
    add.add_argument(
        "--zone",
        metavar="ZONE",
        help="the zone it is in (Europe/Paris); default: the one --start was given in",
    )
    add.add_argument(
        "--with",
        dest="interviewers",
        metavar="NAME",
        action="append",
        default=[],
        help="an interviewer (repeat for more)",
    )

    task = commands.add_parser("task", parents=parents, help="tasks and follow-ups")
    task_actions = task.add_subparsers(dest="task_action", metavar="ACTION", required=True)
    add_task = task_actions.add_parser("add", parents=parents, help="add a task")
    add_task.add_argument(
        "posting_id", metavar="ID", type=_application, help="a posting id, or - for none"
    )
    add_task.add_argument("text", metavar="TEXT")
    add_task.add_argument(
        "--due", metavar="DATE[THH:MM]", required=True, help="e.g. 2026-12-04 or 2026-12-04T09:30"
    )
    done = task_actions.add_parser("done", parents=parents, help="tick a task done")
    done.add_argument("task_id", metavar="TASK_ID", type=_whole)
    done.add_argument("--undo", action="store_true", help="mark it not done again")

    listing = commands.add_parser(
        "agenda", parents=parents, help="what is due: overdue, today, this week, later"
    )
    listing.add_argument(
        "--days", metavar="N", type=_days, help="only the next N days (and the overdue)"
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of text")

    ics = commands.add_parser(
        "ics", parents=parents, help="write interviews, tasks and deadlines as an iCalendar file"
    )
    ics.add_argument("-o", "--output", metavar="FILE", required=True, type=Path)
    ics.add_argument("--interview", metavar="INTERVIEW_ID", type=_whole, help="only this interview")


def _usage(command: str, message: str) -> int:
    print(f"jobdeck {command}: {message}", file=sys.stderr)
    return EXIT_USAGE


def _typed_time(text: str, what: str) -> datetime:
    """An ISO 8601 time; without a zone, it is in this machine's zone."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise Invalid(f"{what} is not an ISO 8601 date and time: {text!r}") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zones.local_zone())
    return value


def run_interview(db: Library, args: argparse.Namespace) -> int:
    try:
        start = _typed_time(args.start, "--start")
        end = _typed_time(args.end, "--end") if args.end else None
        zone = args.zone
        if zone:
            try:
                named = zones.zone_named(zone)
            except zones.UnknownZone as error:
                raise Invalid(str(error)) from None
            if args.start and datetime.fromisoformat(args.start).tzinfo is None:
                start = start.replace(tzinfo=named)  # the wall time given, in the zone given
                end = (
                    end.replace(tzinfo=named)
                    if end and datetime.fromisoformat(args.end).tzinfo is None
                    else end
                )
        made = interviews.new_interview(
            args.posting_id,
            args.kind,
            start,
            ends_at=end,
            time_zone=zone,
            place=args.where,
            interviewers=tuple(args.interviewers),
        )
        interview_id = interviews.add_interview(db, made).value
    except (Invalid, NotFound) as error:
        return _usage("interview", str(error))
    local = start.astimezone(zones.local_zone())
    when = f"{local:%a %d %b %Y %H:%M}"
    print(f"added interview {interview_id} ({made.kind_title}) for #{args.posting_id} on {when}")
    return 0


def run_task(db: Library, args: argparse.Namespace) -> int:
    try:
        if args.task_action == "done":
            before = tasks.set_done(db, args.task_id, not args.undo).value
            state = "not done" if args.undo else "done"
            print(f"task {args.task_id} ({before.title}) is {state}")
            return 0
        zone = zones.local_zone_name()
        day, at = tasks.parse_due(args.due, zone)
        made = tasks.new_task(args.posting_id, args.text, day, at=at, time_zone=zone)
        task_id = tasks.add_task(db, made).value
    except (Invalid, NotFound) as error:
        return _usage("task", str(error))
    print(f"added task {task_id}: {made.title} (due {args.due})")
    return 0


def _item_json(item: core_agenda.AgendaItem) -> dict[str, object]:
    return {
        "kind": item.kind.value,
        "id": item.id,
        "posting_id": item.posting_id,
        "title": item.title,
        "application": item.application,
        "day": item.day.isoformat(),
        "at": item.at.isoformat() if item.at else None,
        "done": item.done,
    }


def run_agenda(db: Library, args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    zone = zones.local_zone()
    result = agenda.agenda(db, now, zone, days=args.days)
    suggested = suggestions.suggestions(db, now, zone)
    if args.json:
        shown: dict[str, object] = {
            "now": now.astimezone(zone).isoformat(),
            "zone": zones.local_zone_name(),
        }
        for bucket, items in result.groups.items():
            shown[bucket.value.replace(" ", "_")] = [_item_json(i) for i in items]
        shown["suggestions"] = [
            {
                "kind": s.kind.value,
                "posting_id": s.posting_id,
                "application": s.application,
                "text": s.text,
                "due_on": s.due_on.isoformat(),
            }
            for s in suggested
        ]
        sys.stdout.write(json.dumps(shown, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not result.items() and not suggested:
        print("Nothing on the agenda.")
        return 0
    for bucket, items in result.groups.items():
        if not items:
            continue
        print(core_agenda.BUCKET_TITLES[bucket])
        for item in items:
            when = f"{item.day:%a %d %b}"
            when += f" {item.at.astimezone(zone):%H:%M}" if item.at else "      "
            mark = "[x]" if item.done else "   "
            about = f" — {item.application}" if item.application else ""
            print(f"  {when}  {mark} {item.title}{about}  ({item.kind.value} {item.id})")
    if suggested:
        print("Suggested")
        for s in suggested:
            print(f"  {s.text} — {s.application}")
    return 0


def run_ics(db: Library, args: argparse.Namespace) -> int:
    try:
        count = calendar_export.write_calendar(
            db, args.output, datetime.now(UTC), interview_id=args.interview
        )
    except NotFound as error:
        return _usage("ics", str(error))
    print(f"wrote {count} events to {args.output}")
    return 0
