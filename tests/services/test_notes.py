"""Notes on applications through the services, on a real file: newest first, found by search,
edited and deleted with what undo needs, refused with a reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.core.notes import MAX_NOTE_CHARS, text_and_links
from desktop.services import notes, postings
from desktop.services.errors import NotFound
from desktop.services.library import Library
from tests.samples import amazon_document

T0 = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def _posting(db: Library, **changes: object) -> int:
    return postings.create_posting(db, amazon_document(**changes)).value


def test_notes_come_back_newest_first_with_their_times(db: Library) -> None:
    posting_id = _posting(db)
    first = notes.add_note(db, posting_id, "Called the recruiter", now=T0)
    notes.add_note(db, posting_id, "Sent thank-you mail", now=T0 + timedelta(days=1))
    shown = notes.list_notes(db, posting_id)
    assert [n.text for n in shown] == ["Sent thank-you mail", "Called the recruiter"]
    assert shown[1].created_at == T0 and shown[1].id == first.value.id
    assert first.changes.notes == {posting_id}
    assert notes.count_notes(db, posting_id) == 2


def test_a_note_keeps_its_lines_and_loses_invisible_characters(db: Library) -> None:
    posting_id = _posting(db)
    saved = notes.add_note(db, posting_id, "\r\nLine one\u200b\r\n\r\n  Line two  \n\n").value
    assert saved.text == "Line one\n\n  Line two"


@pytest.mark.parametrize("text", ["", "   \n\t ", "x" * (MAX_NOTE_CHARS + 1)])
def test_an_empty_or_huge_note_is_refused_and_nothing_is_stored(db: Library, text: str) -> None:
    posting_id = _posting(db)
    with pytest.raises(notes.InvalidNote, match="note"):
        notes.add_note(db, posting_id, text)
    assert notes.list_notes(db, posting_id) == []


def test_a_note_on_a_missing_posting_is_refused_by_name(db: Library) -> None:
    with pytest.raises(NotFound, match="Posting 999"):
        notes.add_note(db, 999, "hello")


def test_the_search_finds_a_posting_by_its_notes_and_forgets_deleted_ones(db: Library) -> None:
    posting_id = _posting(db)
    _posting(db, title="Other job", company="Other Co")
    assert postings.count_matching(db, "zeppelin") == 0
    note = notes.add_note(db, posting_id, "Ask about the zeppelin project").value
    assert postings.list_posting_ids(db, "zeppelin") == [posting_id]
    # every word, across the posting's own text and its notes
    assert postings.list_posting_ids(db, "amazon zeppelin") == [posting_id]
    notes.edit_note(db, note.id, "Ask about the airship project")
    assert postings.count_matching(db, "zeppelin") == 0
    assert postings.list_posting_ids(db, "airship") == [posting_id]
    notes.delete_note(db, note.id)
    assert postings.count_matching(db, "airship") == 0


def test_editing_the_posting_keeps_its_notes_searchable(db: Library) -> None:
    posting_id = _posting(db)
    notes.add_note(db, posting_id, "Referral from Dana")
    postings.update_posting(db, posting_id, amazon_document(title="Renamed role"))
    assert postings.list_posting_ids(db, "dana renamed") == [posting_id]


def test_edit_returns_the_old_note_and_undo_puts_it_back(db: Library) -> None:
    posting_id = _posting(db)
    note = notes.add_note(db, posting_id, "first draft", now=T0).value
    before = notes.edit_note(db, note.id, "second draft", now=T0 + timedelta(hours=1)).value
    assert before.text == "first draft"
    (edited,) = notes.list_notes(db, posting_id)
    assert edited.text == "second draft" and edited.updated_at > edited.created_at
    notes.put_back_text(db, before)
    assert notes.list_notes(db, posting_id) == [note]


def test_a_deleted_note_comes_back_as_it_was(db: Library) -> None:
    posting_id = _posting(db)
    note = notes.add_note(db, posting_id, "Salary talk: 150k", now=T0).value
    removed = notes.delete_note(db, note.id)
    assert removed.value == note and removed.changes.notes == {posting_id}
    assert notes.list_notes(db, posting_id) == []
    notes.restore_note(db, note)
    assert notes.list_notes(db, posting_id) == [note]
    assert postings.list_posting_ids(db, "150k") == [posting_id]


def test_a_missing_note_is_named(db: Library) -> None:
    with pytest.raises(notes.NoteNotFound, match="Note 41"):
        notes.edit_note(db, 41, "x")
    with pytest.raises(notes.NoteNotFound, match="Note 41"):
        notes.delete_note(db, 41)


def test_deleting_the_posting_deletes_its_notes(db: Library) -> None:
    posting_id = _posting(db)
    notes.add_note(db, posting_id, "gone with it")
    postings.delete_posting(db, posting_id)
    assert notes.list_notes(db, posting_id) == []


def test_only_web_mail_and_phone_links_are_offered() -> None:
    pieces = text_and_links(
        "See https://jobs.example.com/1. Mail mailto:a@b.org or call tel:+1555; "
        "not javascript:alert(1) nor file:///etc/passwd, but www.acme.io works"
    )
    links = [(text, target) for text, target in pieces if target]
    assert links == [
        ("https://jobs.example.com/1", "https://jobs.example.com/1"),
        ("mailto:a@b.org", "mailto:a@b.org"),
        ("tel:+1555", "tel:+1555"),
        ("www.acme.io", "https://www.acme.io"),
    ]
    assert "".join(text for text, _ in pieces).startswith("See https://jobs")
