"""Application facts: applied on, rating (1-5), referral, and the posting's deadline.

Changes return ``Changes(facts={posting id})``; the value of ``set_facts`` is what was stored
before, which is what undo puts back.
"""

from __future__ import annotations

from dataclasses import replace

from desktop.core import bounds
from desktop.core.application_facts import (
    ApplicationFacts,
    StoredFacts,
    WorkspaceCounts,
    applied_from_timeline,
    rating_problem,
)
from desktop.services.changes import Changes, Result
from desktop.services.errors import Invalid
from desktop.services.library import Library
from desktop.storage import fact_records, pipeline_sql, workspace_sql


class InvalidFacts(Invalid):
    """A rating out of 1-5, an applied-on time without a zone or out of range."""


def get_facts(db: Library, posting_id: int) -> ApplicationFacts:
    """The application's facts as shown: the user's applied-on date, else when it entered
    Applied; the posting's deadline; rating and referral as set (None: not set)."""
    with db.querying() as connection:
        stored = fact_records.stored_facts(connection, posting_id)
        timeline = pipeline_sql.timeline(connection, posting_id)
        deadline = fact_records.deadline(connection, posting_id)
    applied = stored.applied_at or applied_from_timeline(timeline)
    return ApplicationFacts(
        posting_id,
        applied,
        stored.applied_at is not None,
        deadline,
        stored.rating,
        stored.referral,
        stored,
    )


def workspace_counts(db: Library, posting_id: int) -> WorkspaceCounts:
    """The application's notes, contacts and documents counted and its rating, in one read:
    the titles of the workspace tabs not in sight (each tab reads its rows when shown)."""
    with db.querying() as connection:
        return workspace_sql.workspace_counts(connection, posting_id)


def set_facts(db: Library, posting_id: int, facts: StoredFacts) -> Result[StoredFacts]:
    """Store what the user set about the application (all three at once; None clears one).

    Raises ``InvalidFacts`` (a rating out of 1-5, a time without a zone or out of range),
    ``NotFound`` (no such posting), ``WriteFailed``.
    """
    problem = rating_problem(facts.rating) or bounds.datetime_problem(
        facts.applied_at, "The applied-on date"
    )
    if problem:
        raise InvalidFacts(problem)
    with db.plain_writing() as connection:
        before = fact_records.set_facts(connection, posting_id, facts)
    return Result(before, Changes(facts=frozenset({posting_id})))


def change_facts(db: Library, posting_id: int, **changed: object) -> Result[StoredFacts]:
    """``set_facts`` with only the named facts changed (``rating=4``, ``referral=True``,
    ``applied_at=...``), the others kept as stored."""
    with db.querying() as connection:
        stored = fact_records.stored_facts(connection, posting_id)
    return set_facts(db, posting_id, replace(stored, **changed))  # type: ignore[arg-type]
