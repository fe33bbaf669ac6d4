"""Reminders: what falls due (a task at its time, an interview some minutes before it) and has
not been shown yet.

The window asks ``due`` on a timer and at start-up, shows what it ``claim``s, and nothing is
ever shown twice: a reminder's key is recorded in the library in the same write that claims
it, so a second window, or the next start, does not show it again. ``now`` is always passed in.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from desktop.core.agenda import (
    ZONE_DAYS,
    Reminder,
    interview_reminder,
    local_day,
    task_reminder,
)
from desktop.services.agenda import settings
from desktop.services.library import Library
from desktop.storage import agenda_sql, interview_rows, task_rows

# A reminder that fell due longer ago than this while Jobdeck was closed is not shown at
# start-up (the agenda still lists what is overdue).
LOOKBACK = timedelta(days=7)


def pending(
    db: Library,
    now: datetime,
    zone: tzinfo,
    *,
    ahead: timedelta = timedelta(0),
    since: datetime | None = None,
) -> list[Reminder]:
    """Reminders due by ``now + ahead`` (and not before ``now - LOOKBACK``) that were never
    shown, earliest first; with ``since``, only those due since then (the watch's next tick
    reads a minute's worth, not a week's). Empty when reminders are turned off."""
    chosen = settings(db)
    if not chosen.reminders:
        return []
    lead = timedelta(minutes=chosen.interview_lead_minutes)
    horizon = now + ahead
    oldest = now - LOOKBACK if since is None else max(now - LOOKBACK, since)
    found: list[Reminder] = []
    with db.querying() as connection:
        # A task's day is stored in its own zone: up to ZONE_DAYS from ours at the same instant.
        due_by = local_day(horizon, zone) + timedelta(days=ZONE_DAYS)
        due_from = local_day(oldest, zone) - timedelta(days=ZONE_DAYS)
        for task, name in task_rows.open_tasks(connection, due_by=due_by, due_from=due_from):
            reminder = task_reminder(task, name)
            if oldest <= reminder.at <= horizon:
                found.append(reminder)
        for interview, name in interview_rows.interviews_between(
            connection, oldest + lead, horizon + lead + timedelta(seconds=1)
        ):
            reminder = interview_reminder(interview, name, lead, now, zone)
            if oldest <= reminder.at <= horizon:
                found.append(reminder)
        shown = agenda_sql.fired(connection, (r.key for r in found))
    return sorted((r for r in found if r.key not in shown), key=lambda r: (r.at, r.key))


def claim(db: Library, reminders: list[Reminder], now: datetime) -> list[Reminder]:
    """Record ``reminders`` as shown; returns those no one had shown before (show these)."""
    if not reminders:
        return []
    with db.plain_writing() as connection:
        mine = agenda_sql.claim_reminders(connection, (r.key for r in reminders), now)
    return [r for r in reminders if r.key in mine]


def next_due(db: Library, now: datetime, zone: tzinfo, within: timedelta) -> datetime | None:
    """When the next reminder not yet shown falls due, if within ``within`` of ``now``."""
    upcoming = [r for r in pending(db, now, zone, ahead=within) if r.at > now]
    return upcoming[0].at if upcoming else None
