"""Tasks in plain SQL on ``sqlite3``: written one at a time, read by application, by day range
a page at a time (the agenda page), or whole (the calendar export)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from desktop.core.agenda import Task
from desktop.core.bounds import readable_datetime
from desktop.storage.agenda_sql import APPLICATION, check_posting
from desktop.storage.pipeline_sql import stored_time
from desktop.storage.record_errors import TaskMissing

TASK_COLUMNS = "t.id, t.posting_id, t.title, t.due_on, t.due_at, t.time_zone, t.done_at, t.uid"


def task_of(row: tuple) -> Task:  # type: ignore[type-arg]
    ident, posting_id, title, due_on, due_at, zone, done_at, uid = row
    return Task(
        ident,
        posting_id,
        title,
        date.fromisoformat(due_on),
        readable_datetime(due_at),
        zone,
        readable_datetime(done_at),
        uid,
    )


def insert_task(conn: sqlite3.Connection, task: Task, now: datetime) -> int:
    """Store ``task`` (its id is ignored); returns the new id. Raises PostingMissing."""
    check_posting(conn, task.posting_id)
    cursor = conn.execute(
        "INSERT INTO tasks (posting_id, title, due_on, due_at, time_zone, done_at, uid, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            task.posting_id,
            task.title,
            task.due_on.isoformat(),
            stored_time(task.due_at) if task.due_at else None,
            task.time_zone,
            stored_time(task.done_at) if task.done_at else None,
            task.uid,
            stored_time(now),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def get_task(conn: sqlite3.Connection, task_id: int) -> Task:
    row = conn.execute(f"SELECT {TASK_COLUMNS} FROM tasks AS t WHERE t.id = ?", (task_id,))
    found = row.fetchone()
    if found is None:
        raise TaskMissing(f"There is no task with id {task_id}.")
    return task_of(found)


def set_task_done(conn: sqlite3.Connection, task_id: int, done_at: datetime | None) -> Task:
    """Tick a task done (or, with None, undone); returns it as it was before."""
    before = get_task(conn, task_id)
    conn.execute(
        "UPDATE tasks SET done_at = ? WHERE id = ?",
        (stored_time(done_at) if done_at else None, task_id),
    )
    return before


def set_task_due(
    conn: sqlite3.Connection, task_id: int, due_on: date, due_at: datetime | None
) -> Task:
    """Move a task to another day (and time); returns it as it was before."""
    before = get_task(conn, task_id)
    conn.execute(
        "UPDATE tasks SET due_on = ?, due_at = ? WHERE id = ?",
        (due_on.isoformat(), stored_time(due_at) if due_at else None, task_id),
    )
    return before


def delete_task(conn: sqlite3.Connection, task_id: int) -> Task:
    task = get_task(conn, task_id)
    conn.execute("DELETE FROM tasks WHERE id = ?", (task_id,))
    return task


def restore_task(conn: sqlite3.Connection, task: Task, now: datetime) -> None:
    new_id = insert_task(conn, task, now)
    conn.execute("UPDATE tasks SET id = ? WHERE id = ?", (task.id, new_id))


def tasks_of(conn: sqlite3.Connection, posting_id: int) -> list[Task]:
    rows = conn.execute(
        f"SELECT {TASK_COLUMNS} FROM tasks AS t WHERE t.posting_id = ? ORDER BY t.due_on, t.id",
        (posting_id,),
    )
    return [task_of(row) for row in rows]


def open_tasks(
    conn: sqlite3.Connection,
    *,
    due_by: date | None = None,
    done_since: datetime | None = None,
    due_from: date | None = None,
) -> list[tuple[Task, str]]:
    """Tasks not done (due on or before ``due_by``, on or after ``due_from``, when given), and
    with ``done_since`` those ticked done since then too; each with its application's name."""
    due = "" if due_by is None else " AND t.due_on <= ?"
    values: list[str] = [] if due_by is None else [due_by.isoformat()]
    if due_from is not None:
        due += " AND t.due_on >= ?"
        values.append(due_from.isoformat())
    done = ""
    if done_since is not None:
        done = " OR t.done_at >= ?"
        values.append(stored_time(done_since))
    rows = conn.execute(
        f"SELECT {TASK_COLUMNS}, "
        f"CASE WHEN p.id IS NULL THEN '' ELSE {APPLICATION} END FROM tasks AS t "
        "LEFT JOIN postings AS p ON p.id = t.posting_id "
        "LEFT JOIN companies AS c ON c.id = p.company_id "
        f"WHERE (t.done_at IS NULL{due}){done} ORDER BY t.due_on, t.id",
        values,
    )
    return [(task_of(row[:-1]), row[-1]) for row in rows]


