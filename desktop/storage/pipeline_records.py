"""SQL for the application pipeline: stages with counts, cards in order, moves, stage edits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop.storage import pipeline_sql
from desktop.storage.models import Posting, Stage, StageChangeRow
from desktop.storage.record_errors import PostingMissing, StageChangeMissing, StageMissing


def get_stage(session: Session, stage_id: int) -> Stage:
    stage = session.get(Stage, stage_id)
    if stage is None:
        raise StageMissing(f"There is no stage with id {stage_id}.")
    return stage


def get_posting(session: Session, posting_id: int) -> Posting:
    posting = session.get(Posting, posting_id)
    if posting is None:
        raise PostingMissing(f"There is no posting with id {posting_id}.")
    return posting


def delete_change(session: Session, change_id: int) -> None:
    session.execute(delete(StageChangeRow).where(StageChangeRow.id == change_id))


def set_change_time(session: Session, change_id: int, at: datetime) -> int:
    change = session.get(StageChangeRow, change_id)
    if change is None:
        raise StageChangeMissing(f"There is no stage change with id {change_id}.")
    change.at = at
    return change.posting_id


def postings_in_stage(session: Session, stage_id: int) -> list[int]:
    return list(
        session.scalars(
            select(Posting.id).where(Posting.stage_id == stage_id).order_by(Posting.stage_order)
        )
    )


def stage_named(session: Session, name: str, *, excluding: int | None = None) -> Stage | None:
    """The stage (archived or not) with this name, ignoring case."""
    query = select(Stage).where(func.lower(Stage.name) == name.strip().lower())
    if excluding is not None:
        query = query.where(Stage.id != excluding)
    return session.scalars(query).one_or_none()


def add_stage_row(session: Session, name: str, color: str, is_closed: bool, position: int) -> int:
    stage = Stage(name=name, color=color, is_closed=is_closed, position=position)
    session.add(stage)
    session.flush()
    return stage.id


def move_all_cards(
    session: Session, from_stage: int, to_stage: int, at: datetime
) -> tuple[list[tuple[int, float]], list[int]]:
    """Move every card of a stage to the end of another, recording each change.

    Returns where each card was (id, order) and the stage changes recorded, for an undo.
    """
    session.flush()  # what the session holds, written before plain SQL reads the columns
    connection = session.connection().connection.dbapi_connection
    assert connection is not None
    moved, history = [], []
    for posting_id in postings_in_stage(session, from_stage):
        record = pipeline_sql.move_card(connection, posting_id, to_stage, None, at)  # type: ignore[arg-type]
        moved.append((posting_id, record.from_order))
        assert record.history_id is not None
        history.append(record.history_id)
    session.expire_all()  # rows the session read before are stale now
    return moved, history


def all_stages(session: Session) -> list[Stage]:
    """The stages in use (not archived), in board order."""
    return list(session.scalars(select(Stage).where(~Stage.archived).order_by(Stage.position)))
