"""SQL for the board: stages with counts, cards in order, moves, and stage edits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.orm import Session

from desktop.core.board import Card, StageInfo, TimelineEntry
from desktop.storage.models import Company, Posting, Stage, StageChangeRow
from desktop.storage.record_errors import PostingMissing, StageChangeMissing, StageMissing
from desktop.storage.search_index import matching

# Orders closer than this are renumbered before a card goes between them.
MIN_ORDER_GAP = 1e-6


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
    offset: int = 0,
    limit: int | None = None,
) -> list[Card]:
    """Cards in board order (by stage, then place in the column), a column's page at a time."""
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
    query = matching(query, search).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [
        Card(pid, sid, company, title, salary, _aware(at), label)
        for pid, sid, company, title, salary, at, label in session.execute(query)
    ]


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


def order_for_index(session: Session, stage_id: int, index: int | None, moving: int) -> float:
    """The stage_order that puts a card at ``index`` among the others in the column.

    Reads only the two neighbours (through the (stage_id, stage_order) index), not the column.
    """
    others = (
        select(Posting.stage_order)
        .where(Posting.stage_id == stage_id, Posting.id != moving)
        .order_by(Posting.stage_order, Posting.id)
    )
    if index is None or index < 0:
        last = session.scalar(
            select(func.max(Posting.stage_order)).where(
                Posting.stage_id == stage_id, Posting.id != moving
            )
        )
        return (last or 0.0) + 1.0
    neighbours = list(session.scalars(others.offset(max(index - 1, 0)).limit(2)))
    if index == 0:
        after = neighbours[0] if neighbours else None
        return (after - 1.0) if after is not None else 1.0
    if len(neighbours) < 2:  # past the end
        return (neighbours[-1] if neighbours else 0.0) + 1.0
    before, after = neighbours
    if after - before < MIN_ORDER_GAP:
        renumber(session, stage_id)
        return order_for_index(session, stage_id, index, moving)
    return (before + after) / 2


def renumber(session: Session, stage_id: int) -> None:
    ids = session.scalars(
        select(Posting.id)
        .where(Posting.stage_id == stage_id)
        .order_by(Posting.stage_order, Posting.id)
    )
    for order, posting_id in enumerate(list(ids), start=1):
        session.execute(
            update(Posting).where(Posting.id == posting_id).values(stage_order=float(order))
        )


def add_change(session: Session, posting_id: int, stage_id: int, at: datetime) -> int:
    change = StageChangeRow(posting_id=posting_id, stage_id=stage_id, at=at)
    session.add(change)
    session.flush()
    return change.id


def delete_change(session: Session, change_id: int) -> None:
    session.execute(delete(StageChangeRow).where(StageChangeRow.id == change_id))


def set_change_time(session: Session, change_id: int, at: datetime) -> int:
    change = session.get(StageChangeRow, change_id)
    if change is None:
        raise StageChangeMissing(f"There is no stage change with id {change_id}.")
    change.at = at
    return change.posting_id


def timeline(session: Session, posting_id: int) -> list[TimelineEntry]:
    rows = session.execute(
        select(StageChangeRow.id, Stage.name, Stage.color, StageChangeRow.at)
        .join(Stage, Stage.id == StageChangeRow.stage_id)
        .where(StageChangeRow.posting_id == posting_id)
        .order_by(StageChangeRow.at, StageChangeRow.id)
    )
    return [TimelineEntry(*row) for row in rows]


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
    moved, history = [], []
    for posting_id in postings_in_stage(session, from_stage):
        posting = get_posting(session, posting_id)
        moved.append((posting_id, posting.stage_order))
        posting.stage_id = to_stage
        posting.stage_order = order_for_index(session, to_stage, None, posting_id)
        history.append(add_change(session, posting_id, to_stage, at))
    return moved, history


def all_stages(session: Session) -> list[Stage]:
    """The stages in use (not archived), in board order."""
    return list(session.scalars(select(Stage).where(~Stage.archived).order_by(Stage.position)))
