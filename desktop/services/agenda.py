"""The agenda: what is due, grouped as overdue, today, this week and later; the badges the
list and the board show; the agenda's settings.

Every read takes ``now`` and the zone days are counted in, so the window, the command line and
the tests decide "overdue" and "today" the same way (tests pass their own clock).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, timedelta, tzinfo

from desktop.core.agenda import (
    AgendaItem,
    AgendaSettings,
    Bucket,
    ItemKind,
    Task,
    grouped,
    local_day,
)
from desktop.core.stages import FIRST_STAGE
from desktop.services.changes import Changes
from desktop.services.errors import Invalid
from desktop.services.library import Library
from desktop.storage import agenda_sql, pipeline_sql, record_errors

# Past interviews stay on the agenda for the rest of their day; done tasks for the day they
# were ticked (struck through), so a tick by mistake is seen and undone.
SETTINGS_CHANGED = Changes(tasks=frozenset({0}), interviews=frozenset({0}))


@dataclass(frozen=True)
class Agenda:
    now: datetime
    groups: dict[Bucket, list[AgendaItem]]

    def items(self) -> list[AgendaItem]:
        return [item for bucket in Bucket for item in self.groups[bucket]]


def agenda(db: Library, now: datetime, zone: tzinfo, *, days: int | None = None) -> Agenda:
    """Open tasks (and those ticked done today), interviews from today on, and the deadlines
    of postings not yet applied to, grouped by bucket. With ``days``, only what falls within
    the next ``days`` days (the overdue always)."""
    today = local_day(now, zone)
    start_of_day = datetime.combine(today, datetime.min.time(), zone)
    until = today + timedelta(days=days) if days is not None else None
    with db.querying() as connection:
        items = [
            _task_item(task, name, zone)
            for task, name in agenda_sql.open_tasks(
                connection, due_by=until, done_since=start_of_day
            )
            if until is None or task.due_on <= until
        ]
        end = None
        if until is not None:
            end = datetime.combine(until + timedelta(days=1), datetime.min.time(), zone)
        items += [
            AgendaItem(
                ItemKind.INTERVIEW,
                interview.id,
                interview.posting_id,
                f"{interview.kind_title} interview",
                name,
                local_day(interview.starts_at, zone),
                interview.starts_at,
            )
            for interview, name in agenda_sql.interviews_between(connection, start_of_day, end)
        ]
        items += [
            item
            for item in _deadlines(connection, today - timedelta(days=7))
            if until is None or item.day <= until
        ]
    return Agenda(now, grouped(items, now, zone))


def _task_item(task: Task, name: str, zone: tzinfo) -> AgendaItem:
    day = local_day(task.due_at, zone) if task.due_at is not None else task.due_on
    return AgendaItem(
        ItemKind.TASK, task.id, task.posting_id, task.title, name, day, task.due_at, task.done
    )


def _deadlines(connection: sqlite3.Connection, since: date) -> list[AgendaItem]:
    try:
        first = pipeline_sql.stage_named(connection, FIRST_STAGE)
    except record_errors.StageMissing:
        return []  # renamed: no stage is "not yet applied to" by that name
    return agenda_sql.deadlines(connection, first.id, since)


def badges(db: Library, now: datetime, zone: tzinfo) -> dict[int, Bucket]:
    """Applications with something overdue (Bucket.OVERDUE) or due today (Bucket.TODAY): an
    open task, an interview today. Reads only what is due by today."""
    today = local_day(now, zone)
    start, end = (
        datetime.combine(d, datetime.min.time(), zone) for d in (today, today + timedelta(days=1))
    )
    found: dict[int, Bucket] = {}
    with db.querying() as connection:
        items = [
            _task_item(task, name, zone)
            for task, name in agenda_sql.open_tasks(connection, due_by=today + timedelta(days=1))
            if task.posting_id is not None
        ]
        items += [
            AgendaItem(ItemKind.INTERVIEW, i.id, i.posting_id, "", "", today, i.starts_at)
            for i, _name in agenda_sql.interviews_between(connection, start, end)
        ]
    for bucket, listed in grouped(items, now, zone).items():
        if bucket in (Bucket.OVERDUE, Bucket.TODAY):
            for item in listed:
                if item.posting_id is not None and found.get(item.posting_id) is not Bucket.OVERDUE:
                    found[item.posting_id] = bucket
    return found


def application_name(db: Library, posting_id: int | None) -> str:
    """ "Company — Title" of a posting, as the agenda names it ("" for none)."""
    with db.querying() as connection:
        return agenda_sql.application_name(connection, posting_id)


# -- settings ------------------------------------------------------------------------------------


def settings(db: Library) -> AgendaSettings:
    """The library's agenda settings (defaults for any never set)."""
    with db.querying() as connection:
        stored = agenda_sql.read_settings(connection)
    values: dict[str, object] = {}
    for field in fields(AgendaSettings):
        text = stored.get(field.name)
        if text is None:
            continue
        try:
            number = int(text)
        except ValueError:
            continue  # a value no Jobdeck wrote: the default stands
        values[field.name] = bool(number) if field.type in ("bool", bool) else number
    return replace(AgendaSettings(), **values)  # type: ignore[arg-type]


def save_settings(db: Library, new: AgendaSettings) -> Changes:
    """Store the agenda settings. Raises Invalid for a number of days or minutes out of range."""
    for name, value, low, high in (
        ("the minutes before an interview", new.interview_lead_minutes, 0, 24 * 60),
        ("the days after Applied", new.follow_up_days, 1, 365),
        ("the days of silence", new.ghosted_days, 1, 365),
    ):
        if not low <= value <= high:
            raise Invalid(f"{name.capitalize()} must be between {low} and {high}.")
    with db.plain_writing() as connection:
        agenda_sql.write_settings(connection, new)
    return SETTINGS_CHANGED
