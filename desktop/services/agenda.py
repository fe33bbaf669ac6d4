"""The agenda: what is due, grouped as overdue, today, this week and later; the badges the
list and the board show; the agenda's settings.

Every read takes ``now`` and the zone days are counted in, so the window, the command line and
the tests decide "overdue" and "today" the same way (tests pass their own clock).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time, timedelta, tzinfo

from desktop.core.agenda import (
    AgendaItem,
    AgendaSettings,
    Bucket,
    ItemKind,
    Task,
    bucket_of,
    grouped,
    local_day,
    sort_value,
)
from desktop.core.bounds import readable_datetime
from desktop.core.stages import FIRST_STAGE
from desktop.services.changes import Changes
from desktop.services.errors import Invalid
from desktop.services.library import Library
from desktop.storage import agenda_sql, interview_rows, task_rows

# Past interviews stay on the agenda for the rest of their day; done tasks for the day they
# were ticked (struck through), so a tick by mistake is seen and undone.
PAGE = 40  # tasks a section of the agenda page reads at once (a screen holds about 30 rows)
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
            for task, name in task_rows.open_tasks(
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
            for interview, name in interview_rows.interviews_between(connection, start_of_day, end)
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


def _deadlines(
    connection: sqlite3.Connection, since: date, until: date | None = None
) -> list[AgendaItem]:
    first = agenda_sql.stage_id_named(connection, FIRST_STAGE)
    if first is None:
        return []  # renamed: no stage is "not yet applied to" by that name
    return agenda_sql.deadlines(connection, first, since, until)


def badges(db: Library, now: datetime, zone: tzinfo) -> dict[int, Bucket]:
    """Applications with something overdue (Bucket.OVERDUE) or due today (Bucket.TODAY): an
    open task, an interview today. Reads only the ids and due times of what is due by today
    (a query on the tasks' index, not the tasks)."""
    today = local_day(now, zone)
    start, end = (datetime.combine(d, time(0), zone) for d in (today, today + timedelta(days=1)))
    found: dict[int, Bucket] = {}
    with db.querying() as connection:
        for posting_id, due_on, due_at in task_rows.open_task_postings(connection, today):
            instant = readable_datetime(due_at)
            late = due_on < today.isoformat() or (instant is not None and instant < now)
            if late:
                found[posting_id] = Bucket.OVERDUE
            elif found.get(posting_id) is not Bucket.OVERDUE:
                found[posting_id] = Bucket.TODAY
        for interview, _name in interview_rows.interviews_between(connection, start, end):
            found.setdefault(interview.posting_id, Bucket.TODAY)
    return found


class AgendaReader:
    """The agenda a page at a time, for the window: every section starts with at most
    ``page`` tasks (and the interviews and deadlines among them) and reads more when the user
    scrolls to its end, so a library with 20,000 tasks paints as fast as one with 20. Later
    interviews and deadlines are read a range of days at a time, as the tasks reach them.

    The overdue section lists the most recent first (what was missed today, then yesterday
    ...); the others list the earliest first. A task's section is decided by its due day and,
    today, by its time: one due at 09:00 is overdue from 09:00.
    """

    def __init__(self, db: Library, now: datetime, zone: tzinfo, page: int = PAGE) -> None:
        self._db, self.now, self.zone, self._page = db, now, zone, page
        self.today = local_day(now, zone)
        self._offsets = dict.fromkeys(Bucket, 0)
        self._done: set[Bucket] = set()
        self._waiting: dict[Bucket, list[AgendaItem]] = {b: [] for b in Bucket}
        self._later_from = self.today + timedelta(days=7)  # later's others not read before it

    def first(self) -> dict[Bucket, list[AgendaItem]]:
        """The first page of every section."""
        today, zone = self.today, self.zone
        with self._db.querying() as connection:
            # What is not paged waits for the page of tasks it sorts among: the tasks ticked
            # done today (few), the interviews and deadlines of the week ahead (and the
            # deadlines missed in the week before).
            start_of_day = datetime.combine(today, time(0), zone)
            items = [
                _task_item(t, name, zone)
                for t, name in task_rows.done_since(connection, start_of_day)
            ]
            items += self._others(connection, today - timedelta(days=7), self._later_from)
        groups = grouped(items, self.now, zone)
        groups[Bucket.OVERDUE].reverse()  # newest first
        self._waiting = groups
        return {bucket: self.more(bucket) for bucket in Bucket}

    def _others(
        self, connection: sqlite3.Connection, since: date, until: date | None
    ) -> list[AgendaItem]:
        """Interviews (from today on) and deadlines on the days in [since, until)."""
        zone = self.zone
        start = datetime.combine(max(since, self.today), time(0), zone)
        end = datetime.combine(until, time(0), zone) if until is not None else None
        found = [
            AgendaItem(
                ItemKind.INTERVIEW, i.id, i.posting_id, f"{i.kind_title} interview", name,
                local_day(i.starts_at, zone), i.starts_at,
            )
            for i, name in interview_rows.interviews_between(connection, start, end)
        ]  # fmt: skip
        return found + _deadlines(connection, since, until)

    def has_more(self, bucket: Bucket) -> bool:
        return bucket not in self._done or bool(self._waiting[bucket])

    def _tasks(self, connection: sqlite3.Connection, bucket: Bucket) -> list[tuple[Task, str]]:
        """The next page of the open tasks of ``bucket``."""
        today, now = self.today, self.now
        page = {"limit": self._page, "offset": self._offsets[bucket]}
        if bucket is Bucket.OVERDUE:
            return task_rows.overdue_tasks(connection, today, now, **page)
        if bucket is Bucket.TODAY:
            return task_rows.due_today(connection, today, now, **page)
        if bucket is Bucket.THIS_WEEK:
            return task_rows.tasks_between(connection, today, today + timedelta(days=7), **page)
        return task_rows.tasks_between(connection, today + timedelta(days=6), None, **page)

    def more(self, bucket: Bucket) -> list[AgendaItem]:
        """The next page of ``bucket`` (empty when it is all read)."""
        if bucket in self._done:
            page, self._waiting[bucket] = self._waiting[bucket], []
            return page
        newest_first = bucket is Bucket.OVERDUE
        with self._db.querying() as connection:
            rows = self._tasks(connection, bucket)
            self._offsets[bucket] += len(rows)
            tasks = [_task_item(t, name, self.zone) for t, name in rows]
            exhausted = len(rows) < self._page
            if bucket is Bucket.LATER:
                # The interviews and deadlines of the days these tasks reach (all, at the end).
                until = None if exhausted else tasks[-1].day
                if until is None or until > self._later_from:
                    self._waiting[bucket] += [
                        item
                        for item in self._others(connection, self._later_from, until)
                        if bucket_of(item, self.now, self.zone) is Bucket.LATER
                    ]
                    self._later_from = until or self._later_from
        if exhausted:
            self._done.add(bucket)
            merged = sorted([*tasks, *self._waiting[bucket]], key=sort_value, reverse=newest_first)
            self._waiting[bucket] = []
            return merged
        # The interviews and deadlines that sort before the last task read come with this page.
        last = sort_value(tasks[-1])
        waiting = self._waiting[bucket]
        if newest_first:
            now_shown = [i for i in waiting if sort_value(i) >= last]
        else:
            now_shown = [i for i in waiting if sort_value(i) <= last]
        shown = {id(i) for i in now_shown}
        self._waiting[bucket] = [i for i in waiting if id(i) not in shown]
        return sorted([*tasks, *now_shown], key=sort_value, reverse=newest_first)


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
