"""Interviews in plain SQL on ``sqlite3`` (the window, the command line and the agenda's
reads), each with its application's name where a list shows it."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from desktop.core.agenda import Interview
from desktop.core.bounds import readable_datetime
from desktop.storage.agenda_sql import APPLICATION, check_posting, required_time
from desktop.storage.pipeline_sql import stored_time
from desktop.storage.record_errors import InterviewMissing

INTERVIEW_COLUMNS = (
    "i.id, i.posting_id, i.kind, i.starts_at, i.ends_at, i.time_zone, i.place, i.interviewers, "
    "i.prep_notes, i.outcome, i.uid"
)


def interview_of(row: tuple) -> Interview:  # type: ignore[type-arg]
    ident, posting_id, kind, starts, ends, zone, place, people, prep, outcome, uid = row
    return Interview(
        ident,
        posting_id,
        kind,
        required_time(starts),
        readable_datetime(ends),
        zone,
        place,
        tuple(name for name in people.split("\n") if name),
        prep,
        outcome,
        uid,
    )


# The fields a user edits, in the order both writes below bind them.
_EDITABLE = (
    "kind",
    "starts_at",
    "ends_at",
    "time_zone",
    "place",
    "interviewers",
    "prep_notes",
    "outcome",
)


def _editable_values(interview: Interview) -> tuple[object, ...]:
    """``interview``'s editable fields as stored, in ``_EDITABLE``'s order."""
    return (
        interview.kind,
        stored_time(interview.starts_at),
        stored_time(interview.ends_at) if interview.ends_at else None,
        interview.time_zone,
        interview.place,
        "\n".join(interview.interviewers),
        interview.prep_notes,
        interview.outcome,
    )


def insert_interview(conn: sqlite3.Connection, interview: Interview, now: datetime) -> int:
    """Store ``interview`` (its id is ignored); returns the new id. Raises PostingMissing."""
    check_posting(conn, interview.posting_id)
    columns = ("posting_id", *_EDITABLE, "uid", "created_at", "updated_at")
    cursor = conn.execute(
        f"INSERT INTO interviews ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        (
            interview.posting_id,
            *_editable_values(interview),
            interview.uid,
            stored_time(now),
            stored_time(now),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def update_interview(conn: sqlite3.Connection, interview: Interview, now: datetime) -> None:
    """Replace the stored fields of ``interview.id`` (its posting and uid stay)."""
    assignments = ", ".join(f"{column} = ?" for column in (*_EDITABLE, "updated_at"))
    cursor = conn.execute(
        f"UPDATE interviews SET {assignments} WHERE id = ?",
        (*_editable_values(interview), stored_time(now), interview.id),
    )
    if cursor.rowcount == 0:
        raise InterviewMissing(f"There is no interview with id {interview.id}.")


def get_interview(conn: sqlite3.Connection, interview_id: int) -> Interview:
    row = conn.execute(
        f"SELECT {INTERVIEW_COLUMNS} FROM interviews AS i WHERE i.id = ?", (interview_id,)
    ).fetchone()
    if row is None:
        raise InterviewMissing(f"There is no interview with id {interview_id}.")
    return interview_of(row)


def delete_interview(conn: sqlite3.Connection, interview_id: int) -> Interview:
    """Remove an interview; returns what it was (for undo)."""
    interview = get_interview(conn, interview_id)
    conn.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))
    return interview


def restore_interview(conn: sqlite3.Connection, interview: Interview, now: datetime) -> None:
    """Put back a deleted interview with its own id and uid (undo)."""
    check_posting(conn, interview.posting_id)
    new_id = insert_interview(conn, interview, now)
    conn.execute("UPDATE interviews SET id = ? WHERE id = ?", (interview.id, new_id))


def interviews_of(conn: sqlite3.Connection, posting_id: int) -> list[Interview]:
    rows = conn.execute(
        f"SELECT {INTERVIEW_COLUMNS} FROM interviews AS i WHERE i.posting_id = ? "
        "ORDER BY i.starts_at, i.id",
        (posting_id,),
    )
    return [interview_of(row) for row in rows]


def interviews_between(
    conn: sqlite3.Connection, start: datetime | None, end: datetime | None
) -> list[tuple[Interview, str]]:
    """Interviews starting in [start, end) (None: unbounded), with their application's name."""
    clauses, values = [], []
    if start is not None:
        clauses.append("i.starts_at >= ?")
        values.append(stored_time(start))
    if end is not None:
        clauses.append("i.starts_at < ?")
        values.append(stored_time(end))
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(
        f"SELECT {INTERVIEW_COLUMNS}, {APPLICATION} FROM interviews AS i "
        "JOIN postings AS p ON p.id = i.posting_id LEFT JOIN companies AS c "
        f"ON c.id = p.company_id {where} ORDER BY i.starts_at, i.id",
        values,
    )
    return [(interview_of(row[:-1]), row[-1]) for row in rows]
