"""A task with a time is due at an instant; which day that is depends on where the user is.

The tasks here were given in Tokyo or New York and are seen from Paris: the agenda (read whole,
as ``jobdeck agenda`` reads it, and a page at a time, as the window reads it), the badges and
the reminders all place them by the instant in the user's zone, never by the day stored in the
task's own zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from desktop.core.agenda import Bucket
from desktop.services import agenda, interviews, postings, reminders, tasks
from desktop.services.library import Library
from tests.samples import amazon_document

PARIS, TOKYO, NEW_YORK = (ZoneInfo(n) for n in ("Europe/Paris", "Asia/Tokyo", "America/New_York"))
# Wednesday 2 December 2026, 20:00 in Paris (19:00 UTC): already Thursday 04:00 in Tokyo.
NOW = datetime(2026, 12, 2, 20, 0, tzinfo=PARIS)


def _posting(db: Library, title: str) -> int:
    return postings.create_posting(db, amazon_document(title=title), now=NOW).value


def _task(db: Library, posting: int | None, title: str, day: date, at: time, zone: str) -> int:
    made = tasks.new_task(posting, title, day, at=at, time_zone=zone)
    return tasks.add_task(db, made, now=NOW - timedelta(days=3)).value


def _across_zones(db: Library) -> dict[str, int]:
    """Applications, each with one task whose day in its own zone is not its day in Paris."""
    made = {}
    for title, day, at, zone in (
        # Tokyo's Thursday 03:00 = Wednesday 19:00 in Paris: an hour ago, overdue.
        ("Tokyo before dawn", date(2026, 12, 3), time(3, 0), "Asia/Tokyo"),
        # Tokyo's Thursday 07:30 = Wednesday 23:30 in Paris: later today.
        ("Tokyo breakfast", date(2026, 12, 3), time(7, 30), "Asia/Tokyo"),
        # New York's Wednesday 19:00 = Thursday 01:00 in Paris: this week, not today.
        ("New York evening", date(2026, 12, 2), time(19, 0), "America/New_York"),
        # New York's Tuesday 8th 20:00 = Wednesday 9th 02:00 in Paris: later, not this week.
        ("New York next week", date(2026, 12, 8), time(20, 0), "America/New_York"),
        # Tokyo's Thursday 10th 06:00 = Wednesday 9th 22:00 in Paris: later too.
        ("Tokyo next week", date(2026, 12, 10), time(6, 0), "Asia/Tokyo"),
        # Tokyo's Wednesday 9th 07:00 = Tuesday 8th 23:00 in Paris: the last day of this week.
        ("Tokyo end of week", date(2026, 12, 9), time(7, 0), "Asia/Tokyo"),
    ):
        job = _posting(db, title)
        made[title] = job
        _task(db, job, title, day, at, zone)
    return made


EXPECTED = {
    Bucket.OVERDUE: ["Tokyo before dawn"],
    Bucket.TODAY: ["Tokyo breakfast"],
    Bucket.THIS_WEEK: ["New York evening", "Tokyo end of week"],
    Bucket.LATER: ["New York next week", "Tokyo next week"],
}


def _read_in_pages(db: Library, page: int) -> dict[Bucket, list[str]]:
    reader = agenda.AgendaReader(db, NOW, PARIS, page=page)
    found = {bucket: [i.title for i in items] for bucket, items in reader.first().items()}
    for bucket in Bucket:
        while reader.has_more(bucket):
            found[bucket] += [i.title for i in reader.more(bucket)]
    return found


def test_a_timed_task_is_sectioned_by_its_instant_in_the_users_zone(db: Library) -> None:
    _across_zones(db)
    whole = agenda.agenda(db, NOW, PARIS)
    assert {b: [i.title for i in items] for b, items in whole.groups.items()} == EXPECTED
    (breakfast,) = whole.groups[Bucket.TODAY]
    assert breakfast.day == date(2026, 12, 2)  # Paris' day, not Tokyo's
    for page in (1, 2, 40):  # the window's paged read gives the same sections, same order
        assert _read_in_pages(db, page) == EXPECTED
    # Seen from Tokyo (Thursday 04:00 there), the same tasks fall on Tokyo's days.
    seen = agenda.agenda(db, NOW.astimezone(TOKYO), TOKYO)
    assert {b: [i.title for i in items] for b, items in seen.groups.items()} == {
        Bucket.OVERDUE: ["Tokyo before dawn"],
        Bucket.TODAY: ["Tokyo breakfast", "New York evening"],  # 07:30, 09:00 Tokyo time
        Bucket.THIS_WEEK: ["Tokyo end of week", "New York next week"],  # 9th 07:00, 10:00
        Bucket.LATER: ["Tokyo next week"],
    }


def test_the_days_limit_counts_the_users_days(db: Library) -> None:
    _across_zones(db)
    week = agenda.agenda(db, NOW, PARIS, days=6)
    titles = {i.title for i in week.items()}
    assert "Tokyo end of week" in titles  # Tuesday 8th in Paris, stored as Wednesday 9th
    assert "New York next week" not in titles  # Wednesday 9th in Paris, stored as Tuesday 8th


def test_badges_count_the_instant_in_the_users_zone(db: Library) -> None:
    made = _across_zones(db)
    found = agenda.badges(db, NOW, PARIS)
    assert found == {
        made["Tokyo before dawn"]: Bucket.OVERDUE,
        made["Tokyo breakfast"]: Bucket.TODAY,
    }  # "New York evening", stored as due today, is tomorrow in Paris: no badge


def test_a_task_in_the_farthest_zone_is_reminded_of_at_its_instant(db: Library) -> None:
    job = _posting(db, "Samoa")
    # 23:00 on the 1st in Pago Pago (UTC-11) is 00:00 on the 3rd at Kiritimati (UTC+14).
    _task(db, job, "Call Samoa", date(2026, 12, 1), time(23, 0), "Pacific/Pago_Pago")
    kiritimati = ZoneInfo("Pacific/Kiritimati")
    due = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    assert [r.title for r in reminders.pending(db, due, kiritimati)] == ["Due: Call Samoa"]
    assert reminders.pending(db, due - timedelta(minutes=1), kiritimati) == []


def test_moving_a_task_or_interview_to_a_day_means_the_users_day(db: Library) -> None:
    job = _posting(db, "Moves")
    task_id = _task(db, job, "Tokyo breakfast", date(2026, 12, 3), time(7, 30), "Asia/Tokyo")
    # Shown on Wednesday 2nd in Paris; moved to Friday 4th in Paris.
    tasks.reschedule(db, task_id, date(2026, 12, 4), seen_in=PARIS)
    moved = tasks.get_task(db, task_id)
    assert moved.due_on == date(2026, 12, 5) and moved.due_at is not None
    assert moved.due_at.astimezone(TOKYO).time() == time(7, 30)  # its own time of day kept
    assert moved.due_at.astimezone(PARIS).date() == date(2026, 12, 4)
    (item,) = agenda.agenda(db, NOW, PARIS).items()
    assert item.day == date(2026, 12, 4)

    start = datetime(2026, 12, 3, 19, 0, tzinfo=NEW_YORK)  # Friday 4th 01:00 in Paris
    made = interviews.new_interview(job, "technical", start)
    interview_id = interviews.add_interview(db, made, now=NOW).value
    interviews.reschedule(db, interview_id, date(2026, 12, 7), seen_in=PARIS)
    after = interviews.get_interview(db, interview_id)
    assert after.starts_at.astimezone(NEW_YORK) == datetime(2026, 12, 6, 19, 0, tzinfo=NEW_YORK)
    assert after.starts_at.astimezone(PARIS).date() == date(2026, 12, 7)
