"""Tasks and follow-ups: due on a day (and, when given, at a time), done or not, about one
application or about none.

A change returns ``Changes(tasks={posting id})``; a task of no application is reported under
``FREE`` (0, never a posting id) so the agenda still hears of it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from desktop.core.agenda import MAX_TITLE, Task
from desktop.core.bounds import datetime_problem
from desktop.core.text import without_invisible
from desktop.core.zones import UnknownZone, zone_named
from desktop.services.changes import Changes, Result
from desktop.services.errors import Invalid, NotFound
from desktop.services.library import Library
from desktop.services.postings import PostingNotFound
from desktop.storage import agenda_transfer, record_errors, task_rows

FREE = 0  # the id a task of no application is reported under in ``Changes.tasks``


class TaskNotFound(NotFound):
    """No task with that id (deleted since, say)."""


def changes_for(*tasks: Task) -> Changes:
    return Changes(tasks=frozenset(t.posting_id or FREE for t in tasks))


def new_task(
    posting_id: int | None,
    title: str,
    due_on: date,
    *,
    at: time | None = None,
    time_zone: str,
) -> Task:
    """A task not stored yet, due on ``due_on`` (at ``at`` when given) in ``time_zone``.
    Raises Invalid for an empty or overlong title or an unknown zone."""
    title = " ".join(without_invisible(title).split())
    if not title:
        raise Invalid("A task needs a title (what is to be done).")
    if len(title) > MAX_TITLE:
        raise Invalid(f"A task's title is longer than {MAX_TITLE} characters.")
    try:
        zone = zone_named(time_zone)
    except UnknownZone as error:
        raise Invalid(f"{error}.") from None
    due_at = None
    if at is not None:
        due_at = datetime.combine(due_on, at, zone)
        problem = datetime_problem(due_at, "The due time")
        if problem is not None:
            raise Invalid(f"{problem}.")
    if not 1900 <= due_on.year <= 9999:
        raise Invalid("The due day must be in the years 1900 to 9999.")
    return Task(0, posting_id, title, due_on, due_at, time_zone, None, f"{uuid.uuid4()}@jobdeck")


def parse_due(text: str, time_zone: str) -> tuple[date, time | None]:
    """``DATE`` or ``DATETHH:MM`` as typed (``2026-12-04``, ``2026-12-04T09:30``). Raises
    Invalid naming what was wrong."""
    day_text, _, time_text = text.strip().partition("T")
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        raise Invalid(f"{text!r} is not a due date (YYYY-MM-DD or YYYY-MM-DDTHH:MM).") from None
    if not time_text:
        return day, None
    try:
        at = time.fromisoformat(time_text)
    except ValueError:
        raise Invalid(f"{text!r} has no time of day that can be read (HH:MM).") from None
    if at.tzinfo is not None:
        # Given with an offset: the day and time as they are in the task's own zone.
        moment = datetime.combine(day, at).astimezone(zone_named(time_zone))
        return moment.date(), moment.time().replace(tzinfo=None)
    return day, at


def add_task(db: Library, task: Task, *, now: datetime | None = None) -> Result[int]:
    """Store a new task; the value is its id. Raises PostingNotFound."""
    with db.plain_writing() as connection:
        try:
            task_id = task_rows.insert_task(connection, task, now or _now())
        except record_errors.PostingMissing as error:
            raise PostingNotFound(str(error)) from None
    return Result(task_id, changes_for(task))


def add_tasks(
    db: Library, new: Sequence[Task], *, now: datetime | None = None
) -> Result[list[int]]:
    """Store many tasks in one transaction (all or none); the value is their ids, in order.
    Raises PostingNotFound naming the first missing posting."""
    when = now or _now()
    with db.plain_writing() as connection:
        try:
            ids = [task_rows.insert_task(connection, task, when) for task in new]
        except record_errors.PostingMissing as error:
            raise PostingNotFound(str(error)) from None
    return Result(ids, changes_for(*new))


def set_done(
    db: Library, task_id: int, done: bool = True, *, now: datetime | None = None
) -> Result[Task]:
    """Tick a task done (or undone); the value is the task as it was. Raises TaskNotFound."""
    with db.plain_writing() as connection:
        try:
            before = task_rows.set_task_done(connection, task_id, (now or _now()) if done else None)
        except record_errors.TaskMissing as error:
            raise TaskNotFound(str(error)) from None
    return Result(before, changes_for(before))


def reschedule(
    db: Library, task_id: int, due_on: date, *, seen_in: tzinfo | None = None
) -> Result[Task]:
    """Move a task to another day, keeping its time of day in its own zone; the value is the
    task as it was (``restore_due`` puts it back). ``due_on`` is a day in the task's own zone,
    or, with ``seen_in``, the day in that zone (the user's) it is to fall on: a task due at
    08:00 Tokyo time, seen in Paris on the evening before, moved to Friday in Paris is due at
    08:00 Tokyo time on Saturday. Raises TaskNotFound, Invalid."""
    if not 1900 <= due_on.year <= 9999:
        raise Invalid("The due day must be in the years 1900 to 9999.")
    with db.plain_writing() as connection:
        try:
            task = task_rows.get_task(connection, task_id)
            due_at = None
            if task.due_at is not None:
                zone = zone_named(task.time_zone)
                if seen_in is not None:  # as many days on as the user's day moves
                    shown_on = task.due_at.astimezone(seen_in).date()
                    due_on = _moved(task.due_on, due_on - shown_on)
                due_at = datetime.combine(due_on, task.due_at.astimezone(zone).time(), zone)
            before = task_rows.set_task_due(connection, task_id, due_on, due_at)
        except record_errors.TaskMissing as error:
            raise TaskNotFound(str(error)) from None
    return Result(before, changes_for(before))


def _moved(day: date, by: timedelta) -> date:
    try:
        moved = day + by
    except OverflowError:
        raise Invalid("The due day must be in the years 1900 to 9999.") from None
    if not 1900 <= moved.year <= 9999:
        raise Invalid("The due day must be in the years 1900 to 9999.")
    return moved


def shift(db: Library, task_id: int, days: int) -> Result[Task]:
    """Move a task ``days`` days later (earlier when negative)."""
    task = get_task(db, task_id)
    try:
        return reschedule(db, task_id, task.due_on + timedelta(days=days))
    except OverflowError:
        raise Invalid("The due day must be in the years 1900 to 9999.") from None


def restore_due(db: Library, task: Task) -> Changes:
    """Give a task back the day and time it had (undo of a reschedule)."""
    with db.plain_writing() as connection:
        try:
            task_rows.set_task_due(connection, task.id, task.due_on, task.due_at)
        except record_errors.TaskMissing as error:
            raise TaskNotFound(str(error)) from None
    return changes_for(task)


def restore_done(db: Library, task: Task) -> Changes:
    """Give a task back the done state it had (undo of a tick)."""
    with db.plain_writing() as connection:
        try:
            task_rows.set_task_done(connection, task.id, task.done_at)
        except record_errors.TaskMissing as error:
            raise TaskNotFound(str(error)) from None
    return changes_for(task)


def delete_task(db: Library, task_id: int) -> Result[Task]:
    with db.plain_writing() as connection:
        try:
            gone = task_rows.delete_task(connection, task_id)
        except record_errors.TaskMissing as error:
            raise TaskNotFound(str(error)) from None
    return Result(gone, changes_for(gone))


def restore_task(db: Library, task: Task) -> Changes:
    with db.plain_writing() as connection:
        try:
            task_rows.restore_task(connection, task, _now())
        except record_errors.PostingMissing as error:
            raise PostingNotFound(str(error)) from None
    return changes_for(task)


def get_task(db: Library, task_id: int) -> Task:
    with db.querying() as connection:
        try:
            return task_rows.get_task(connection, task_id)
        except record_errors.TaskMissing as error:
            raise TaskNotFound(str(error)) from None


def tasks_of(db: Library, posting_id: int) -> list[Task]:
    with db.querying() as connection:
        return task_rows.tasks_of(connection, posting_id)


def _now() -> datetime:
    return datetime.now(UTC)


def import_free_tasks(
    db: Library, found: Sequence[Task], *, now: datetime | None = None
) -> Result[int]:
    """Add tasks of no application read from an export (its library record); one whose UID
    the library has already is left as it is. The value is how many were added."""
    with db.plain_writing() as connection:
        added = agenda_transfer.import_agenda(connection, None, (), found, now or _now())
    return Result(added, Changes(tasks=frozenset({FREE})) if added else Changes())
