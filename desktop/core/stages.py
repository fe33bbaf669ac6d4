"""The application stages a posting moves through, and the ones a new library starts with.

Apart from the rest of the pipeline (``core.pipeline``: cards, timelines, moves), so that
``jobdeck stages`` and ``list --stage`` start without those types."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StageSpec:
    name: str
    color: str  # a hex colour the board and the list use for the stage
    is_closed: bool = False


DEFAULT_STAGES: tuple[StageSpec, ...] = (
    StageSpec("Saved", "#7c8aa5"),
    StageSpec("Applied", "#3b82f6"),
    StageSpec("Screening", "#06b6d4"),
    StageSpec("Interviewing", "#8b5cf6"),
    StageSpec("Offer", "#f59e0b"),
    StageSpec("Accepted", "#10b981"),
    StageSpec("Rejected", "#ef4444", is_closed=True),
    StageSpec("Withdrawn", "#9ca3af", is_closed=True),
    StageSpec("Ghosted", "#6b7280", is_closed=True),
)

FIRST_STAGE = DEFAULT_STAGES[0].name


@dataclass(frozen=True)
class StageInfo:
    """A stage in use, as the board's column and ``jobdeck stages`` show it."""

    id: int
    name: str
    color: str
    is_closed: bool
    position: int
    count: int  # postings in the stage (after any search filter)
