"""SQL for the application pipeline: stages with counts, cards in order, moves, stage edits."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from desktop.core.bounds import readable_amount
from desktop.core.display import salary_from_columns
from desktop.core.pipeline import Card, StageInfo
from desktop.core.posting import Salary
from desktop.storage import pipeline_sql
from desktop.storage.models import Company, Posting, Stage, StageChangeRow
from desktop.storage.record_errors import PostingMissing, StageChangeMissing, StageMissing
from desktop.storage.search_index import matching


def stages(session: Session, search: str = "") -> list[StageInfo]:
    # Postings only: counting per stage then walks the (stage, order) index, no table rows.
    counted: Select = select(Posting.stage_id, func.count(Posting.id).label("n"))
    counts = matching(counted, search).group_by(Posting.stage_id).subquery()
    rows = session.execute(
        select(Stage, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.stage_id == Stage.id)
        .where(~Stage.archived)
        .order_by(Stage.position)
    )
    return [
        StageInfo(stage.id, stage.name, stage.color, stage.is_closed, stage.position, count)
        for stage, count in rows
    ]


def cards(
    session: Session,
    search: str = "",
    *,
    stage_id: int | None = None,
    posting_ids: Collection[int] | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[Card]:
    """Cards in board order (by stage, then place in the column), a column's page at a time,
    or only those of ``posting_ids``."""
    # When the card entered its stage: looked up per card shown, never for the whole library.
    entered = (
        select(func.max(StageChangeRow.at))
        .where(StageChangeRow.posting_id == Posting.id, StageChangeRow.stage_id == Posting.stage_id)
        .correlate(Posting)
        .scalar_subquery()
    )
    query: Select = select(
        Posting.id,
        Posting.stage_id,
        Company.name,
        Posting.title,
        Posting.salary_min,
        Posting.salary_max,
        Posting.salary_currency,
        Posting.salary_period,
        Posting.salary_text,
        entered,
        Posting.label_color,
    ).outerjoin(Company, Company.id == Posting.company_id)
    if stage_id is None:
        query = query.join(Stage, Stage.id == Posting.stage_id).order_by(
            Stage.position, Posting.stage_order, Posting.id
        )
    else:
        query = query.where(Posting.stage_id == stage_id).order_by(Posting.stage_order, Posting.id)
    if posting_ids is not None:
        query = query.where(Posting.id.in_(list(posting_ids)))
    query = matching(query, search).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [
        Card(pid, sid, company, title, _salary(*salary), _aware(at), label)
        for pid, sid, company, title, *salary, at, label in session.execute(query)
    ]


def _salary(
    low: float | None,
    high: float | None,
    currency: str | None,
    period: str | None,
    text: str | None,
) -> Salary | None:
    # A value no Jobdeck could store today (an infinity an older one saved) reads as unknown.
    return salary_from_columns(readable_amount(low), readable_amount(high), currency, period, text)


def _aware(value: str | datetime | None) -> datetime | None:
    # The MAX() above hands back the stored text, not a value through UtcDateTime.
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


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
