"""A tracker's rows read through a mapping: header synonyms, the dates people write, stages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop.core.posting import StageChange
from desktop.core.stages import DEFAULT_STAGES
from desktop.importers.tables import read_table
from desktop.importers.tracker_mapping import by_synonyms, folded, preset_for, propose
from desktop.importers.tracker_rows import read_moment, read_rows

STAGES = [stage.name for stage in DEFAULT_STAGES]
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Employer", "company"), ("Organization", "company"), ("companyName", "company"),
        ("Role", "title"), ("Position", "title"), ("Job Title", "title"), ("job_title", "title"),
        ("City", "location"), ("Apply Link", "url"), ("Job Post URL", "url"),
        ("Outcome", "status"), ("List", "status"), ("State", "status"),
        ("Date Applied", "applied"), ("Applied On", "applied"), ("Submitted", "applied"),
        ("Date Added", "saved"), ("Created", "saved"), ("Salary", "salary"),
        ("Notes", "notes"), ("Contact", "contact"), ("Deadline", "deadline"),
    ],
)  # fmt: skip
def test_header_synonyms(header: str, field: str) -> None:
    assert by_synonyms(["Something else", header]).column(field) == 1


def test_folding_makes_spellings_of_a_header_one() -> None:
    assert folded("dateApplied") == folded("Date_Applied") == folded(" date  applied ")


@pytest.mark.parametrize(
    ("header", "preset"),
    [
        (
            "index,createdAt,applied,appliedDate,Company,JobTitle,jobType,workplaceType,Location,"
            "JobSource,Status",
            "JobSync CSV export",
        ),
        ("title,url,companyName,listName,location,htmlDescription", "Huntr data download"),
        ("Application Date,Company Name,Job Title", "LinkedIn applied jobs"),
        ("#,Date,Company,Role,Score,Status,PDF,Report,Notes", "career-ops tracker (Markdown)"),
        ("Company,Title,Status", None),
    ],
)
def test_presets_are_known_by_their_headers(header: str, preset: str | None) -> None:
    found = preset_for(header.split(","))
    assert (found.name if found else None) == preset


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("2026-09-03", False, (2026, 9, 3, 12, 0)),
        ("2026-09-03 08:30", False, (2026, 9, 3, 8, 30)),
        ("09/03/2026", False, (2026, 9, 3, 12, 0)),
        ("09/03/2026", True, (2026, 3, 9, 12, 0)),
        ("25/11/2026", False, (2026, 11, 25, 12, 0)),
        ("14.10.2026", False, (2026, 10, 14, 12, 0)),
        ("1.2.26", False, (2026, 2, 1, 12, 0)),
        ("11/25/26, 3:15 PM", False, (2026, 11, 25, 15, 15)),
        ("11/25/26, 12:05 AM", False, (2026, 11, 25, 0, 5)),
        ("Nov 25, 2026", False, (2026, 11, 25, 12, 0)),
        ("25 November 2026", False, (2026, 11, 25, 12, 0)),
    ],
)
def test_dates_as_people_write_them(text: str, day_first: bool, expected: tuple[int, ...]) -> None:
    moment = read_moment(text, day_first=day_first)
    assert moment is not None and moment.tzinfo is not None
    local = moment.astimezone()
    assert (local.year, local.month, local.day, local.hour, local.minute) == expected


def test_a_utc_time_keeps_its_zone() -> None:
    assert read_moment("2026-08-04T14:30:00.000Z") == datetime(2026, 8, 4, 14, 30, tzinfo=UTC)


def test_javascript_date_text() -> None:
    moment = read_moment("Mon Nov 02 2026 10:00:00 GMT+0100 (Central European Standard Time)")
    assert moment == datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", ["someday", "2026-13-45", "31/31/2026", "next week"])
def test_what_is_not_a_date(text: str) -> None:
    assert read_moment(text) is None


def _read(csv_text: str) -> list:
    table = read_table(csv_text.encode(), "t.csv")
    return list(read_rows(table, propose(table.header), STAGES, now=NOW))


def test_a_column_with_one_day_first_date_is_read_day_first_throughout() -> None:
    reads = _read("Company,Title,Applied\nA,X,03/04/2026\nB,Y,25/04/2026\n")
    applied = [r.document.stage_history[0].at.astimezone() for r in reads]
    assert [(d.month, d.day) for d in applied] == [(4, 3), (4, 25)]


def test_statuses_map_to_stages_and_the_status_date_joins_the_history() -> None:
    reads = _read(
        "Company,Title,Status,Applied,Status Date\n"
        "A,X,On-site,2026-09-01,2026-09-20\n"
        "B,Y,Wishlist,,\n"
        "C,Z,Offer received,2026-09-02,\n"
    )
    a, b, c = (r.document for r in reads)
    assert a.stage == "Interviewing"
    assert [(h.stage, h.at.astimezone().day) for h in a.stage_history] == [
        ("Applied", 1),
        ("Interviewing", 20),
    ]
    # A stage the row gives no date for is entered when the import learns of it, so the
    # current stage is always the latest entry of the history.
    assert b.stage == "Saved" and b.stage_history == (StageChange("Saved", NOW),)
    assert c.stage == "Offer"
    assert [(h.stage, h.at) for h in c.stage_history][-1] == ("Offer", NOW)


def test_a_saved_date_after_the_status_date_moves_back_to_it() -> None:
    (read,) = _read(
        "Company,Title,Status,Date Saved,Applied,Status Date\n"
        "A,X,Rejected,2026-09-25,2026-09-01,2026-09-20\n"
    )
    assert [(h.stage, h.at.astimezone().day) for h in read.document.stage_history] == [
        ("Applied", 1),
        ("Saved", 20),
        ("Rejected", 20),
    ]


def test_notes_and_contact_become_the_applications_note_and_contact() -> None:
    (full, sentence, nobody) = _read(
        "Company,Title,Applied,Notes,Contact,Where applied\n"
        "Northwind,Analyst,2026-09-01,Asked about visa,"
        '"Dana Reyes (Recruiter) <dana@northwind.example>",LinkedIn\n'
        "Contoso,Engineer,2026-09-02,,called twice no answer,\n"
        "Fabrikam,Tester,,,,\n"
    )
    doc = full.document
    assert doc.description == "Where applied: LinkedIn"  # the log's column reads it there
    (note,) = doc.application.notes
    assert note.text == "Asked about visa" and note.created_at.astimezone().day == 1
    (contact,) = doc.application.contacts
    assert contact.roles == ("recruiter",)
    assert (contact.fields.name, contact.fields.company, contact.fields.email) == (
        "Dana Reyes",
        "Northwind",
        "dana@northwind.example",
    )
    # A contact cell that names nobody is kept in the note, not made a person.
    assert sentence.document.application.contacts == ()
    assert sentence.document.application.notes[0].text == "Contact: called twice no answer"
    assert nobody.document.application is None


def test_a_contact_cell_naming_several_people() -> None:
    reads = _read(
        "Company,Title,Contact\n"
        'Northwind,Analyst,"Anna; Ben"\n'
        'Contoso,Engineer,"Dana Reyes; Recruiter; dana@contoso.example"\n'
        'Fabrikam,Tester,"Lee Park & Kim Ode <kim@fabrikam.example>\nLee Park"\n'
    )
    people = [
        [(c.fields.name, c.fields.title, c.fields.email) for c in r.document.application.contacts]
        for r in reads
    ]
    assert people[0] == [("Anna", None, None), ("Ben", None, None)]
    # Pieces naming nobody of their own (a title, an address) are the person's before them.
    assert people[1] == [("Dana Reyes", "Recruiter", "dana@contoso.example")]
    # One a line or joined by "&"; a person named twice is one contact.
    assert people[2] == [("Lee Park", None, None), ("Kim Ode", None, "kim@fabrikam.example")]
    assert all(r.document.application.notes == () for r in reads)


def test_a_tick_box_applied_column_and_no_status() -> None:
    reads = _read("Company,Title,Applied\nA,X,yes\nB,Y,no\n")
    assert [r.document.stage for r in reads] == ["Applied", "Saved"]


def test_salary_deadline_and_workplace() -> None:
    (read,) = _read(
        "Company,Title,Salary,Deadline,Workplace\nA,X,€55k - €65k a year,2026-12-24,Hybrid\n"
    )
    doc = read.document
    assert (doc.salary.min, doc.salary.max, doc.salary.currency) == (55000, 65000, "EUR")
    assert doc.valid_through == "2026-12-24" and doc.work_model == "Hybrid"


def test_a_status_mapped_to_a_renamed_stage_falls_back_with_a_note() -> None:
    table = read_table(b"Company,Title,Status\nA,X,Ghosted\n", "t.csv")
    (read,) = read_rows(table, propose(table.header), ["Saved", "Applied", "Rejected"], now=NOW)
    assert read.document.stage == "Applied"
    assert read.warnings == ("row 2: the status 'Ghosted' has no stage; imported as Applied",)
