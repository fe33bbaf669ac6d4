"""The application pipeline: applications moving through stages (moves, labels, the timeline)
and the cards the board shows of it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop.core.bounds import datetime_problem
from desktop.core.pipeline import (
    Application,
    Card,
    MoveRecord,
    StageInfo,
    TimelineConflict,
    TimelineEntry,
    pulled_back,
)
from desktop.deferred_import import deferred
from desktop.services.changes import Changes, Result
from desktop.services.errors import Invalid, NotFound, PostingNotFound
from desktop.services.library import Library
from desktop.services.stages import UnknownStage, resolve_stage  # noqa: F401 (named here too)
from desktop.storage import pipeline_sql, record_errors

if TYPE_CHECKING:
    from desktop.services import reapply
    from desktop.storage import board_sql
    from desktop.storage import pipeline_records as records
else:  # the ORM, loaded after the window's first paint; the re-apply markers when read
    records = deferred("desktop.storage.pipeline_records")
    reapply = deferred("desktop.services.reapply")
    # the board's reads, with the search's filters: not for a move (``jobdeck move``)
    board_sql = deferred("desktop.storage.board_sql")


class UnknownStageChange(NotFound):
    """No stage change with that id (the move was undone, the posting deleted)."""


@dataclass(frozen=True)
class StageDating:
    """A stage date as it was before a correction: enough to undo it, and to say what moved."""

    posting_id: int
    change_id: int
    was: datetime
    moved_back: tuple[TimelineEntry, ...]  # earlier entries moved back with it, as they were


@dataclass(frozen=True)
class Board:
    stages: list[StageInfo]
    cards: list[Card]


COLUMN_PAGE = 200  # cards read per column at first; scrolling down reads more


def load_board(db: Library, search: str = "", per_column: int | None = COLUMN_PAGE) -> Board:
    """The stages with their counts and the first cards of every column. Plain SQL: the
    board's first paint does not wait for the ORM."""
    with db.querying() as connection:
        stages = board_sql.columns(connection, search)
        cards = [
            card
            for stage in stages
            for card in board_sql.cards(connection, search, stage_id=stage.id, limit=per_column)
        ]
    return Board(stages, reapply.with_markers(db, cards))


def column_cards(
    db: Library, stage_id: int, search: str = "", offset: int = 0, limit: int = COLUMN_PAGE
) -> list[Card]:
    """More of one column, for when the user scrolls past what was read."""
    with db.querying() as connection:
        cards = board_sql.cards(connection, search, stage_id=stage_id, offset=offset, limit=limit)
    return reapply.with_markers(db, cards)


def cards_of(db: Library, posting_ids: Collection[int]) -> list[Card]:
    """The board cards of these postings (to show a change in place), in board order."""
    with db.querying() as connection:
        cards = board_sql.cards(connection, posting_ids=posting_ids)
    return reapply.with_markers(db, cards)


def move_application(
    db: Library,
    posting_id: int,
    stage_id: int,
    *,
    index: int | None = None,
    at: datetime | None = None,
) -> Result[MoveRecord]:
    """Put a posting in a stage (at ``index`` in its column, else last) and record the change.

    A move within the same stage only reorders; it adds nothing to the history. Plain SQL: a
    move from the command line does not wait for the ORM to load. The result's value is what
    ``undo_move`` needs. Raises ``PostingNotFound``, ``UnknownStage``, and ``Invalid`` for a
    time the library cannot store (see ``core.bounds``). A move dated before entries already in
    the timeline moves them back to its time (the current stage is always the latest entry);
    ``record.moved_back`` lists them as they were.
    """
    _check_time(at)
    with db.plain_writing() as connection:
        try:
            record = pipeline_sql.move_card(
                connection, posting_id, stage_id, index, at or datetime.now(UTC)
            )
        except record_errors.PostingMissing as error:
            raise PostingNotFound(str(error)) from None
        except record_errors.StageMissing as error:
            raise UnknownStage(str(error)) from None
    return Result(record, Changes(moved=frozenset({posting_id})))


