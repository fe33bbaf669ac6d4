"""The agenda: what is due, grouped as overdue, today, this week and later; the badges the
list and the board show; the agenda's settings.

Every read takes ``now`` and the zone days are counted in, so the window, the command line and
the tests decide "overdue" and "today" the same way (tests pass their own clock).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time, timedelta, tzinfo
from functools import partial

from desktop.core.agenda import (
    ZONE_DAYS,
    AgendaItem,
    AgendaSettings,
    Bucket,
    ItemKind,
    Task,
    bucket_of,
    day_bounds,
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
        # A timed task's day in ``zone`` may be up to ZONE_DAYS from its stored day.
        due_by = until + timedelta(days=ZONE_DAYS) if until is not None else None
        items = [
            item
            for item in (
                _task_item(task, name, zone)
                for task, name in task_rows.open_tasks(
                    connection, due_by=due_by, done_since=start_of_day
                )
            )
            if until is None or item.day <= until
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
    open task, an interview today. A task with a time counts by its instant (today is today
    in ``zone``), one without by its day. Reads only the ids and due times of what is due by
    today (a query on the tasks' index, not the tasks)."""
    today = local_day(now, zone)
    start, end = day_bounds(today, zone)
    found: dict[int, Bucket] = {}
    with db.querying() as connection:
        # A timed task stored as due up to ZONE_DAYS after today may fall today here.
        due_by = today + timedelta(days=ZONE_DAYS)
        for posting_id, due_on, due_at in task_rows.open_task_postings(connection, due_by):
            instant = readable_datetime(due_at)
            if instant is None:
                late, due = due_on < today.isoformat(), due_on <= today.isoformat()
            else:
                late, due = instant < now, instant < end
            if late:
                found[posting_id] = Bucket.OVERDUE
            elif due and found.get(posting_id) is not Bucket.OVERDUE:
                found[posting_id] = Bucket.TODAY
        for interview, _name in interview_rows.interviews_between(connection, start, end):
            found.setdefault(interview.posting_id, Bucket.TODAY)
    return found


class _Stream:
    """One ordered source of a section's open tasks, read a page at a time: those with no time
    by their day, or those with a time by their instant. Each page reads one row more than it
    gives, to know what the stream gives next."""

    def __init__(self, read: Callable[..., list[tuple[Task, str]]], newest_first: bool) -> None:
        self._read, self._newest_first = read, newest_first
        self.offset, self.done = 0, False
        self.last: AgendaItem | None = None  # the last item given
        self.next: tuple[date, int, float, int, int] | None = None  # the next to give, sorted

    def page(self, connection: sqlite3.Connection, size: int, zone: tzinfo) -> list[AgendaItem]:
        rows = self._read(
            connection, newest_first=self._newest_first, limit=size + 1, offset=self.offset
        )
        self.done = len(rows) <= size
        items = [_task_item(t, name, zone) for t, name in rows]
        if not self.done:
            self.next = sort_value(items.pop())
        self.offset += len(items)
        if items:
            self.last = items[-1]
        return items


