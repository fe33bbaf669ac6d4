"""Finding stages for the postings that go into them: by name, the first one, the next slot.

The stage list itself (add, rename, reorder, delete) is in ``pipeline_records``.
"""

from __future__ import annotations

import sqlite3

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


# The same look-ups in plain SQL, for the rows of a batch written with ``sqlite3``
# (``posting_records.insert_postings``): the rules above, not the ORM's statements.


def stage_id(conn: sqlite3.Connection, name: str | None) -> int:
    """The id of the stage ``stage_by_name`` finds, or ``first_stage``'s for no name.
    Raises StageMissing."""
    if not name:
        first = conn.execute(
            "SELECT id FROM stages WHERE NOT archived ORDER BY position LIMIT 1"
        ).fetchone()
        if first is None:
            raise StageMissing("There is no stage to save a posting in.")
        return first[0]
    found = conn.execute(
        "SELECT id FROM stages WHERE lower(name) = ? AND NOT archived", (name.strip().lower(),)
    ).fetchone()
    if found is None:
        raise StageMissing(f"There is no stage named {name!r}.")
    return found[0]


def next_order(conn: sqlite3.Connection, stage_id: int) -> float:
    """``next_stage_order``: the order after the last posting in the stage."""
    (top,) = conn.execute(
        "SELECT max(stage_order) FROM postings WHERE stage_id = ?", (stage_id,)
    ).fetchone()
    return (top or 0.0) + 1.0
