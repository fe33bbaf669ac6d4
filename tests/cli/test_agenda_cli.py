"""``jobdeck interview add``, ``task add|done``, ``agenda`` and ``ics`` as a user types them.

Dates are chosen days away from today, so the grouping does not hang on the hour the test
runs; the machine's zone is set by the test (TZ)."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.services import postings
from desktop.services.library import open_library
from tests.cli.test_import_export_cli import run
from tests.samples import amazon_document


@pytest.fixture(autouse=True)
def _zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()


@pytest.fixture(autouse=True)
def _restore_zone(monkeypatch: pytest.MonkeyPatch) -> object:
    yield
    monkeypatch.undo()  # TZ back first: tzset() then reads the zone the next test expects
    time.tzset()


def _library(data_dir: Path) -> int:
    db = open_library(data_dir)
    posting = postings.create_posting(db, amazon_document(title="Engineer")).value
    db.close()
    return posting


def test_add_tasks_and_an_interview_then_the_agenda_groups_them(capsys, data_dir: Path) -> None:
    job = _library(data_dir)
    lib = ("--data-dir", str(data_dir))
    past = (date.today() - timedelta(days=3)).isoformat()
    later = (date.today() + timedelta(days=20)).isoformat()
    soon = (date.today() + timedelta(days=3)).isoformat()
    code, out, _ = run(capsys, *lib, "task", "add", str(job), "Send references", "--due", past)
    assert (code, out) == (0, f"added task 1: Send references (due {past})\n")
    assert run(capsys, *lib, "task", "add", "-", "Update CV", "--due", f"{later}T09:30")[0] == 0
    code, out, _ = run(
        capsys, *lib, "interview", "add", str(job), "--start", f"{soon}T14:00",
        "--kind", "phone screen", "--where", "https://meet.example/x", "--with", "Ann Lee",
    )  # fmt: skip
    assert code == 0 and out.startswith("added interview 1 (Phone screen)")

    code, out, _ = run(capsys, *lib, "agenda", "--json")
    shown = json.loads(out)
    assert [i["title"] for i in shown["overdue"]] == ["Send references"]
    assert [i["title"] for i in shown["this_week"]] == ["Phone screen interview"]
    assert shown["this_week"][0]["at"].endswith("+01:00") or "T13:00" in shown["this_week"][0]["at"]
    assert [i["title"] for i in shown["later"]] == ["Update CV"]
    assert shown["later"][0]["posting_id"] is None

    code, out, _ = run(capsys, *lib, "agenda", "--days", "5")
    assert code == 0
    assert "Overdue" in out and "Send references — Amazon — Engineer" in out
    assert "Update CV" not in out

    code, out, _ = run(capsys, *lib, "task", "done", "1")
    assert (code, out) == (0, "task 1 (Send references) is done\n")
    code, out, _ = run(capsys, *lib, "agenda", "--json")
    assert json.loads(out)["overdue"] == []


def test_the_agenda_counts_days_where_it_is_read_not_where_a_task_was_given(
    capsys, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = _library(data_dir)
    lib = ("--data-dir", str(data_dir))
    today = date.today()  # in Paris
    for zone, title, due in (
        # 07:00 Tokyo time a week on is 23:00 in Paris the day before: within 6 days.
        ("Asia/Tokyo", "Tokyo call", f"{today + timedelta(days=7)}T07:00"),
        # 20:00 New York time in 6 days is 02:00 in Paris a day later: beyond 6 days.
        ("America/New_York", "New York call", f"{today + timedelta(days=6)}T20:00"),
    ):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        assert run(capsys, *lib, "task", "add", str(job), title, "--due", due)[0] == 0
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()

    code, out, _ = run(capsys, *lib, "agenda", "--days", "6", "--json")
    shown = json.loads(out)
    assert [(i["title"], i["day"]) for i in shown["this_week"]] == [
        ("Tokyo call", (today + timedelta(days=6)).isoformat())
    ]
    assert (code, shown["later"]) == (0, [])
    code, out, _ = run(capsys, *lib, "agenda", "--json")
    assert code == 0
    assert [(i["title"], i["day"]) for i in json.loads(out)["later"]] == [
        ("New York call", (today + timedelta(days=7)).isoformat())
    ]


def test_mistakes_are_named_and_change_nothing(capsys, data_dir: Path) -> None:
    job = _library(data_dir)
    lib = ("--data-dir", str(data_dir))
    for args, expected in (
        (("task", "add", str(job), "x", "--due", "friday"), "is not a due date"),
        (("task", "add", "99", "x", "--due", "2026-12-01"), "no posting with id 99"),
        (("task", "done", "7"), "no task with id 7"),
        (("interview", "add", str(job), "--start", "2026-12-01T10:00", "--kind", "lunch"),
         "not a kind of interview"),
        (("interview", "add", str(job), "--start", "tomorrow", "--kind", "final"),
         "--start is not an ISO 8601"),
        (("interview", "add", str(job), "--start", "2026-12-01T10:00", "--kind", "final",
          "--zone", "Mars/Base"), "not a time zone name"),
        (("ics", "-o", str(data_dir / "x.ics"), "--interview", "4"), "no interview with id 4"),
    ):  # fmt: skip
        code, out, err = run(capsys, *lib, *args)
        assert code == 2, args
        assert expected in err, (args, err)
    code, out, _ = run(capsys, *lib, "agenda")
    assert out == "Nothing on the agenda.\n"
    assert not (data_dir / "x.ics").exists()


def test_ics_writes_a_calendar_the_library_reads_back(capsys, data_dir: Path) -> None:
    from icalendar import Calendar

    job = _library(data_dir)
    lib = ("--data-dir", str(data_dir))
    start, end = "2026-12-03T14:00+01:00", "2026-12-03T15:00+01:00"
    run(capsys, *lib, "interview", "add", str(job), "--start", start, "--end", end,
        "--kind", "onsite", "--zone", "Europe/Paris")  # fmt: skip
    run(capsys, *lib, "task", "add", str(job), "Prepare", "--due", "2026-12-02")
    target = data_dir / "agenda.ics"
    code, out, _ = run(capsys, *lib, "ics", "-o", str(target))
    assert (code, out) == (0, f"wrote 2 events to {target}\n")
    calendar = Calendar.from_ical(target.read_bytes())
    summaries = sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))
    assert summaries == ["Onsite interview: Amazon — Engineer", "Prepare (Amazon — Engineer)"]
    assert target.stat().st_mode & 0o077 == 0
    one = data_dir / "one.ics"
    assert run(capsys, *lib, "ics", "-o", str(one), "--interview", "1")[0] == 0
    (event,) = Calendar.from_ical(one.read_bytes()).walk("VEVENT")
    assert str(event["summary"]).startswith("Onsite interview")
    assert "LOCATION" not in event  # none was given