class AgendaReader:
    """The agenda a page at a time, for the window: every section starts with at most about
    ``page`` tasks (and the interviews and deadlines among them) and reads more when the user
    scrolls to its end, so a library with 20,000 tasks paints as fast as one with 20. Later
    interviews and deadlines are read a range of days at a time, as the tasks reach them.

    The overdue section lists the most recent first (what was missed today, then yesterday
    ...); the others list the earliest first. A task with a time is in the section of its
    instant in the user's zone (one due at 09:00 is overdue from 09:00, and one due at 08:00
    Tokyo time on the 3rd is due on the 2nd in Paris), one with no time by its day. The two
    are read as two streams (in the order of their indexes) and merged: an item is shown once
    neither stream can still give anything that sorts before it.
    """

    def __init__(self, db: Library, now: datetime, zone: tzinfo, page: int = PAGE) -> None:
        self._db, self.now, self.zone, self._page = db, now, zone, page
        self.today = today = local_day(now, zone)
        self._waiting: dict[Bucket, list[AgendaItem]] = {b: [] for b in Bucket}
        self._later_from: date | None = today + timedelta(days=7)  # later's others unread from
        tomorrow, week_end = (day_bounds(today + timedelta(days=n), zone)[0] for n in (1, 7))
        untimed, timed = task_rows.untimed_tasks, task_rows.timed_tasks
        # Each section's (days after, days before) of the untimed, [start, end) of the timed.
        ranges = {
            Bucket.OVERDUE: ((None, today), (None, now)),
            Bucket.TODAY: ((today - timedelta(days=1), today + timedelta(days=1)), (now, tomorrow)),
            Bucket.THIS_WEEK: ((today, today + timedelta(days=7)), (tomorrow, week_end)),
            Bucket.LATER: ((today + timedelta(days=6), None), (week_end, None)),
        }
        self._streams = {
            bucket: [
                _Stream(partial(untimed, after=days[0], before=days[1]), bucket is Bucket.OVERDUE),
                _Stream(partial(timed, start=at[0], end=at[1]), bucket is Bucket.OVERDUE),
            ]
            for bucket, (days, at) in ranges.items()
        }

    def first(self) -> dict[Bucket, list[AgendaItem]]:
        """The first page of every section."""
        today, zone = self.today, self.zone
        with self._db.querying() as connection:
            # What is not paged waits for the pages of tasks it sorts among: the tasks ticked
            # done today (few), the interviews and deadlines of the week ahead (and the
            # deadlines missed in the week before).
            start_of_day = datetime.combine(today, time(0), zone)
            items = [
                _task_item(t, name, zone)
                for t, name in task_rows.done_since(connection, start_of_day)
            ]
            items += self._others(connection, today - timedelta(days=7), self._later_from)
        self._waiting = grouped(items, self.now, zone)
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
        return bool(self._waiting[bucket]) or not all(s.done for s in self._streams[bucket])

    def more(self, bucket: Bucket) -> list[AgendaItem]:
        """The next page of ``bucket`` (empty when it is all read)."""
        newest_first = bucket is Bucket.OVERDUE
        streams, waiting = self._streams[bucket], self._waiting[bucket]
        with self._db.querying() as connection:
            # A stream is read when all it gave is shown; then, while nothing can be shown,
            # the stream that holds the rest back (its items sort alike so far).
            wanted = [s for s in streams if s.last is None or not _holds(waiting, s.last)]
            while True:
                for stream in wanted:
                    if not stream.done:
                        waiting += stream.page(connection, self._page, self.zone)
                # What the streams not done give next (each has read a page by now): only
                # what sorts before all of it can be shown yet.
                values = [s.next for s in streams if not s.done and s.next is not None]
                bound = (max(values) if newest_first else min(values)) if values else None
                if bucket is Bucket.LATER:
                    waiting += self._later_others(connection, bound)
                if bound is None:
                    shown, kept = waiting, []
                else:
                    shown, kept = [], []
                    for item in waiting:
                        value = sort_value(item)
                        beyond = value > bound if newest_first else value < bound
                        (shown if beyond else kept).append(item)
                if shown or bound is None:
                    break
                wanted = [s for s in streams if not s.done and s.next == bound]
        self._waiting[bucket] = kept
        return sorted(shown, key=sort_value, reverse=newest_first)

    def _later_others(
        self, connection: sqlite3.Connection, bound: tuple[date, int, float, int, int] | None
    ) -> list[AgendaItem]:
        """Later's interviews and deadlines up to the day of ``bound`` (None: all of them)
        that were not read yet."""
        if self._later_from is None:
            return []  # all read
        until = None if bound is None else bound[0] + timedelta(days=1)
        if until is not None and until <= self._later_from:
            return []
        found = [
            item
            for item in self._others(connection, self._later_from, until)
            if bucket_of(item, self.now, self.zone) is Bucket.LATER
        ]
        self._later_from = until
        return found


def _holds(items: list[AgendaItem], item: AgendaItem) -> bool:
    return any(entry is item for entry in items)


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
