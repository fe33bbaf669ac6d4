"""A tracker's rows on postings the library has: the row's dated stages join the posting's
history (the current stage staying the latest entry), its notes become the application's note
and its contact the company's contact with a part in the application; a second import adds
nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.core.posting import PostingDocument, StageChange
from desktop.importers.tables import read_table
from desktop.services import contacts, notes, pipeline, postings, tracker_import
from desktop.services.library import Library

LINK = "https://jobs.example.org/northwind/7"
SAVED_AT = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)


def saved_from_a_board(db: Library, **changes: object) -> int:
    doc = PostingDocument(
        title="Data Analyst",
        company="Northwind Traders",
        url=LINK,
        captured_at=SAVED_AT,
        description="Analyse the fleet's data.",
        stage="Saved",
        stage_history=(StageChange("Saved", SAVED_AT),),
    ).with_changes(**changes)
    return postings.create_posting(db, doc, now=SAVED_AT).value


def import_sheet(db: Library, text: str) -> tracker_import.TableImport:
    table = read_table(text.encode(), "sheet.csv")
    mapping = tracker_import.propose_mapping(table)
    return tracker_import.import_table(db, table, mapping, "sheet.csv")


SHEET = (
    "Company,Title,Link,Status,Date Applied,Notes,Contact\n"
    f"Northwind Traders,Data Analyst,{LINK},Applied,2026-10-02,Asked about the visa,"
    '"Dana Reyes (Recruiter) <dana@northwind.example>"\n'
)


def stages_of(db: Library, posting_id: int) -> list[tuple[str, str]]:
    return [
        (e.stage, e.at.astimezone().date().isoformat()) for e in pipeline.timeline(db, posting_id)
    ]


def test_a_posting_saved_from_a_board_gets_the_sheets_applied_date(db: Library) -> None:
    posting_id = saved_from_a_board(db)
    first = import_sheet(db, SHEET)
    assert (first.saved, first.updated) == (0, 1)
    assert pipeline.application(db, posting_id).stage == "Applied"
    # Applied before it was saved: Saved moves back with it, Applied is the latest entry.
    assert stages_of(db, posting_id) == [("Saved", "2026-10-02"), ("Applied", "2026-10-02")]
    assert posting_id in first.changes.moved and posting_id in first.changes.notes

    second = import_sheet(db, SHEET)
    assert (second.saved, second.updated, second.unchanged) == (0, 0, 1)
    assert stages_of(db, posting_id) == [("Saved", "2026-10-02"), ("Applied", "2026-10-02")]


def test_notes_and_contact_are_the_applications_own_and_come_once(db: Library) -> None:
    posting_id = saved_from_a_board(db)
    import_sheet(db, SHEET)
    import_sheet(db, SHEET)
    assert [n.text for n in notes.list_notes(db, posting_id)] == ["Asked about the visa"]
    (linked,) = contacts.contacts_of_posting(db, posting_id)
    assert linked.role == "recruiter"
    assert (linked.contact.name, linked.contact.fields.email) == (
        "Dana Reyes",
        "dana@northwind.example",
    )
    assert [c.name for c in contacts.contacts_of_company(db, "northwind traders")] == ["Dana Reyes"]
    # Nothing of it went into the posting's text.
    description = postings.get_posting(db, posting_id).description or ""
    assert "visa" not in description and "Dana" not in description


def test_a_new_row_keeps_its_note_and_contact_too(db: Library) -> None:
    result = import_sheet(db, SHEET.replace(LINK, "https://jobs.example.org/northwind/8"))
    (posting_id,) = result.changes.created
    assert [n.text for n in notes.list_notes(db, posting_id)] == ["Asked about the visa"]
    assert [c.contact.name for c in contacts.contacts_of_posting(db, posting_id)] == ["Dana Reyes"]
    assert posting_id in result.changes.contacts


def test_a_contact_known_at_the_company_is_linked_not_made_again(db: Library) -> None:
    posting_id = saved_from_a_board(db)
    from desktop.core.contacts import ContactFields

    known = contacts.add_contact(db, ContactFields("Dana Reyes", "Northwind Traders")).value
    import_sheet(db, SHEET)
    assert [c.id for c in contacts.contacts_of_company(db, "Northwind Traders")] == [known.id]
    assert [c.contact.id for c in contacts.contacts_of_posting(db, posting_id)] == [known.id]


def test_a_posting_further_along_gains_the_earlier_stage_and_stays_where_it_is(
    db: Library,
) -> None:
    posting_id = saved_from_a_board(db)
    offer = pipeline.resolve_stage(db, "Offer")
    pipeline.move_application(db, posting_id, offer.id, at=datetime(2026, 11, 20, tzinfo=UTC))
    import_sheet(db, SHEET)
    assert pipeline.application(db, posting_id).stage == "Offer"
    assert stages_of(db, posting_id) == [
        ("Saved", "2026-10-02"),
        ("Applied", "2026-10-02"),
        ("Offer", "2026-11-20"),
    ]


def test_a_stage_dated_after_the_current_one_is_left_out_and_said(db: Library) -> None:
    posting_id = saved_from_a_board(db)
    offer = pipeline.resolve_stage(db, "Offer")
    pipeline.move_application(db, posting_id, offer.id, at=datetime(2026, 10, 10, tzinfo=UTC))
    result = import_sheet(
        db,
        "Company,Title,Link,Status,Status Date\n"
        f"Northwind Traders,Data Analyst,{LINK},Interviewing,2026-10-15\n",
    )
    assert pipeline.application(db, posting_id).stage == "Offer"
    assert [s for s, _ in stages_of(db, posting_id)] == ["Saved", "Offer"]
    (said,) = [n for n in result.notes if "Interviewing" in n]
    assert "Offer" in said and "left out" in said


def test_two_rows_repeating_one_posting_both_add_their_stages(db: Library) -> None:
    posting_id = saved_from_a_board(db)
    result = import_sheet(
        db,
        "Company,Title,Link,Status,Date Applied,Status Date\n"
        f"Northwind Traders,Data Analyst,{LINK},Applied,2026-10-02,\n"
        f"Northwind Traders,Data Analyst,{LINK},Interview,2026-10-02,2026-10-20\n",
    )
    assert result.updated == 2
    assert pipeline.application(db, posting_id).stage == "Interviewing"
    assert stages_of(db, posting_id) == [
        ("Saved", "2026-10-02"),
        ("Applied", "2026-10-02"),
        ("Interviewing", "2026-10-20"),
    ]


def test_a_cell_naming_two_people_gives_two_contacts_once(db: Library) -> None:
    sheet = (
        "Company,Title,Link,Status,Date Applied,Contact\n"
        f"Northwind Traders,Data Analyst,{LINK},Applied,2026-10-02,"
        '"Anna Schmidt (Recruiter); Ben Meyer <ben@northwind.example>; Hiring manager"\n'
    )
    posting_id = saved_from_a_board(db)
    import_sheet(db, sheet)
    assert import_sheet(db, sheet).unchanged == 1
    linked = {c.contact.name: c for c in contacts.contacts_of_posting(db, posting_id)}
    assert sorted(linked) == ["Anna Schmidt", "Ben Meyer"]
    assert linked["Anna Schmidt"].role == "recruiter"
    # A piece naming nobody of its own (a title) belongs to the person before it.
    assert (linked["Ben Meyer"].role, linked["Ben Meyer"].contact.fields.email) == (
        "hiring manager",
        "ben@northwind.example",
    )
    assert notes.list_notes(db, posting_id) == []


def test_a_status_without_a_date_takes_its_place_among_the_dates_not_the_import_time(
    db: Library,
) -> None:
    posting_id = saved_from_a_board(db)  # saved on 5 Oct
    sheet = (
        "Company,Title,Link,Status,Date Applied\n"
        f"Northwind Traders,Data Analyst,{LINK},Interview,2026-10-02\n"
    )
    result = import_sheet(db, sheet)
    assert pipeline.application(db, posting_id).stage == "Interviewing"
    # Interviewing after the latest date known of the application (the save on 5 Oct), not
    # on the day of the import; Saved moves back before the application.
    assert stages_of(db, posting_id) == [
        ("Saved", "2026-10-02"),
        ("Applied", "2026-10-02"),
        ("Interviewing", "2026-10-05"),
    ]
    (said,) = [n for n in result.notes if "no date" in n]
    assert "Interviewing" in said and "Data Analyst" in said
    assert import_sheet(db, sheet).unchanged == 1


def test_a_status_without_a_date_goes_in_before_a_later_stage(db: Library) -> None:
    posting_id = saved_from_a_board(db)
    offer = pipeline.resolve_stage(db, "Offer")
    pipeline.move_application(db, posting_id, offer.id, at=datetime(2026, 11, 20, tzinfo=UTC))
    import_sheet(
        db,
        "Company,Title,Link,Status,Date Applied\n"
        f"Northwind Traders,Data Analyst,{LINK},Interview,2026-10-02\n",
    )
    assert pipeline.application(db, posting_id).stage == "Offer"
    assert [stage for stage, _ in stages_of(db, posting_id)] == [
        "Saved",
        "Applied",
        "Interviewing",
        "Offer",
    ]
