"""Argument types shared by the commands: values checked where they are typed, by name."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date, datetime

MAX_ID = 2**63 - 1  # SQLite's largest integer (core.bounds.MAX_ID; not imported: see moment)


def posting_id(text: str) -> int:
    """A posting id as typed (``jobdeck move 12 Applied``): a whole number SQLite can hold.

    A 23-digit id would otherwise reach SQLite and end in an OverflowError; argparse turns the
    ``ArgumentTypeError`` into a usage message (exit 2).
    """
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a posting id (a whole number)") from None
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"{text} is not a posting id (1 to {MAX_ID})")
    return value


def moment(text: str, what: str) -> datetime:
    """An ISO 8601 time with a zone that the library can store; ``DocumentError`` names
    ``what`` and says why not (no zone, or a UTC time outside the years 1900-9999)."""
    # Imported here: a command that takes no time (most) starts without the JSON contract.
    from desktop.core.bounds import datetime_problem
    from desktop.core.document import DocumentError, parse_datetime

    value = parse_datetime(text, what)
    problem = datetime_problem(value, what)
    if problem is not None:
        raise DocumentError(problem)
    return value


def day(text: str) -> date:
    """A calendar day as typed (``--from 2026-09-01``); a usage error names what was typed."""
    from datetime import date as date_type

    try:
        return date_type.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day (YYYY-MM-DD)") from None
