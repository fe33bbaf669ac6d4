"""Facts that belong to the application rather than the posting: when the user applied, how
much they want it (a rating of 1 to 5), whether they were referred, and the deadline the
posting gave.

``applied_at`` is the user's own date when they set one; otherwise it is when the application
first entered the "Applied" stage (so a move to Applied sets it, and the user can correct it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from desktop.core.pipeline import TimelineEntry

APPLIED_STAGE = "applied"
RATINGS = range(1, 6)


@dataclass(frozen=True)
class StoredFacts:
    """What the user set (None: not set)."""

    applied_at: datetime | None = None
    rating: int | None = None
    referral: bool | None = None


@dataclass(frozen=True)
class ApplicationFacts:
    posting_id: int
    applied_at: datetime | None  # the user's date, else when it entered Applied, else None
    applied_set_by_user: bool
    deadline: str | None  # the posting's valid_through, as the source gave it
    rating: int | None
    referral: bool | None
    stored: StoredFacts


def applied_from_timeline(timeline: Sequence[TimelineEntry]) -> datetime | None:
    """When the application first entered the stage named Applied (any case), or None."""
    for entry in timeline:
        if entry.kind == "stage" and " ".join(entry.stage.split()).casefold() == APPLIED_STAGE:
            return entry.at
    return None


def rating_problem(rating: int | None) -> str | None:
    if rating is None or rating in RATINGS:
        return None
    return f"A rating is 1 to 5 (or none), not {rating}."


@dataclass(frozen=True)
class WorkspaceCounts:
    """What the workspace tabs not in sight show in their titles: "Notes (3)", "Application ★★"."""

    notes: int = 0
    contacts: int = 0  # people linked to the application, whatever their roles
    documents: int = 0
    rating: int | None = None
