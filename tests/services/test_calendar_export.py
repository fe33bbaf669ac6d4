"""The agenda as iCalendar: parsed back with the same library, the same events whatever the
machine's zone, and the same UIDs on every export (a re-import updates, never duplicates)."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from desktop.services import calendar_export, interviews, postings, tasks
from desktop.services.errors import NotFound
from desktop.services.library import Library
from tests.samples import amazon_document

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PARIS = ZoneInfo("Europe/Paris")


def _events(data: bytes) -> dict[str, tuple[str, object, object]]:
    calendar = Calendar.from_ical(data)
    return {
        str(e["uid"]): (
            str(e["summary"]),
            e.decoded("dtstart"),
            e.decoded("dtend") if "DTEND" in e else None,
        )
        for e in calendar.walk("VEVENT")
    }


def _fill(db: Library) -> tuple[int, int]:
    job = postings.create_posting(
        db, amazon_document(title="Engineer", valid_through="2026-12-20")
    ).value
    start = datetime(2026, 12, 3, 14, 0, tzinfo=PARIS)
    made = interviews.new_interview(
        job, "panel", start, ends_at=start + timedelta(hours=2), place="Paris office",
        interviewers=("Ann Lee", "Bo Chen"), prep_notes="Read the paper",
    )  # fmt: skip
    interview_id = interviews.add_interview(db, made, now=NOW).value
    timed = tasks.new_task(
        job, "Call back", date(2026, 12, 4), at=datetime.min.time().replace(hour=16),
        time_zone="America/New_York",
    )  # fmt: skip
    tasks.add_task(db, timed, now=NOW)
    tasks.add_task(db, tasks.new_task(None, "Update CV", date(2026, 12, 5), time_zone="UTC"))
    return job, interview_id


@pytest.fixture
def restore_zone(monkeypatch: pytest.MonkeyPatch) -> object:
    yield
    monkeypatch.undo()  # TZ back first: tzset() then reads the zone the next test expects
    time.tzset()


@pytest.mark.parametrize("machine_zone", ["America/Los_Angeles", "Asia/Kolkata"])
def test_exported_events_read_back_the_same_in_any_machine_zone(
    db: Library, monkeypatch: pytest.MonkeyPatch, machine_zone: str, restore_zone: object
) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    _fill(db)
    written = calendar_export.calendar_text(db, NOW)
    monkeypatch.setenv("TZ", machine_zone)
    time.tzset()
    events = _events(written)
    again = _events(calendar_export.calendar_text(db, NOW))
    assert events == again  # the same events, the same UIDs, whichever zone wrote them

    by_title = {summary: (start, end) for summary, start, end in events.values()}
    start, end = by_title["Panel interview: Amazon — Engineer"]
    assert start == datetime(2026, 12, 3, 13, 0, tzinfo=UTC)
    assert start.tzinfo.key == "Europe/Paris"  # shown in its own zone by the calendar
    assert end - start == timedelta(hours=2)
    start, _ = by_title["Call back (Amazon — Engineer)"]
    assert start == datetime(2026, 12, 4, 21, 0, tzinfo=UTC)
    assert by_title["Update CV"] == (date(2026, 12, 5), date(2026, 12, 6))
    assert by_title["Apply by: Amazon — Engineer"] == (date(2026, 12, 20), date(2026, 12, 21))
    assert b"BEGIN:VTIMEZONE" in written and b"TZID:Europe/Paris" in written
    assert b"TZID:America/New_York" in written


def test_uids_are_stable_so_a_re_export_updates_the_events(db: Library) -> None:
    _job, interview_id = _fill(db)
    first = _events(calendar_export.calendar_text(db, NOW))
    interview = interviews.get_interview(db, interview_id)
    moved = interview.starts_at + timedelta(days=1)
    interviews.update_interview(
        db, interview.__class__(**{**interview.__dict__, "starts_at": moved, "ends_at": None})
    )
    second = _events(calendar_export.calendar_text(db, NOW + timedelta(hours=1)))
    assert set(first) == set(second)
    assert second[interview.uid][1] == moved


def test_one_interview_as_its_own_file(db: Library, tmp_path: Path) -> None:
    _job, interview_id = _fill(db)
    target = tmp_path / "interview.ics"
    assert calendar_export.write_calendar(db, target, NOW, interview_id=interview_id) == 1
    calendar = Calendar.from_ical(target.read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["location"]) == "Paris office"
    assert "Ann Lee, Bo Chen" in str(event["description"])
    with pytest.raises(NotFound):
        calendar_export.write_calendar(db, target, NOW, interview_id=99)
    assert target.exists() and not (tmp_path / "interview.ics.partial").exists()