def undo_move(db: Library, record: MoveRecord) -> Changes:
    """Put the card back where it was and forget the stage change the move recorded.

    Raises ``PostingNotFound`` when the posting was deleted since the move.
    """
    with db.writing() as session:
        try:
            posting = records.get_posting(session, record.posting_id)
        except record_errors.PostingMissing as error:
            raise PostingNotFound(str(error)) from None
        posting.stage_id = record.from_stage_id
        posting.stage_order = record.from_order
        if record.history_id is not None:
            records.delete_change(session, record.history_id)
        for entry in record.moved_back:
            records.set_change_time(session, entry.id, entry.at)
    return Changes(moved=frozenset({record.posting_id}))


def application(db: Library, posting_id: int) -> Application:
    """Where the application for ``posting_id`` stands. Raises ``PostingNotFound``."""
    with db.querying() as connection:
        try:
            return pipeline_sql.application(connection, posting_id)
        except record_errors.PostingMissing as error:
            raise PostingNotFound(str(error)) from None


def _check_time(at: datetime | None) -> None:
    problem = datetime_problem(at, "The stage time")
    if problem is not None:
        raise Invalid(f"{problem}.")


def timeline(db: Library, posting_id: int) -> list[TimelineEntry]:
    """The posting's stage history, oldest first (plain SQL: shown before the ORM loads)."""
    with db.querying() as connection:
        return pipeline_sql.timeline(connection, posting_id)


def _stage_time_checked(at: datetime) -> None:
    if at.tzinfo is None:
        raise Invalid("A stage time needs a time zone.")
    _check_time(at)


def stage_time_effect(db: Library, change_id: int, at: datetime) -> tuple[TimelineEntry, ...]:
    """What dating stage change ``change_id`` at ``at`` would do, without doing it: the earlier
    entries it would move back with it (none: only that date changes), for the dialog to say
    before the user confirms. Raises ``Invalid`` for a date past the next stage's (naming it),
    ``UnknownStageChange``."""
    _stage_time_checked(at)
    with db.querying() as connection:
        try:
            posting_id = pipeline_sql.posting_of_change(connection, change_id)
            return pulled_back(pipeline_sql.timeline(connection, posting_id), change_id, at)
        except record_errors.StageChangeMissing as error:
            raise UnknownStageChange(str(error)) from None
        except TimelineConflict as conflict:
            raise Invalid(str(conflict)) from None


def correct_stage_time(db: Library, change_id: int, at: datetime) -> Result[StageDating]:
    """Set when a posting entered a stage (an application sent last week, logged today).

    The current stage stays the latest entry: a date past the next entry's is refused
    (``Invalid``, naming that stage); earlier entries later than ``at`` move back to it (see
    ``stage_time_effect``). The value is what ``undo_stage_time`` needs. Raises
    ``UnknownStageChange`` when the entry is gone.
    """
    _stage_time_checked(at)
    with db.plain_writing() as connection:
        try:
            posting_id = pipeline_sql.posting_of_change(connection, change_id)
            was = next(
                e.at for e in pipeline_sql.timeline(connection, posting_id) if e.id == change_id
            )
            _, moved = pipeline_sql.date_change(connection, change_id, at)
        except record_errors.StageChangeMissing as error:
            raise UnknownStageChange(str(error)) from None
        except TimelineConflict as conflict:
            raise Invalid(str(conflict)) from None
    dating = StageDating(posting_id, change_id, was, moved)
    return Result(dating, Changes(moved=frozenset({posting_id})))


def undo_stage_time(db: Library, dating: StageDating) -> Changes:
    """Put back the dates a ``correct_stage_time`` changed."""
    with db.plain_writing() as connection:
        pipeline_sql.set_change_times(
            connection,
            {dating.change_id: dating.was} | {entry.id: entry.at for entry in dating.moved_back},
        )
    return Changes(moved=frozenset({dating.posting_id}))
