"""The application pipeline: what is tracked for each posting (its ``Application``), the stages
it moves through, the cards the board shows, and what a move remembers so it can be undone.

Plain frozen data. ("Board" is the UI's word for the pipeline drawn as columns of cards.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.core.display import salary_display
from desktop.core.posting import Salary


@dataclass(frozen=True)
class StageInfo:
    id: int
    name: str
    color: str
    is_closed: bool
    position: int
    count: int  # postings in the stage (after any search filter)


@dataclass(frozen=True)
class Card:
    id: int
    stage_id: int
    company: str | None
    title: str
    salary: Salary | None
    entered_at: datetime | None  # when the posting entered its current stage
    label_color: str | None

    @property
    def salary_shown(self) -> str:
        return salary_display(self.salary)


@dataclass(frozen=True)
class TimelineEntry:
    id: int
    stage: str
    color: str
    at: datetime


@dataclass(frozen=True)
class Application:
    """The user's application for one posting: where it stands and how it got there.

    Stored in the posting's own row today (its stage, its place in the column, its label) with
    the stage history beside it; the noun is here so that what is tracked has its own name.
    """

    posting_id: int
    stage: str
    stage_color: str
    label_color: str | None
    timeline: tuple[TimelineEntry, ...]  # every stage it entered, oldest first

    @property
    def entered_stage_at(self) -> datetime | None:
        return self.timeline[-1].at if self.timeline else None


@dataclass(frozen=True)
class MoveRecord:
    """Enough to put a card back exactly where it was."""

    posting_id: int
    from_stage_id: int
    from_order: float
    to_stage_id: int
    history_id: int | None  # the stage change the move recorded; None for a reorder
