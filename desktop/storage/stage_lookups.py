"""Finding stages for the postings that go into them: by name, the first one, the next slot.

The stage list itself (add, rename, reorder, delete) is in ``pipeline_records``.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.storage.models import Posting, Stage
from desktop.storage.record_errors import StageMissing


def stage_by_name(session: Session, name: str) -> Stage:
    stage = session.scalars(
        select(Stage).where(func.lower(Stage.name) == name.strip().lower(), ~Stage.archived)
    ).one_or_none()
    if stage is None:
        raise StageMissing(f"There is no stage named {name!r}.")
    return stage


def first_stage(session: Session) -> Stage:
    return session.scalars(select(Stage).where(~Stage.archived).order_by(Stage.position)).first()  # type: ignore[return-value]


def next_stage_order(session: Session, stage_id: int) -> float:
    top = session.scalar(select(func.max(Posting.stage_order)).where(Posting.stage_id == stage_id))
    return (top or 0.0) + 1.0
