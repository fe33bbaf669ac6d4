"""Interviews, tasks and the agenda's bookkeeping in plain SQL on ``sqlite3``.

The agenda page paints from these reads and the command line's ``agenda``, ``task`` and
``interview`` commands write through them, without waiting for the ORM to load. Times are
stored as ``models.UtcDateTime`` stores them (fixed-width UTC ISO text), so they sort as text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime

from desktop.core.agenda import AgendaItem, AgendaSettings, Interview, ItemKind, Task
from desktop.core.bounds import readable_datetime
from desktop.storage.pipeline_sql import stored_time
from desktop.storage.record_errors import InterviewMissing, PostingMissing, TaskMissing

# "Company — Title" for a posting, or its title alone when it has no company.
_APPLICATION = (
    "CASE WHEN c.name IS NULL OR c.name = '' THEN p.title ELSE c.name || ' — ' || p.title END"
)
_INTERVIEW_COLUMNS = (
    "i.id, i.posting_id, i.kind, i.starts_at, i.ends_at, i.time_zone, i.place, i.interviewers, "
    "i.prep_notes, i.outcome, i.uid"
)
_TASK_COLUMNS = "t.id, t.posting_id, t.title, t.due_on, t.due_at, t.time_zone, t.done_at, t.uid"


def _required_time(text: str) -> datetime:
    value = readable_datetime(text)
    assert value is not None, f"unreadable stored time {text!r}"
    return value


def _interview(row: tuple) -> Interview:  # type: ignore[type-arg]
    ident, posting_id, kind, starts, ends, zone, place, people, prep, outcome, uid = row
    return Interview(
        ident,
        posting_id,
        kind,
        _required_time(starts),
        readable_datetime(ends),
        zone,
        place,
        tuple(name for name in people.split("\n") if name),
        prep,
        outcome,
        uid,
    )


def _task(row: tuple) -> Task:  # type: ignore[type-arg]
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


def _check_posting(conn: sqlite3.Connection, posting_id: int | None) -> None:
    if posting_id is None:
        return
    if conn.execute("SELECT 1 FROM postings WHERE id = ?", (posting_id,)).fetchone() is None:
        raise PostingMissing(f"There is no posting with id {posting_id}.")


def application_name(conn: sqlite3.Connection, posting_id: int | None) -> str:
    """ "Company — Title" of a posting ("" for None or a posting that is gone)."""
    if posting_id is None:
        return ""
    row = conn.execute(
        f"SELECT {_APPLICATION} FROM postings AS p LEFT JOIN companies AS c "
        "ON c.id = p.company_id WHERE p.id = ?",
        (posting_id,),
    ).fetchone()
    return row[0] if row else ""


# -- interviews --------------------------------------------------------------------------------


def insert_interview(conn: sqlite3.Connection, interview: Interview, now: datetime) -> int:
    """Store ``interview`` (its id is ignored); returns the new id. Raises PostingMissing."""
    _check_posting(conn, interview.posting_id)
    cursor = conn.execute(
        "INSERT INTO interviews (posting_id, kind, starts_at, ends_at, time_zone, place, "
        "interviewers, prep_notes, outcome, uid, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            interview.posting_id,
            interview.kind,
            stored_time(interview.starts_at),
            stored_time(interview.ends_at) if interview.ends_at else None,
            interview.time_zone,
            interview.place,
            "\n".join(interview.interviewers),
            interview.prep_notes,
            interview.outcome,
            interview.uid,
            stored_time(now),
            stored_time(now),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def update_interview(conn: sqlite3.Connection, interview: Interview, now: datetime) -> None:
    """Replace the stored fields of ``interview.id`` (its posting and uid stay)."""
    cursor = conn.execute(
        "UPDATE interviews SET kind = ?, starts_at = ?, ends_at = ?, time_zone = ?, place = ?, "
        "interviewers = ?, prep_notes = ?, outcome = ?, updated_at = ? WHERE id = ?",
        (
            interview.kind,
            stored_time(interview.starts_at),
            stored_time(interview.ends_at) if interview.ends_at else None,
            interview.time_zone,
            interview.place,
            "\n".join(interview.interviewers),
            interview.prep_notes,
            interview.outcome,
            stored_time(now),
            interview.id,
        ),
    )
    if cursor.rowcount == 0:
        raise InterviewMissing(f"There is no interview with id {interview.id}.")


def get_interview(conn: sqlite3.Connection, interview_id: int) -> Interview:
    row = conn.execute(
        f"SELECT {_INTERVIEW_COLUMNS} FROM interviews AS i WHERE i.id = ?", (interview_id,)
    ).fetchone()
    if row is None:
        raise InterviewMissing(f"There is no interview with id {interview_id}.")
    return _interview(row)


def delete_interview(conn: sqlite3.Connection, interview_id: int) -> Interview:
    """Remove an interview; returns what it was (for undo)."""
    interview = get_interview(conn, interview_id)
    conn.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))
    return interview


def restore_interview(conn: sqlite3.Connection, interview: Interview, now: datetime) -> None:
    """Put back a deleted interview with its own id and uid (undo)."""
    _check_posting(conn, interview.posting_id)
    new_id = insert_interview(conn, interview, now)
    conn.execute("UPDATE interviews SET id = ? WHERE id = ?", (interview.id, new_id))


def interviews_of(conn: sqlite3.Connection, posting_id: int) -> list[Interview]:
    rows = conn.execute(
        f"SELECT {_INTERVIEW_COLUMNS} FROM interviews AS i WHERE i.posting_id = ? "
        "ORDER BY i.starts_at, i.id",
        (posting_id,),
    )
    return [_interview(row) for row in rows]


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
        f"SELECT {_INTERVIEW_COLUMNS}, {_APPLICATION} FROM interviews AS i "
        "JOIN postings AS p ON p.id = i.posting_id LEFT JOIN companies AS c "
        f"ON c.id = p.company_id {where} ORDER BY i.starts_at, i.id",
        values,
    )
    return [(_interview(row[:-1]), row[-1]) for row in rows]


# -- tasks ---------------------------------------------------------------------------------------


def insert_task(conn: sqlite3.Connection, task: Task, now: datetime) -> int:
    """Store ``task`` (its id is ignored); returns the new id. Raises PostingMissing."""
    _check_posting(conn, task.posting_id)
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
    row = conn.execute(f"SELECT {_TASK_COLUMNS} FROM tasks AS t WHERE t.id = ?", (task_id,))
    found = row.fetchone()
    if found is None:
        raise TaskMissing(f"There is no task with id {task_id}.")
    return _task(found)


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
        f"SELECT {_TASK_COLUMNS} FROM tasks AS t WHERE t.posting_id = ? ORDER BY t.due_on, t.id",
        (posting_id,),
    )
    return [_task(row) for row in rows]


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
        f"SELECT {_TASK_COLUMNS}, "
        f"CASE WHEN p.id IS NULL THEN '' ELSE {_APPLICATION} END FROM tasks AS t "
        "LEFT JOIN postings AS p ON p.id = t.posting_id "
        "LEFT JOIN companies AS c ON c.id = p.company_id "
        f"WHERE (t.done_at IS NULL{due}){done} ORDER BY t.due_on, t.id",
        values,
    )
    return [(_task(row[:-1]), row[-1]) for row in rows]


def tasks_between(
    conn: sqlite3.Connection,
    after: date | None,
    before: date | None,
    *,
    newest_first: bool = False,
    limit: int = -1,
    offset: int = 0,
) -> list[tuple[Task, str]]:
    """Open tasks due after ``after`` and before ``before`` (days, both excluded; None: no
    bound), a page of them: by day (``newest_first``: latest day first), within a day those
    with no time first, then by time. The (done_at, due_on) index finds the range."""
    clauses, values = ["t.done_at IS NULL"], []
    if after is not None:
        clauses.append("t.due_on > ?")
        values.append(after.isoformat())
    if before is not None:
        clauses.append("t.due_on < ?")
        values.append(before.isoformat())
    order = "DESC" if newest_first else ""
    rows = conn.execute(
        f"SELECT {_TASK_COLUMNS}, "
        f"CASE WHEN p.id IS NULL THEN '' ELSE {_APPLICATION} END FROM tasks AS t "
        "LEFT JOIN postings AS p ON p.id = t.posting_id "
        "LEFT JOIN companies AS c ON c.id = p.company_id "
        f"WHERE {' AND '.join(clauses)} "
        f"ORDER BY t.due_on {order}, t.due_at IS NOT NULL, t.due_at, t.id LIMIT ? OFFSET ?",
        [*values, limit, offset],
    )
    return [(_task(row[:-1]), row[-1]) for row in rows]


def done_since(conn: sqlite3.Connection, since: datetime) -> list[tuple[Task, str]]:
    """Tasks ticked done since ``since``."""
    rows = conn.execute(
        f"SELECT {_TASK_COLUMNS}, "
        f"CASE WHEN p.id IS NULL THEN '' ELSE {_APPLICATION} END FROM tasks AS t "
        "LEFT JOIN postings AS p ON p.id = t.posting_id "
        "LEFT JOIN companies AS c ON c.id = p.company_id "
        "WHERE t.done_at >= ? ORDER BY t.due_on, t.id",
        (stored_time(since),),
    )
    return [(_task(row[:-1]), row[-1]) for row in rows]


def open_task_postings(conn: sqlite3.Connection, due_by: date) -> list[tuple[int, str, str | None]]:
    """(posting id, due day, due instant as stored) of open tasks of applications due by
    ``due_by``: what the badges are made of, without reading whole tasks."""
    return list(
        conn.execute(
            "SELECT posting_id, due_on, due_at FROM tasks WHERE done_at IS NULL AND due_on <= ? "
            "AND posting_id IS NOT NULL",
            (due_by.isoformat(),),
        )
    )


def all_tasks(conn: sqlite3.Connection) -> list[tuple[Task, str]]:
    rows = conn.execute(
        f"SELECT {_TASK_COLUMNS}, "
        f"CASE WHEN p.id IS NULL THEN '' ELSE {_APPLICATION} END FROM tasks AS t "
        "LEFT JOIN postings AS p ON p.id = t.posting_id "
        "LEFT JOIN companies AS c ON c.id = p.company_id ORDER BY t.due_on, t.id"
    )
    return [(_task(row[:-1]), row[-1]) for row in rows]


# -- deadlines -----------------------------------------------------------------------------------


def deadlines(
    conn: sqlite3.Connection, stage_id: int, since: date, until: date | None = None
) -> list[AgendaItem]:
    """The "apply by" dates of postings in ``stage_id`` (not yet applied to) from ``since`` on
    (before ``until`` when given), found through the index on ``valid_through``.

    ``valid_through`` is the source's ISO text: a day, or a day and time."""
    bound, values = "", [since.isoformat()]
    if until is not None:
        bound = " AND p.valid_through < ?"
        values.append(until.isoformat())
    rows = conn.execute(
        f"SELECT p.id, p.valid_through, {_APPLICATION} FROM postings AS p "
        "INDEXED BY ix_postings_valid_through "
        "LEFT JOIN companies AS c ON c.id = p.company_id "
        f"WHERE p.valid_through >= ?{bound} AND p.stage_id = ?",
        [*values, stage_id],
    )
    found = []
    for posting_id, text, name in rows:
        day, at = _deadline(text)
        if day is None:
            continue
        found.append(
            AgendaItem(ItemKind.DEADLINE, posting_id, posting_id, "Apply by", name, day, at)
        )
    return found


