"""What the board shows and what a move remembers so it can be undone: plain frozen data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


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
    salary_text: str | None
    entered_at: datetime | None  # when the posting entered its current stage
    label_color: str | None


@dataclass(frozen=True)
class TimelineEntry:
    id: int
    stage: str
    color: str
    at: datetime


@dataclass(frozen=True)
class MoveRecord:
    """Enough to put a card back exactly where it was."""

    posting_id: int
    from_stage_id: int
    from_order: float
    to_stage_id: int
    history_id: int | None  # the stage change the move recorded; None for a reorder
