"""``jobdeck stats [--from DATE] [--to DATE] [--json]``: the funnel, rates and medians."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.deferred_import import deferred
from desktop.services.library import Library

if TYPE_CHECKING:
    from desktop.services import insights
else:  # loaded by the command that runs
    insights = deferred("desktop.services.insights")


def day(text: str) -> date:
    """A day as typed (2026-11-30); argparse makes a bad one a usage message (exit 2)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-30") from None


def add_stats_command(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    stats = commands.add_parser(
        "stats",
        parents=parents,
        help="print the funnel, response rate and median days to the first response",
        description="Figures of the applications whose history begins between --from and --to "
        "(days in your time zone, both included): how many reached each stage, the response "
        "rate (applied, then any stage but Withdrawn or Ghosted) and the median days to the "
        "first response.",
    )
    stats.add_argument("--from", dest="start", type=day, metavar="DATE", help="first day")
    stats.add_argument("--to", dest="end", type=day, metavar="DATE", help="last day")
    stats.add_argument("--json", action="store_true", help="print the figures as JSON")


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def _step_note(step: Any) -> str:
    """What the funnel line adds to the count: the conversion, said with what it divides."""
    if step.stage.archived:
        return "  (deleted stage)"
    if step.previous is None or step.conversion is None:  # none got as far as the one before
        return ""
    return (
        f"  ({_percent(step.conversion)} of {step.previous.name}: {step.reached_or_later} of "
        f"{step.previous_reached_or_later} got this far)"
    )


def run_stats(db: Library, args: argparse.Namespace) -> int:
    from desktop.core.insights import day_range  # the page's custom range means the same

    try:
        start, end = day_range(args.start, args.end)
    except ValueError:
        print("jobdeck stats: --to is before --from", file=sys.stderr)
        return 2
    # The employers' ranking and who waits are printed only in the JSON.
    figures = insights.insights(db, start=start, end=end, ranking=args.json)
    data = insights.stats_json(figures)
    if args.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    print(f"Applications: {data['applications']}")
    print("Funnel (how many entered each stage; got this far: it or an open stage after it):")
    width = max((len(step.stage.name) for step in figures.funnel), default=5)
    for step in figures.funnel:
        print(f"  {step.stage.name:<{width}}  {step.count:>6}{_step_note(step)}")
    median = data["median_days_to_first_response"]
    print(
        f"Response rate: {_percent(data['response_rate'])} "
        f"({data['responded']} of {data['applied']} applied)"
    )
    print("Median days to the first response: " + ("—" if median is None else f"{median:.1f}"))
    return 0