_WITH_NAME = (
    f"SELECT {TASK_COLUMNS}, CASE WHEN p.id IS NULL THEN '' ELSE {APPLICATION} END "
    "FROM tasks AS t LEFT JOIN postings AS p ON p.id = t.posting_id "
    "LEFT JOIN companies AS c ON c.id = p.company_id"
)
# The agenda reads open tasks as two streams, each in an order an index gives: those with no
# time by their day (a day is a day in any zone), those with a time by their instant (which
# day that is depends on the zone the user sees days in: services.agenda merges the two).
_BY_DAY = "t.due_on, t.id"
_BY_DAY_NEWEST = "t.due_on DESC, t.id DESC"
_BY_INSTANT = "t.due_at, t.id"
_BY_INSTANT_NEWEST = "t.due_at DESC, t.id DESC"


def _page(
    conn: sqlite3.Connection, where: str, values: list[str], order: str, limit: int, offset: int
) -> list[tuple[Task, str]]:
    rows = conn.execute(
        f"{_WITH_NAME} WHERE t.done_at IS NULL AND {where} ORDER BY {order} LIMIT ? OFFSET ?",
        [*values, limit, offset],
    )
    return [(task_of(row[:-1]), row[-1]) for row in rows]


def untimed_tasks(
    conn: sqlite3.Connection,
    after: date | None,
    before: date | None,
    *,
    newest_first: bool = False,
    limit: int = -1,
    offset: int = 0,
) -> list[tuple[Task, str]]:
    """Open tasks with no time of day, due after ``after`` and before ``before`` (days, both
    excluded; None: no bound), a page of them (``limit`` -1: all), by day and id
    (``newest_first``: the latest first). The (done_at, due_on) index finds the range."""
    clauses, values = ["t.due_at IS NULL"], []
    if after is not None:
        clauses.append("t.due_on > ?")
        values.append(after.isoformat())
    if before is not None:
        clauses.append("t.due_on < ?")
        values.append(before.isoformat())
    order = _BY_DAY_NEWEST if newest_first else _BY_DAY
    return _page(conn, " AND ".join(clauses), values, order, limit, offset)


def timed_tasks(
    conn: sqlite3.Connection,
    start: datetime | None,
    end: datetime | None,
    *,
    newest_first: bool = False,
    limit: int = -1,
    offset: int = 0,
) -> list[tuple[Task, str]]:
    """Open tasks with a time, due at or after ``start`` and before ``end`` (aware instants;
    None: no bound), a page of them (``limit`` -1: all), by instant and id (``newest_first``:
    the latest first). The (done_at, due_at) index finds the range."""
    clauses, values = ["t.due_at IS NOT NULL"], []
    if start is not None:
        clauses.append("t.due_at >= ?")
        values.append(stored_time(start))
    if end is not None:
        clauses.append("t.due_at < ?")
        values.append(stored_time(end))
    order = _BY_INSTANT_NEWEST if newest_first else _BY_INSTANT
    return _page(conn, " AND ".join(clauses), values, order, limit, offset)


def done_since(conn: sqlite3.Connection, since: datetime) -> list[tuple[Task, str]]:
    """Tasks ticked done since ``since``."""
    rows = conn.execute(
        f"SELECT {TASK_COLUMNS}, "
        f"CASE WHEN p.id IS NULL THEN '' ELSE {APPLICATION} END FROM tasks AS t "
        "LEFT JOIN postings AS p ON p.id = t.posting_id "
        "LEFT JOIN companies AS c ON c.id = p.company_id "
        "WHERE t.done_at >= ? ORDER BY t.due_on, t.id",
        (stored_time(since),),
    )
    return [(task_of(row[:-1]), row[-1]) for row in rows]


def open_task_postings(conn: sqlite3.Connection, due_by: date) -> list[tuple[int, str, str | None]]:
    """(posting id, due day, due instant as stored) of open tasks of applications due by
    ``due_by`` (the day in each task's own zone): what the badges are made of, without
    reading whole tasks."""
    return list(
        conn.execute(
            "SELECT posting_id, due_on, due_at FROM tasks WHERE done_at IS NULL AND due_on <= ? "
            "AND posting_id IS NOT NULL",
            (due_by.isoformat(),),
        )
    )


def all_tasks(conn: sqlite3.Connection) -> list[tuple[Task, str]]:
    rows = conn.execute(
        f"SELECT {TASK_COLUMNS}, "
        f"CASE WHEN p.id IS NULL THEN '' ELSE {APPLICATION} END FROM tasks AS t "
        "LEFT JOIN postings AS p ON p.id = t.posting_id "
        "LEFT JOIN companies AS c ON c.id = p.company_id ORDER BY t.due_on, t.id"
    )
    return [(task_of(row[:-1]), row[-1]) for row in rows]
