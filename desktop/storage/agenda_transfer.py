"""Interviews and tasks in the JSON round trip: read whole for an export, added by UID on an
import (importing an export twice adds nothing twice)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from desktop.core.agenda import Interview, Task
from desktop.storage.interview_rows import INTERVIEW_COLUMNS, insert_interview, interview_of
from desktop.storage.task_rows import TASK_COLUMNS, insert_task, task_of


def by_posting(conn: sqlite3.Connection) -> dict[int, tuple[list[Interview], list[Task]]]:
    """Every application's interviews and tasks (for an export), by posting id."""
    found: dict[int, tuple[list[Interview], list[Task]]] = {}
    for row in conn.execute(
        f"SELECT {INTERVIEW_COLUMNS} FROM interviews AS i ORDER BY i.starts_at, i.id"
    ):
        found.setdefault(row[1], ([], []))[0].append(interview_of(row))
    for row in conn.execute(
        f"SELECT {TASK_COLUMNS} FROM tasks AS t WHERE t.posting_id IS NOT NULL "
        "ORDER BY t.due_on, t.id"
    ):
        found.setdefault(row[1], ([], []))[1].append(task_of(row))
    return found


def free_tasks(conn: sqlite3.Connection) -> list[Task]:
    """The tasks of no application (for an export), by due day."""
    rows = conn.execute(
        f"SELECT {TASK_COLUMNS} FROM tasks AS t WHERE t.posting_id IS NULL ORDER BY t.due_on, t.id"
    )
    return [task_of(row) for row in rows]


def import_agenda(
    conn: sqlite3.Connection,
    posting_id: int | None,
    interviews: Iterable[Interview],
    tasks: Iterable[Task],
    now: datetime,
) -> int:
    """Add an imported application's interviews and tasks; one whose UID the library already
    has is left as it is (importing an export twice adds nothing twice). Returns how many
    were added."""
    added = 0
    for interview in interviews:
        if _uid_taken(conn, "interviews", interview.uid):
            continue
        insert_interview(conn, replace(interview, posting_id=posting_id), now)
        added += 1
    for task in tasks:
        if _uid_taken(conn, "tasks", task.uid):
            continue
        insert_task(conn, replace(task, posting_id=posting_id), now)
        added += 1
    return added


def _uid_taken(conn: sqlite3.Connection, table: str, uid: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE uid = ?", (uid,)).fetchone() is not None