def _deadline(text: str) -> tuple[date | None, datetime | None]:
    try:
        if len(text) == 10:
            return date.fromisoformat(text), None
        value = datetime.fromisoformat(text)
    except ValueError:
        return None, None
    if value.tzinfo is None:
        return value.date(), None
    return value.date(), value


# -- reminders, suggestions, settings ------------------------------------------------------------


def claim_reminders(conn: sqlite3.Connection, keys: Iterable[str], now: datetime) -> set[str]:
    """Record the reminders as shown; returns the keys that were not recorded before (the
    ones this caller shows). In a write transaction, so two windows never both show one."""
    claimed = set()
    for key in keys:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO fired_reminders (key, fired_at) VALUES (?, ?)",
            (key, stored_time(now)),
        )
        if cursor.rowcount == 1:
            claimed.add(key)
    return claimed


def fired(conn: sqlite3.Connection, keys: Iterable[str]) -> set[str]:
    wanted = list(keys)
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            key
            for (key,) in conn.execute(
                f"SELECT key FROM fired_reminders WHERE key IN ({marks})", chunk
            )
        )
    return found


def decided(conn: sqlite3.Connection) -> set[str]:
    return {key for (key,) in conn.execute("SELECT key FROM suggestion_decisions")}


def decide(conn: sqlite3.Connection, key: str, decision: str, now: datetime) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO suggestion_decisions (key, decision, decided_at) VALUES (?, ?, ?)",
        (key, decision, stored_time(now)),
    )


