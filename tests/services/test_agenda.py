"""The agenda, reminders and suggestions through the services, on a real file, with the clock
and the zone given by the test (never the machine's)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.core.agenda import Bucket, ItemKind, SuggestionKind
from desktop.services import agenda, interviews, pipeline, postings, reminders, suggestions, tasks
from desktop.services.errors import Invalid
from desktop.services.library import Library, open_library
from tests.samples import amazon_document

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)  # a Wednesday morning in Paris


def _posting(db: Library, title: str = "Engineer") -> int:
    saved = NOW - timedelta(days=60)
    return postings.create_posting(db, amazon_document(title=title), now=saved).value


def _task(
    db: Library, posting_id: int | None, title: str, day: date, at: time | None = None
) -> int:
    task = tasks.new_task(posting_id, title, day, at=at, time_zone="Europe/Paris")
    return tasks.add_task(db, task, now=NOW).value


def _interview(db: Library, posting_id: int, start: datetime, kind: str = "technical") -> int:
    made = interviews.new_interview(posting_id, kind, start, place="https://meet.example/abc")
    return interviews.add_interview(db, made, now=NOW).value


def _titles(result: agenda.Agenda, bucket: Bucket) -> list[str]:
    return [item.title for item in result.groups[bucket]]


def test_tasks_and_interviews_are_grouped_by_when_they_fall_due(db: Library) -> None:
    job = _posting(db)
    _task(db, job, "Send references", NOW.date() - timedelta(days=1))
    _task(db, job, "Earlier today at nine", NOW.date(), time(9, 0))
    _task(db, None, "Later today", NOW.date(), time(17, 0))
    _task(db, job, "Friday", NOW.date() + timedelta(days=2))
    _task(db, job, "Next month", NOW.date() + timedelta(days=30))
    _interview(db, job, NOW + timedelta(days=1))

    result = agenda.agenda(db, NOW, PARIS)

    assert _titles(result, Bucket.OVERDUE) == ["Send references", "Earlier today at nine"]
    assert _titles(result, Bucket.TODAY) == ["Later today"]
    assert _titles(result, Bucket.THIS_WEEK) == ["Technical interview", "Friday"]
    assert _titles(result, Bucket.LATER) == ["Next month"]
    free = result.groups[Bucket.TODAY][0]
    assert free.posting_id is None and free.application == ""
    assert result.groups[Bucket.LATER][0].application.startswith("Amazon — ")


def test_days_limits_the_agenda_but_keeps_the_overdue(db: Library) -> None:
    job = _posting(db)
    _task(db, job, "Old", NOW.date() - timedelta(days=10))
    _task(db, job, "Soon", NOW.date() + timedelta(days=2))
    _task(db, job, "Far", NOW.date() + timedelta(days=20))
    items = agenda.agenda(db, NOW, PARIS, days=3).items()
    assert [i.title for i in items] == ["Old", "Soon"]


def test_a_task_ticked_done_leaves_the_overdue_and_undoing_brings_it_back(db: Library) -> None:
    job = _posting(db)
    task_id = _task(db, job, "Overdue one", NOW.date() - timedelta(days=2))
    before, changes = tasks.set_done(db, task_id, now=NOW)
    assert changes.tasks == {job}
    result = agenda.agenda(db, NOW, PARIS)
    assert _titles(result, Bucket.OVERDUE) == []
    # Ticked today, it stays in sight for the day, done (a tick by mistake is seen).
    assert [(i.title, i.done) for i in result.groups[Bucket.TODAY]] == [("Overdue one", True)]
    assert agenda.agenda(db, NOW + timedelta(days=1), PARIS).items() == []
    tasks.restore_done(db, before)
    assert _titles(agenda.agenda(db, NOW, PARIS), Bucket.OVERDUE) == ["Overdue one"]


def test_rescheduling_keeps_the_time_of_day_in_the_tasks_zone(db: Library) -> None:
    job = _posting(db)
    task_id = _task(db, job, "Call", NOW.date(), time(16, 30))
    before = tasks.reschedule(db, task_id, date(2027, 3, 29)).value  # after the clocks change
    moved = tasks.get_task(db, task_id)
    assert moved.due_at == datetime(2027, 3, 29, 16, 30, tzinfo=PARIS)
    tasks.restore_due(db, before)
    assert tasks.get_task(db, task_id).due_at == datetime(2026, 12, 2, 16, 30, tzinfo=PARIS)


def test_bad_tasks_and_interviews_are_refused_by_name(db: Library) -> None:
    job = _posting(db)
    with pytest.raises(Invalid, match="title"):
        tasks.new_task(job, "   ", NOW.date(), time_zone="UTC")
    with pytest.raises(Invalid, match="time zone name"):
        tasks.new_task(job, "x", NOW.date(), time_zone="Mars/Olympus")
    with pytest.raises(Invalid, match="not a kind of interview"):
        interviews.new_interview(job, "lunch", NOW)
    late = interviews.new_interview(job, "panel", NOW, ends_at=NOW - timedelta(hours=1))
    with pytest.raises(Invalid, match="ends before it starts"):
        interviews.add_interview(db, late)
    with pytest.raises(postings.PostingNotFound):
        tasks.add_task(db, tasks.new_task(999, "x", NOW.date(), time_zone="UTC"))
    assert tasks.parse_due("2026-12-04T09:30", "Europe/Paris") == (date(2026, 12, 4), time(9, 30))
    with pytest.raises(Invalid, match="due date"):
        tasks.parse_due("next friday", "UTC")


def test_an_interview_keeps_its_instant_and_the_zone_it_was_given_in(db: Library) -> None:
    job = _posting(db)
    start = datetime(2026, 12, 3, 14, 0, tzinfo=ZoneInfo("America/New_York"))
    interview_id = _interview(db, job, start, kind="Phone screen")
    stored = interviews.get_interview(db, interview_id)
    assert stored.starts_at == start
    assert stored.time_zone == "America/New_York"
    assert stored.kind == "phone-screen"
    assert stored.in_own_zone().hour == 14
    gone = interviews.delete_interview(db, interview_id).value
    assert interviews.interviews_of(db, job) == []
    interviews.restore_interview(db, gone)
    assert interviews.interviews_of(db, job) == [stored]


def test_a_reminder_due_now_fires_exactly_once(db: Library) -> None:
    job = _posting(db)
    _task(db, job, "Send the take-home", NOW.date(), time(10, 0))
    _task(db, job, "Not yet", NOW.date(), time(10, 30))

    due = reminders.pending(db, NOW, PARIS)
    assert [r.title for r in due] == ["Due: Send the take-home"]
    shown = reminders.claim(db, due, NOW)
    assert shown == due
    # The next tick, and a second window on the same library, show nothing more.
    assert reminders.pending(db, NOW + timedelta(seconds=30), PARIS) == []
    assert reminders.claim(db, due, NOW) == []
    later = reminders.pending(db, NOW + timedelta(minutes=30), PARIS)
    assert [r.title for r in later] == ["Due: Not yet"]


def test_an_interview_is_reminded_of_fifteen_minutes_before(db: Library) -> None:
    job = _posting(db)
    _interview(db, job, NOW + timedelta(minutes=20), kind="onsite")
    assert reminders.pending(db, NOW, PARIS) == []
    assert reminders.next_due(db, NOW, PARIS, timedelta(hours=1)) == NOW + timedelta(minutes=5)
    (due,) = reminders.pending(db, NOW + timedelta(minutes=5), PARIS)
    assert due.title == "Onsite interview in 15 minutes"
    assert "meet.example" in due.body


def test_what_fell_due_while_closed_is_in_the_start_up_summary(db: Library) -> None:
    job = _posting(db)
    _task(db, job, "Yesterday's follow-up", NOW.date() - timedelta(days=1), time(15, 0))
    _task(db, job, "A day-long one yesterday", NOW.date() - timedelta(days=1))
    _task(db, job, "Long ago", NOW.date() - timedelta(days=60))
    start_up = reminders.pending(db, NOW, PARIS)
    assert [r.title for r in start_up] == [
        "Due: A day-long one yesterday",
        "Due: Yesterday's follow-up",
    ]
    assert all(r.at < NOW for r in start_up)


def test_reminders_turned_off_fire_nothing(db: Library) -> None:
    job = _posting(db)
    _task(db, job, "Due now", NOW.date(), time(9, 0))
    agenda.save_settings(db, agenda.settings(db).__class__(reminders=False))
    assert agenda.settings(db).reminders is False
    assert reminders.pending(db, NOW, PARIS) == []
    with pytest.raises(Invalid, match="between"):
        agenda.save_settings(db, agenda.settings(db).__class__(ghosted_days=0))


def test_a_rescheduled_task_is_reminded_of_again(db: Library) -> None:
    job = _posting(db)
    task_id = _task(db, job, "Call back", NOW.date(), time(9, 0))
    reminders.claim(db, reminders.pending(db, NOW, PARIS), NOW)
    tasks.reschedule(db, task_id, NOW.date() + timedelta(days=1))
    tomorrow = NOW + timedelta(days=1)
    assert [r.title for r in reminders.pending(db, tomorrow, PARIS)] == ["Due: Call back"]


def test_badges_mark_applications_with_something_overdue_or_due_today(db: Library) -> None:
    late, today, interviewing, calm = (_posting(db, t) for t in ("L", "T", "I", "C"))
    _task(db, late, "Late", NOW.date() - timedelta(days=1))
    _task(db, late, "Also today", NOW.date())
    _task(db, today, "Today", NOW.date(), time(18, 0))
    _task(db, calm, "Next week", NOW.date() + timedelta(days=7))
    _interview(db, interviewing, NOW + timedelta(hours=3))
    assert agenda.badges(db, NOW, PARIS) == {
        late: Bucket.OVERDUE,
        today: Bucket.TODAY,
        interviewing: Bucket.TODAY,
    }


def test_the_agenda_follows_the_users_zone_not_the_machines(db: Library) -> None:
    job = _posting(db)
    # 23:30 in Paris on the 2nd is already the 3rd in Tokyo.
    _task(db, job, "Late call", NOW.date(), time(23, 30))
    tokyo = ZoneInfo("Asia/Tokyo")
    (item,) = agenda.agenda(db, NOW, tokyo).items()
    assert item.day == date(2026, 12, 3)
    (item,) = agenda.agenda(db, NOW, PARIS).items()
    assert item.day == date(2026, 12, 2)


def _applied(db: Library, posting_id: int, at: datetime) -> None:
    pipeline.move_application(db, posting_id, pipeline.resolve_stage(db, "Applied").id, at=at)


def test_a_follow_up_is_suggested_a_week_after_applied_and_accepting_makes_a_task(
    db: Library,
) -> None:
    waiting = _posting(db, "Waiting")
    recent = _posting(db, "Recent")
    _applied(db, waiting, NOW - timedelta(days=8))
    _applied(db, recent, NOW - timedelta(days=2))

    (suggested,) = suggestions.suggestions(db, NOW, PARIS)
    assert suggested.kind is SuggestionKind.FOLLOW_UP and suggested.posting_id == waiting
    task_id, changes = suggestions.accept(db, suggested, NOW, PARIS)
    assert changes.tasks == {waiting}
    (item,) = agenda.agenda(db, NOW, PARIS).groups[Bucket.TODAY]
    assert item.kind is ItemKind.TASK and item.id == task_id
    assert suggestions.suggestions(db, NOW, PARIS) == []
    suggestions.undo_accept(db, suggested, task_id)
    assert agenda.agenda(db, NOW, PARIS).items() == []
    assert suggestions.suggestions(db, NOW, PARIS) == [suggested]


def test_a_dismissed_suggestion_is_not_shown_again_until_the_stage_changes(db: Library) -> None:
    job = _posting(db)
    _applied(db, job, NOW - timedelta(days=8))
    (suggested,) = suggestions.suggestions(db, NOW, PARIS)
    suggestions.dismiss(db, suggested, NOW)
    assert suggestions.suggestions(db, NOW, PARIS) == []
    # Moved back to Saved and applied again: a new stage entry, a new follow-up in time.
    saved = pipeline.resolve_stage(db, "Saved").id
    pipeline.move_application(db, job, saved, at=NOW - timedelta(days=7, hours=20))
    _applied(db, job, NOW - timedelta(days=7, hours=12))
    assert len(suggestions.suggestions(db, NOW, PARIS)) == 1


def test_thank_you_and_ghosted_suggestions_follow_their_settings(db: Library) -> None:
    met = _posting(db, "Met")
    silent = _posting(db, "Silent")
    screening = pipeline.resolve_stage(db, "Screening").id
    pipeline.move_application(db, met, screening, at=NOW - timedelta(days=30))
    pipeline.move_application(db, silent, screening, at=NOW - timedelta(days=22))
    _interview(db, met, NOW - timedelta(days=1))

    found = {s.kind: s for s in suggestions.suggestions(db, NOW, PARIS)}
    assert set(found) == {SuggestionKind.THANK_YOU, SuggestionKind.GHOSTED}
    assert found[SuggestionKind.THANK_YOU].posting_id == met
    assert found[SuggestionKind.THANK_YOU].due_on == NOW.date()
    assert found[SuggestionKind.GHOSTED].posting_id == silent  # met had an interview since

    _record, changes = suggestions.accept(db, found[SuggestionKind.GHOSTED], NOW, PARIS)
    assert changes.moved == {silent}
    assert pipeline.application(db, silent).stage == "Ghosted"

    settings = agenda.settings(db)
    agenda.save_settings(db, settings.__class__(thank_you=False))
    assert suggestions.suggestions(db, NOW, PARIS) == []
    agenda.save_settings(db, settings.__class__(suggestions=False))
    _applied(db, met, NOW - timedelta(days=20))
    assert suggestions.suggestions(db, NOW, PARIS) == []


def test_interviews_and_tasks_go_with_their_posting(db: Library) -> None:
    job = _posting(db)
    _task(db, job, "x", NOW.date())
    _interview(db, job, NOW)
    postings.delete_posting(db, job)
    assert agenda.agenda(db, NOW, PARIS).items() == []


def test_stored_agenda_survives_reopening(data_dir) -> None:
    db = open_library(data_dir)
    job = _posting(db)
    _task(db, job, "Persist", NOW.date())
    db.close()
    db = open_library(data_dir)
    try:
        assert [i.title for i in agenda.agenda(db, NOW, PARIS).items()] == ["Persist"]
    finally:
        db.close()


def test_now_is_never_the_machines_clock_in_these_reads(db: Library) -> None:
    job = _posting(db)
    _task(db, job, "Fixed", date(2030, 1, 1))
    far = datetime(2030, 1, 2, tzinfo=UTC)
    assert _titles(agenda.agenda(db, far, UTC), Bucket.OVERDUE) == ["Fixed"]


def test_interviewers_are_the_applications_contacts(db: Library) -> None:
    from desktop.core.contacts import ContactFields
    from desktop.services import contacts

    job = _posting(db)
    dana = contacts.add_contact(db, ContactFields("Dana Kim", "Amazon")).value
    made = interviews.new_interview(job, "panel", NOW, interviewers=("dana kim", "Bo Chen"))
    _new_id, changes = interviews.add_interview(db, made)
    assert job in changes.contacts and changes.interviews == {job}
    listed = {(a.contact.name, a.role) for a in contacts.contacts_of_posting(db, job)}
    assert listed == {("Dana Kim", "interviewer"), ("Bo Chen", "interviewer")}
    bo = next(c for c in contacts.contacts_of_company(db, "Amazon") if c.name == "Bo Chen")
    assert len(contacts.contacts_of_company(db, "Amazon")) == 2  # Dana was found, not made again
    # The same people in another round add nobody new.
    interviews.add_interview(
        db, interviews.new_interview(job, "final", NOW, interviewers=("Bo Chen",))
    )
    assert {c.id for c in contacts.contacts_of_company(db, "Amazon")} == {dana.id, bo.id}


def test_the_window_reads_the_agenda_a_page_per_section(db: Library) -> None:
    job = _posting(db)
    for n in range(7):
        _task(db, job, f"Later {n}", NOW.date() + timedelta(days=10 + n))
    for n in range(4):
        _task(db, job, f"Missed {n}", NOW.date() - timedelta(days=1 + n))
    _interview(db, job, NOW + timedelta(days=12, hours=2))  # between Later 2 and Later 3
    reader = agenda.AgendaReader(db, NOW, PARIS, page=3)
    first = reader.first()
    assert [i.title for i in first[Bucket.OVERDUE]] == ["Missed 0", "Missed 1", "Missed 2"]
    # The interview (12:00 on Later 2's day) comes with the page that reaches its day.
    assert [i.title for i in first[Bucket.LATER]] == [
        "Later 0",
        "Later 1",
        "Later 2",
        "Technical interview",
    ]
    assert reader.has_more(Bucket.LATER) and not reader.has_more(Bucket.TODAY)
    assert [i.title for i in reader.more(Bucket.LATER)] == ["Later 3", "Later 4", "Later 5"]
    assert [i.title for i in reader.more(Bucket.LATER)] == ["Later 6"]
    assert not reader.has_more(Bucket.LATER)
    assert [i.title for i in reader.more(Bucket.OVERDUE)] == ["Missed 3"]
    # Read whole, the same items in the same sections.
    whole = agenda.agenda(db, NOW, PARIS)
    assert len(whole.groups[Bucket.LATER]) == 8 and len(whole.groups[Bucket.OVERDUE]) == 4


def test_today_is_read_a_page_at_a_time_and_a_task_late_today_is_overdue(db: Library) -> None:
    job = _posting(db)
    for n in range(5):
        _task(db, job, f"Today {n}", NOW.date())  # untimed: due all day, never late today
    _task(db, job, "At nine", NOW.date(), time(9, 0))  # 09:00 < 10:00: late already
    _task(db, job, "At noon", NOW.date(), time(12, 0))
    _task(db, job, "Yesterday", NOW.date() - timedelta(days=1))
    _interview(db, job, NOW + timedelta(hours=1))  # 11:00, between the untimed and noon
    reader = agenda.AgendaReader(db, NOW, PARIS, page=3)
    first = reader.first()
    assert [i.title for i in first[Bucket.OVERDUE]] == ["At nine", "Yesterday"]
    assert [i.title for i in first[Bucket.TODAY]] == ["Today 0", "Today 1", "Today 2"]
    assert reader.has_more(Bucket.TODAY)
    assert [i.title for i in reader.more(Bucket.TODAY)] == [
        "Today 3",
        "Today 4",
        "Technical interview",
        "At noon",
    ]
    assert reader.more(Bucket.TODAY) == [] and not reader.has_more(Bucket.TODAY)
    # The same sections as the agenda read whole.
    whole = agenda.agenda(db, NOW, PARIS)
    assert {i.title for i in whole.groups[Bucket.OVERDUE]} == {"At nine", "Yesterday"}
    assert len(whole.groups[Bucket.TODAY]) == 7


def test_an_interview_moves_to_another_day_at_its_own_time_of_day_and_back(db: Library) -> None:
    job = _posting(db)
    # 10:00 in New York on the Friday before the clocks change there (8 March 2026).
    new_york = ZoneInfo("America/New_York")
    start = datetime(2026, 3, 6, 10, 0, tzinfo=new_york)
    made = interviews.new_interview(job, "onsite", start, ends_at=start + timedelta(hours=3))
    interview_id = interviews.add_interview(db, made).value
    moved = interviews.reschedule(db, interview_id, date(2026, 3, 9))
    assert moved.changes.interviews == {job}
    after = interviews.get_interview(db, interview_id)
    assert after.starts_at.astimezone(new_york) == datetime(2026, 3, 9, 10, 0, tzinfo=new_york)
    assert after.ends_at - after.starts_at == timedelta(hours=3)
    assert after.starts_at - start == timedelta(days=3, hours=-1)  # an hour less: DST began
    interviews.shift(db, interview_id, -1)
    day_before = interviews.get_interview(db, interview_id).starts_at.astimezone(new_york)
    assert day_before == datetime(2026, 3, 8, 10, 0, tzinfo=new_york)
    interviews.restore_times(db, moved.value)
    back = interviews.get_interview(db, interview_id)
    assert (back.starts_at, back.ends_at) == (made.starts_at, made.ends_at)
    with pytest.raises(interviews.InterviewNotFound):
        interviews.reschedule(db, interview_id + 99, date(2026, 3, 9))


def test_undoing_an_added_interview_takes_back_the_contacts_it_made(db: Library) -> None:
    from desktop.core.contacts import ContactFields
    from desktop.services import contacts

    job = _posting(db)
    dana = contacts.add_contact(db, ContactFields("Dana Kim", "Amazon")).value
    made = interviews.new_interview(job, "panel", NOW, interviewers=("Dana Kim", "Bo Chen"))
    added = interviews.add_interview_round(db, made)
    assert added.value.contacts_made != () and added.value.contacts_linked == (dana.id,)

    def people() -> set[tuple[str, str]]:
        return {(a.contact.name, a.role) for a in contacts.contacts_of_posting(db, job)}

    assert people() == {("Dana Kim", "interviewer"), ("Bo Chen", "interviewer")}
    changes = interviews.undo_saved_interview(db, added.value)
    assert changes.interviews == {job} and job in changes.contacts
    assert interviews.interviews_of(db, job) == []
    assert people() == set()  # Bo Chen, made for it, is gone; Dana is no interviewer here
    assert [c.name for c in contacts.contacts_of_company(db, "Amazon")] == ["Dana Kim"]
    # Done again (redo): the interview and both roles are back, Bo Chen made again.
    again = interviews.add_interview_round(db, made)
    assert people() == {("Dana Kim", "interviewer"), ("Bo Chen", "interviewer")}
    assert interviews.get_interview(db, again.value.interview_id).uid == made.uid


def test_undoing_a_changed_interview_puts_it_back_without_the_contacts_it_made(
    db: Library,
) -> None:
    from desktop.services import contacts

    job = _posting(db)
    made = interviews.new_interview(job, "panel", NOW, interviewers=("Dana Kim",))
    interview_id = interviews.add_interview(db, made).value
    stored = interviews.get_interview(db, interview_id)
    later = replace(stored, starts_at=NOW + timedelta(days=1), interviewers=("Dana Kim", "Bo Chen"))
    changed = interviews.change_interview(db, later)
    names = {a.contact.name for a in contacts.contacts_of_posting(db, job)}
    assert names == {"Dana Kim", "Bo Chen"}
    interviews.undo_saved_interview(db, changed.value)
    assert interviews.get_interview(db, interview_id) == stored
    assert [a.contact.name for a in contacts.contacts_of_posting(db, job)] == ["Dana Kim"]
    assert [c.name for c in contacts.contacts_of_company(db, "Amazon")] == ["Dana Kim"]
