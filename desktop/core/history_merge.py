"""What a tracker's row adds to the stage history of a posting already in the library.

A sheet often knows more than the library: a posting saved from a board (history: Saved) is
listed in the sheet as applied on 2 October. The row's dated stages that the posting's history
lacks are added at their dates, keeping the pipeline's rule that the current stage is the
latest entry (``core.pipeline.pulled_back``):

- when the row's stage comes later in the pipeline than the posting's open current stage, the
  posting moves to it at the row's date, and stored entries dated after that move back to it
  (applied before it was saved: "Saved" moves back to the application's date, as a backdated
  move does);
- otherwise the row's other new stages are added only where they fall before the current
  stage's entry; one that would come after it is left out, with a note saying so.

A stage the row gives no date for (a status without a status date) is placed by the
pipeline's order among the dates known: after the latest entry of an earlier stage and before
any entry of a later one, at the time of the entry it follows. When it comes after every entry
(the posting moves to it), it is entered at the latest date known of the application, never at
the time of the import; either way the merge says so.

A stage the history already has is never added again nor re-dated, so reading the same row
twice adds nothing the second time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from desktop.core import display

if TYPE_CHECKING:
    from desktop.core.pipeline import TimelineEntry
    from desktop.core.posting import StageChange


@dataclass(frozen=True)
class StagePlace:
    """Where a stage stands in the pipeline: its board position and whether it is closed."""

    position: int
    is_closed: bool


@dataclass(frozen=True)
class HistoryMerge:
    """The changes to make to one posting's history (nothing to do when ``is_empty``)."""

    added: tuple[StageChange, ...] = ()  # new entries, oldest first
    moved_back: Mapping[int, datetime] = field(default_factory=dict)  # change id -> new time
    new_stage: str | None = None  # the stage the posting moves to (None: it stays)
    left_out: tuple[str, ...] = ()  # one sentence per row stage not added, saying why
    placed: tuple[str, ...] = ()  # one sentence per undated row stage added, saying where

    @property
    def is_empty(self) -> bool:
        return not self.added and not self.moved_back and self.new_stage is None


def stage_key(stage: str) -> str:
    """A stage's name as compared: any case or spacing."""
    return " ".join(stage.split()).casefold()


_key = stage_key


