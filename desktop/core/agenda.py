"""The agenda: interview rounds, tasks and follow-ups, deadlines, and when each falls due.

Plain data and rules. Every rule takes ``now`` (an aware instant) and the zone the user sees
days in, so the agenda, the reminders and the suggestions are decided the same way whatever
clock or zone the machine has (and tests drive both).

Instants are aware datetimes; an interview keeps the zone it was given in (``time_zone``) so a
calendar shows "14:00 Paris time" even to a user who is elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import Enum

from desktop.core.zones import zone_named

INTERVIEW_KINDS: dict[str, str] = {
    "phone-screen": "Phone screen",
    "technical": "Technical",
    "take-home": "Take-home",
    "onsite": "Onsite",
    "panel": "Panel",
    "final": "Final",
    "other": "Other",
}
# A task with a day but no time is reminded of at this time of its day, in its own zone.
DAY_REMINDER_TIME = time(9, 0)
# A timed task stores its day in its own zone; the same instant falls at most this many days
# earlier or later in any other zone (UTC offsets run from -12:00 to +14:00, 26 hours apart).
# Reads by stored day widen their range by it, then decide by the instant.
ZONE_DAYS = 2
MAX_TITLE = 500


class Bucket(Enum):
    OVERDUE = "overdue"
    TODAY = "today"
    THIS_WEEK = "this week"  # the six days after today
    LATER = "later"


BUCKET_TITLES = {
    Bucket.OVERDUE: "Overdue",
    Bucket.TODAY: "Today",
    Bucket.THIS_WEEK: "This week",
    Bucket.LATER: "Later",
}


@dataclass(frozen=True)
class Interview:
    id: int
    posting_id: int
    kind: str  # a key of INTERVIEW_KINDS
    starts_at: datetime  # aware
    ends_at: datetime | None
    time_zone: str  # the zone it was given in (core.zones names)
    place: str  # an address or a video link
    interviewers: tuple[str, ...]  # names (the application's contacts, once linked)
    prep_notes: str
    outcome: str
    uid: str  # stable iCalendar UID: a re-export updates the event, never duplicates it

    @property
    def kind_title(self) -> str:
        return INTERVIEW_KINDS.get(self.kind, self.kind)

    def in_own_zone(self) -> datetime:
        return self.starts_at.astimezone(zone_named(self.time_zone))


@dataclass(frozen=True)
class Task:
    id: int
    posting_id: int | None  # None: a task of its own, not about one application
    title: str
    due_on: date  # the day it is due, in its own zone
    due_at: datetime | None  # the instant, when a time of day was given
    time_zone: str
    done_at: datetime | None
    uid: str

    @property
    def done(self) -> bool:
        return self.done_at is not None

    def remind_at(self) -> datetime:
        """When to remind: its time, else DAY_REMINDER_TIME on its day (in its zone)."""
        if self.due_at is not None:
            return self.due_at
        return datetime.combine(self.due_on, DAY_REMINDER_TIME, zone_named(self.time_zone))


class ItemKind(Enum):
    TASK = "task"
    INTERVIEW = "interview"
    DEADLINE = "deadline"  # a posting's "apply by" date, while it is not yet applied to


@dataclass(frozen=True)
class AgendaItem:
    """One row of the agenda."""

    kind: ItemKind
    id: int  # the task's, the interview's, or (a deadline) the posting's id
    posting_id: int | None
    title: str  # what to do ("Send the take-home", "Technical interview")
    application: str  # "Company — Posting title", or "" for a free task
    day: date  # the day it falls on, in the user's zone
    at: datetime | None  # its time, when it has one
    done: bool = False

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind.value, self.id)


def local_day(at: datetime, zone: tzinfo) -> date:
    return at.astimezone(zone).date()


def bucket_of(item: AgendaItem, now: datetime, zone: tzinfo) -> Bucket:
    """Where an item goes: overdue (an open task or deadline past its time or day), today,
    this week (the six days after today), or later."""
    today = local_day(now, zone)
    if item.kind is not ItemKind.INTERVIEW and not item.done:
        past = item.at < now if item.at is not None else item.day < today
        if past:
            return Bucket.OVERDUE
    if item.day <= today:
        return Bucket.TODAY
    if item.day <= today + timedelta(days=6):
        return Bucket.THIS_WEEK
    return Bucket.LATER


_KIND_ORDER = {kind: n for n, kind in enumerate(ItemKind)}


def sort_value(item: AgendaItem) -> tuple[date, int, float, int, int]:
    """The agenda's order: by day; within a day the untimed first (they are due all day),
    then by time; at the same time tasks, interviews, deadlines; then in the order they were
    added (by id, as the storage's indexes give them, so a section read a page at a time is
    in the same order as one read whole)."""
    untimed = item.at is None
    return (
        item.day,
        0 if untimed else 1,
        0.0 if untimed else item.at.timestamp(),  # type: ignore[union-attr]
        _KIND_ORDER[item.kind],
        item.id,
    )


def grouped(items: list[AgendaItem], now: datetime, zone: tzinfo) -> dict[Bucket, list[AgendaItem]]:
    """``items`` by bucket (every bucket present, maybe empty), each in date order."""
    groups: dict[Bucket, list[AgendaItem]] = {bucket: [] for bucket in Bucket}
    for item in sorted(items, key=sort_value):
        groups[bucket_of(item, now, zone)].append(item)
    return groups


def day_bounds(day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """The instants a day starts and ends at in ``zone`` (23 or 25 hours on a DST change)."""
    start = datetime.combine(day, time(0), zone)
    end = datetime.combine(day + timedelta(days=1), time(0), zone)
    return start, end


@dataclass(frozen=True)
class Reminder:
    """A notification to show once: ``key`` names the event and the time it was for, so a
    task moved to another day is reminded of again, and nothing is reminded of twice."""

    key: str
    at: datetime  # when it falls due
    title: str
    body: str
    posting_id: int | None


def task_reminder(task: Task, application: str) -> Reminder:
    at = task.remind_at()
    return Reminder(
        f"task:{task.id}:{at.timestamp():.0f}",
        at,
        f"Due: {task.title}",
        application,
        task.posting_id,
    )


def interview_reminder(
    interview: Interview, application: str, lead: timedelta, now: datetime, zone: tzinfo
) -> Reminder:
    """The reminder ``lead`` before an interview; worded for ``now`` (shown late, at start-up,
    it says when the interview was rather than "in 15 minutes")."""
    at = interview.starts_at - lead
    minutes = int(lead.total_seconds() // 60)
    if interview.starts_at > now:
        left = int((interview.starts_at - now).total_seconds() // 60)
        soon = f"in {left} minutes" if left > 1 else "now"
    else:
        soon = f"at {interview.starts_at.astimezone(zone):%H:%M}"
    where = f" — {interview.place}" if interview.place else ""
    return Reminder(
        f"interview:{interview.id}:{interview.starts_at.timestamp():.0f}:{minutes}",
        at,
        f"{interview.kind_title} interview {soon}",
        f"{application}{where}",
        interview.posting_id,
    )


@dataclass(frozen=True)
class AgendaSettings:
    """What the user can turn on, off, or tune; the defaults are what a new library has."""

    reminders: bool = True
    interview_lead_minutes: int = 15
    suggestions: bool = True
    follow_up_days: int = 7  # after Applied with no change since
    thank_you: bool = True  # the day after an interview
    ghosted_days: int = 21  # of silence, after which moving to Ghosted is suggested


class SuggestionKind(Enum):
    FOLLOW_UP = "follow-up"
    THANK_YOU = "thank-you"
    GHOSTED = "ghosted"


@dataclass(frozen=True)
class Suggestion:
    """Shown, not applied, until the user accepts it (a task is made, or the application
    moves to Ghosted) or dismisses it; either way, ``key`` is remembered and it is not shown
    again. The key names what it is about (the stage entry, the interview), so a new stage
    entry brings a new follow-up."""

    key: str
    kind: SuggestionKind
    posting_id: int
    application: str
    text: str  # what is suggested, in words
    due_on: date  # the day the task would be due


def follow_up_due(entered: datetime, now: datetime, days: int) -> bool:
    return now - entered >= timedelta(days=days)