def undecide(conn: sqlite3.Connection, key: str) -> None:
    conn.execute("DELETE FROM suggestion_decisions WHERE key = ?", (key,))


def read_settings(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT name, value FROM agenda_settings"))


def write_settings(conn: sqlite3.Connection, settings: AgendaSettings) -> None:
    from dataclasses import asdict

    conn.executemany(
        "INSERT OR REPLACE INTO agenda_settings (name, value) VALUES (?, ?)",
        [(name, str(int(value))) for name, value in asdict(settings).items()],
    )


# -- what the suggestions are made from ----------------------------------------------------------


def latest_entries(
    conn: sqlite3.Connection,
    stage_ids: Iterable[int],
    entered_before: datetime,
    *,
    without_open_tasks: bool = False,
    quiet_since: datetime | None = None,
) -> list[tuple[int, int, datetime, str]]:
    """Postings in these stages that entered their stage before ``entered_before``: (posting
    id, that stage change's id, its time, the application's name). ``without_open_tasks``
    leaves out those with a task still to do; ``quiet_since`` those with an interview since."""
    ids = list(stage_ids)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    extra, values = "", [*ids, stored_time(entered_before)]
    if without_open_tasks:
        extra += (
            " AND NOT EXISTS (SELECT 1 FROM tasks AS t WHERE t.posting_id = p.id"
            " AND t.done_at IS NULL)"
        )
    if quiet_since is not None:
        extra += (
            " AND NOT EXISTS (SELECT 1 FROM interviews AS i WHERE i.posting_id = p.id"
            " AND i.starts_at >= ?)"
        )
        values.append(stored_time(quiet_since))
    rows = conn.execute(
        f"SELECT p.id, sc.id, sc.at, {_APPLICATION} FROM postings AS p "
        "JOIN stage_changes AS sc ON sc.id = (SELECT id FROM stage_changes "
        "WHERE posting_id = p.id AND stage_id = p.stage_id ORDER BY at DESC, id DESC LIMIT 1) "
        "LEFT JOIN companies AS c ON c.id = p.company_id "
        f"WHERE p.stage_id IN ({marks}) AND sc.at < ?{extra}",
        values,
    )
    return [
        (posting_id, change_id, at, name)
        for posting_id, change_id, stored, name in rows
        if (at := readable_datetime(stored)) is not None
    ]


def postings_with_open_tasks(conn: sqlite3.Connection) -> set[int]:
    return {
        posting_id
        for (posting_id,) in conn.execute(
            "SELECT DISTINCT posting_id FROM tasks WHERE done_at IS NULL AND posting_id IS NOT NULL"
        )
    }


def latest_interviews(conn: sqlite3.Connection) -> dict[int, datetime]:
    """The start of each application's latest interview."""
    return {
        posting_id: at
        for posting_id, stored in conn.execute(
            "SELECT posting_id, max(starts_at) FROM interviews GROUP BY posting_id"
        )
        if (at := readable_datetime(stored)) is not None
    }


def stage_id_named(conn: sqlite3.Connection, name: str) -> int | None:
    """The id of the stage in use with this name (any case), without counting its postings."""
    wanted = name.casefold()
    for stage_id, stage in conn.execute("SELECT id, name FROM stages WHERE NOT archived"):
        if " ".join(stage.split()).casefold() == wanted:
            return int(stage_id)
    return None


# -- the JSON round trip -------------------------------------------------------------------------


def by_posting(conn: sqlite3.Connection) -> dict[int, tuple[list[Interview], list[Task]]]:
    """Every application's interviews and tasks (for an export), by posting id."""
    found: dict[int, tuple[list[Interview], list[Task]]] = {}
    for row in conn.execute(
        f"SELECT {_INTERVIEW_COLUMNS} FROM interviews AS i ORDER BY i.starts_at, i.id"
    ):
        found.setdefault(row[1], ([], []))[0].append(_interview(row))
    for row in conn.execute(
        f"SELECT {_TASK_COLUMNS} FROM tasks AS t WHERE t.posting_id IS NOT NULL "
        "ORDER BY t.due_on, t.id"
    ):
        found.setdefault(row[1], ([], []))[1].append(_task(row))
    return found


def import_agenda(
    conn: sqlite3.Connection,
    posting_id: int,
    interviews: Iterable[Interview],
    tasks: Iterable[Task],
    now: datetime,
) -> None:
    """Add an imported application's interviews and tasks; one whose UID the library already
    has is left as it is (importing an export twice adds nothing twice)."""
    for interview in interviews:
        if _uid_taken(conn, "interviews", interview.uid):
            continue
        insert_interview(conn, replace(interview, posting_id=posting_id), now)
    for task in tasks:
        if _uid_taken(conn, "tasks", task.uid):
            continue
        insert_task(conn, replace(task, posting_id=posting_id), now)


def _uid_taken(conn: sqlite3.Connection, table: str, uid: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE uid = ?", (uid,)).fetchone() is not None