def merged_history(
    timeline: Sequence[TimelineEntry],
    current_stage: str,
    row_stage: str | None,
    row_history: Sequence[StageChange],
    places: Mapping[str, StagePlace],
) -> HistoryMerge:
    """What adding ``row_history`` (the row's dated stages, oldest first; ``row_stage`` its
    current stage) to a posting with ``timeline`` (oldest first) in ``current_stage`` changes.

    ``places`` gives each stage of the library (by name, any case) its place in the pipeline;
    a stage missing from it is left out with a note (the caller's library lacks it).
    """
    have = {_key(entry.stage) for entry in timeline}
    placed: list[tuple[StageChange, str]] = []  # each undated stage as placed, and the note
    if any(change.undated for change in row_history):
        row_history = _placed_by_order(timeline, row_history, places, have, placed)
    new: list[StageChange] = []
    for change in sorted(row_history, key=lambda c: c.at):
        if _key(change.stage) not in have and all(_key(n.stage) != _key(change.stage) for n in new):
            new.append(change)
    if not new:  # the usual row read again: nothing to add, nothing more to work out
        return HistoryMerge()
    folded_places = {_key(name): place for name, place in places.items()}
    left_out: list[str] = []
    known = [c for c in new if _key(c.stage) in folded_places]
    left_out += [
        f"the stage “{c.stage}” is not in this library; left out" for c in new if c not in known
    ]
    current = folded_places.get(_key(current_stage))
    target = next(
        (c for c in reversed(known) if row_stage and _key(c.stage) == _key(row_stage)), None
    )
    moves = (
        target is not None
        and current is not None
        and not current.is_closed
        and folded_places[_key(target.stage)].position > current.position
    )
    if moves:
        assert target is not None
        at = target.at
        moved_back = {entry.id: at for entry in timeline if entry.at > at}
        added = [c for c in known if c.at <= at and c is not target] + [target]
        limit_stage, limit_at = target.stage, at
        new_stage: str | None = target.stage
    else:
        latest = timeline[-1] if timeline else None
        # Without a stored entry nothing is known to come before the current stage.
        added = [c for c in known if latest is not None and c.at < latest.at]
        moved_back = {}
        limit_stage = latest.stage if latest else current_stage
        limit_at = latest.at if latest else None
        new_stage = None
    # A stage earlier in the pipeline dated after a new entry moves back to it (saved after
    # the application the sheet dates: "Saved" moves back to that day), except the current
    # stage's entry, which stays the latest.
    for entry in timeline[:-1] if not moves else timeline:
        place = folded_places.get(_key(entry.stage))
        when = moved_back.get(entry.id, entry.at)
        earlier = [
            c.at
            for c in added
            if place is not None
            and c.at < when
            and folded_places[_key(c.stage)].position > place.position
        ]
        if earlier:
            moved_back[entry.id] = min(earlier)
    for change in known:
        if change not in added:
            left_out.append(
                f"“{change.stage}” on {display.day_and_time(change.at)} would come after "
                f"“{limit_stage}”"
                + (f" ({display.day_and_time(limit_at)})" if limit_at else "")
                + ", the posting's current stage; left out"
            )
    notes = tuple(note for change, note in placed if any(c is change for c in added))
    return HistoryMerge(tuple(added), moved_back, new_stage, tuple(left_out), notes)


def _placed_by_order(
    timeline: Sequence[TimelineEntry],
    row_history: Sequence[StageChange],
    places: Mapping[str, StagePlace],
    have: set[str],
    placed: list[tuple[StageChange, str]],
) -> list[StageChange]:
    """``row_history`` with each undated stage given a time by the pipeline's order among
    what is known of the application (the stored entries and the row's dated stages); each
    one placed is added to ``placed`` with a sentence saying where. One the history has, one
    the library lacks, or one with nothing known to place it by keeps its time (the merge
    skips or leaves it out)."""
    folded = {_key(name): place for name, place in places.items()}
    dated = [change for change in row_history if not change.undated]
    known = [(entry.stage, entry.at) for entry in timeline] + [
        (change.stage, change.at) for change in dated if _key(change.stage) not in have
    ]

    def position(stage: str) -> int | None:
        place = folded.get(_key(stage))
        return None if place is None else place.position

    result = list(dated)
    for change in (c for c in row_history if c.undated):
        own = position(change.stage)
        if own is None or _key(change.stage) in have or not known:
            result.append(change)
            continue
        later = [
            (stage, at) for stage, at in known if (p := position(stage)) is not None and p > own
        ]
        first_later = min(later, key=lambda k: k[1]) if later else None
        earlier = [
            (stage, at)
            for stage, at in known
            if (p := position(stage)) is not None
            and p < own
            and (first_later is None or at < first_later[1])
        ]
        what = f"“{change.stage}” has no date in the sheet:"
        if first_later is None:  # after every entry: the latest date known, not "now"
            stage, at = max(known, key=lambda k: k[1])
            note = f"{what} entered on {display.day_and_time(at)}, the latest date known of it"
        elif earlier:
            stage, at = max(earlier, key=lambda k: k[1])
            note = f"{what} placed after “{stage}” ({display.day_and_time(at)})"
        else:  # nothing earlier is known: just before the first later stage
            stage, later_at = first_later
            at = later_at - timedelta(microseconds=1)
            note = f"{what} placed just before “{stage}” ({display.day_and_time(later_at)})"
        moved = replace(change, at=at)
        result.append(moved)
        placed.append((moved, note))
    return result
