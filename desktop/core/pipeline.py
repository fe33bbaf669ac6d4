"""The application pipeline: what is tracked for each posting (its ``Application``), the stages
it moves through, the cards the board shows, and what a move remembers so it can be undone.

Plain frozen data. ("Board" is the UI's word for the pipeline drawn as columns of cards.)"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.core import display  # light; core.posting's types load with a card's salary
from desktop.core.stages import StageInfo  # noqa: F401 (the board's columns; named here too)

if TYPE_CHECKING:  # names for the types only: a stage's count needs no label (``jobdeck stages``)
    from desktop.core.labels import Label
    from desktop.core.salary import Salary


@dataclass(frozen=True)
class Card:
    id: int
    stage_id: int
    company: str | None
    title: str
    salary: Salary | None
    entered_at: datetime | None  # when the posting entered its current stage
    labels: tuple[Label, ...]  # the application's labels, by name
    others_at_company: int = 0  # other postings at the same employer (the board's marker)

    @property
    def salary_shown(self) -> str:
        return display.salary_display(self.salary)


@dataclass(frozen=True)
class TimelineEntry:
    id: int  # the stage change's id (an interview's, for kind "interview")
    stage: str  # the stage entered (what happened, for an interview: "Technical interview")
    color: str
    at: datetime
    kind: str = "stage"  # "stage", or "interview": shown between the stage changes


@dataclass(frozen=True)
class Application:
    """The user's application for one posting: where it stands and how it got there.

    Stored in the posting's own row today (its stage, its place in the column) with the stage
    history and its labels beside it; the noun is here so that what is tracked has its own name.
    """

    posting_id: int
    stage: str
    stage_color: str
    labels: tuple[Label, ...]
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
    # Earlier entries the move's time pulled back to it, as they were (undo puts them back).
    moved_back: tuple[TimelineEntry, ...] = ()


class TimelineConflict(ValueError):
    """A stage date that would put the timeline out of order; the message says which stage."""


def pulled_back(
    timeline: Sequence[TimelineEntry], change_id: int, at: datetime
) -> tuple[TimelineEntry, ...]:
    """The entries (as they are now) that dating entry ``change_id`` at ``at`` moves back to it.

    The current stage is always the latest entry of the timeline, so a date may not go past the
    next entry: that raises ``TimelineConflict``, naming it. A date before earlier entries moves
    them back with it (applied before the posting was saved: "Saved" moves back too); equal
    times keep their order by id, which is the order they were recorded in.
    ``timeline`` is oldest first; raises ``KeyError`` when ``change_id`` is not in it.
    """
    index = next((i for i, entry in enumerate(timeline) if entry.id == change_id), None)
    if index is None:
        raise KeyError(change_id)
    entry = timeline[index]
    if index + 1 < len(timeline) and at > (after := timeline[index + 1]).at:
        raise TimelineConflict(
            f"“{entry.stage}” cannot be dated after the stage that followed it, "
            f"“{after.stage}” ({display.day_and_time(after.at)}). Change that date first, "
            "or pick an earlier one."
        )
    return tuple(earlier for earlier in timeline[:index] if earlier.at > at)
