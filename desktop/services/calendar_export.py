"""The agenda as an iCalendar file (``.ics``), for the user's own calendar.

Interviews in the zone they were given in (with its VTIMEZONE), tasks and "apply by"
deadlines as events on their day (or at their time). Each event's UID is stable (interviews
and tasks keep the one made for them; a deadline's is its posting's), so importing a later
export updates the events rather than adding them twice.

``icalendar`` is imported when a calendar is written, never at start-up.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.agenda import Interview, Task
from desktop.core.stages import FIRST_STAGE
from desktop.core.zones import zone_named
from desktop.services import whole_files
from desktop.services.library import Library
from desktop.storage import (
    agenda_sql,
    interview_rows,
    record_errors,
    stage_sql,
    task_rows,
)

if TYPE_CHECKING:
    from icalendar import Event

PRODUCT = "-//Jobdeck//Agenda//EN"
DEFAULT_LENGTH = timedelta(hours=1)  # an interview with no end, in the calendar


def calendar_text(db: Library, now: datetime, *, interview_id: int | None = None) -> bytes:
    """The agenda (every interview, task and deadline), or one interview, as iCalendar bytes.
    Raises NotFound (the services' family) for an interview that is not there."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Jobdeck")
    with db.querying() as connection:
        if interview_id is not None:
            interview = interview_rows.get_interview(connection, interview_id)
            name = agenda_sql.application_name(connection, interview.posting_id)
            calendar.add_component(_interview_event(interview, name, now))
        else:
            for interview, name in interview_rows.interviews_between(connection, None, None):
                calendar.add_component(_interview_event(interview, name, now))
            for task, name in task_rows.all_tasks(connection):
                calendar.add_component(_task_event(task, name, now))
            try:
                first = stage_sql.stage_named(connection, FIRST_STAGE)
            except record_errors.StageMissing:
                first = None
            if first is not None:
                for item in agenda_sql.deadlines(connection, first.id, date(1900, 1, 1)):
                    calendar.add_component(
                        _event(
                            f"deadline-{item.posting_id}@jobdeck",
                            f"Apply by: {item.application}",
                            item.at.astimezone(UTC) if item.at else item.day,
                            None,
                            now,
                        )
                    )
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def write_calendar(
    db: Library, target: Path, now: datetime, *, interview_id: int | None = None
) -> int:
    """Write the calendar to ``target`` (owner-only, replaced whole); the number of events.
    Raises WriteFailed naming the file and why, NotFound for a missing interview."""
    text = calendar_text(db, now, interview_id=interview_id)
    with whole_files.writing(target) as out:
        out.write(text)
    return text.count(b"BEGIN:VEVENT")


def _interview_event(interview: Interview, application: str, now: datetime) -> Event:
    zone = _calendar_zone(interview.time_zone)
    start = interview.starts_at.astimezone(zone)
    end = (interview.ends_at or interview.starts_at + DEFAULT_LENGTH).astimezone(zone)
    lines = [f"{interview.kind_title} interview"]
    if interview.interviewers:
        lines.append("With: " + ", ".join(interview.interviewers))
    if interview.prep_notes:
        lines += ["", interview.prep_notes]
    if interview.outcome:
        lines += ["", f"Outcome: {interview.outcome}"]
    event = _event(
        interview.uid,
        f"{interview.kind_title} interview: {application}",
        start,
        end,
        now,
        description="\n".join(lines),
    )
    if interview.place:
        event.add("location", interview.place)
        if interview.place.startswith(("https://", "http://")):
            event.add("url", interview.place)
    return event


def _task_event(task: Task, application: str, now: datetime) -> Event:
    when: date | datetime = task.due_on
    if task.due_at is not None:
        when = task.due_at.astimezone(_calendar_zone(task.time_zone))
    title = f"{task.title} ({application})" if application else task.title
    if task.done:
        title = f"Done: {title}"
    return _event(task.uid, title, when, None, now, categories="Task")


def _event(
    uid: str,
    summary: str,
    start: date | datetime,
    end: date | datetime | None,
    now: datetime,
    *,
    description: str = "",
    categories: str = "",
) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("summary", summary)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    elif isinstance(start, datetime):
        event.add("duration", timedelta(minutes=30))
    else:
        event.add("dtend", start + timedelta(days=1))  # an all-day event
    if description:
        event.add("description", description)
    if categories:
        event.add("categories", [categories])
    return event


def _calendar_zone(name: str) -> tzinfo:
    """A zone a calendar can name (IANA, with its VTIMEZONE); a bare offset becomes UTC."""
    zone = zone_named(name)
    return zone if getattr(zone, "key", None) else UTC
