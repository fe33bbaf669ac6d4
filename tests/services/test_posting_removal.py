"""Deleting a posting can be undone: everything that hung on it comes back as it was (its
history, notes, contacts' roles, documents, interviews, tasks, facts, login and password,
its company's profile, its place in search), even when another posting took its id."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desktop.core.application_facts import StoredFacts
from desktop.core.contacts import ContactFields
from desktop.services import (
    application_facts,
    contacts,
    documents,
    export,
    interviews,
    logins,
    notes,
    pipeline,
    posting_removal,
    postings,
    stages,
    tasks,
)
from desktop.services.library import Library
from tests.samples import amazon_document
from tests.secrets.memory_keyring import MemoryKeyring

AT = datetime(2026, 11, 17, 9, 0, tzinfo=UTC)


def _everything(db: Library, tmp_path: Path, title: str = "Backend Engineer") -> int:
    posting_id = postings.create_posting(db, amazon_document(title=title), now=AT).value
    applied = pipeline.resolve_stage(db, "Applied").id
    pipeline.move_application(db, posting_id, applied, at=AT)
    notes.add_note(db, posting_id, "Phone screen with Dana", now=AT)
    dana = contacts.add_contact(db, ContactFields(name="Dana Reyes", company="Amazon")).value
    contacts.link_contact(db, dana.id, posting_id, "recruiter")
    resume = tmp_path / "resume.pdf"
    resume.write_bytes(b"%PDF resume")
    documents.attach_document(db, posting_id, resume, label="Resume v3", sent_on=date(2026, 11, 2))
    application_facts.set_facts(db, posting_id, StoredFacts(AT, 4, True))
    start = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
    interviews.add_interview(db, interviews.new_interview(posting_id, "phone-screen", start))
    due = date(2026, 12, 4)
    tasks.add_task(db, tasks.new_task(posting_id, "Send thanks", due, time_zone="UTC"))
    logins.set_login(db, posting_id, url="https://jobs.example", username="me", password="s3cret")
    return posting_id


def _exported(db: Library) -> list[dict]:
    return json.loads(export.export_json(db))


def test_undoing_a_delete_brings_back_everything_that_hung_on_the_posting(
    db: Library, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    posting_id = _everything(db, tmp_path)
    before = _exported(db)

    removed, changes = posting_removal.remove_posting(db, posting_id)
    assert changes.deleted == {posting_id}
    assert postings.count_postings(db) == 0
    assert notes.list_notes(db, posting_id) == [] and documents.documents_of(db, posting_id) == []
    assert len(memory_keyring.entries) == 1  # the password waits for a possible undo

    back, changes = posting_removal.put_back_posting(db, removed)
    assert back == posting_id and changes.created == {posting_id}
    assert {"notes", "contacts", "documents", "tasks", "interviews", "facts", "logins"} <= {
        kind.value for kind in changes.kinds
    }
    assert _exported(db) == before
    assert [e.stage for e in pipeline.timeline(db, posting_id)] == ["Saved", "Applied"]
    assert logins.reveal_password(db, posting_id) == "s3cret"
    assert postings.list_posting_ids(db, "dana") == [posting_id]  # its notes are searched again
    assert postings.list_posting_ids(db, "backend") == [posting_id]


def test_a_posting_added_meanwhile_keeps_its_id_and_the_restored_one_gets_a_new_one(
    db: Library, tmp_path: Path
) -> None:
    posting_id = _everything(db, tmp_path)
    before = _exported(db)[0]
    removed = posting_removal.remove_posting(db, posting_id).value
    newcomer = postings.create_posting(db, amazon_document(title="Newcomer")).value
    assert newcomer == posting_id  # SQLite hands the freed id out again

    back = posting_removal.put_back_posting(db, removed).value

    assert back != posting_id
    by_title = {p["title"]: p for p in _exported(db)}
    restored = by_title["Backend Engineer"]
    assert {k: v for k, v in restored.items() if k != "id"} == {
        k: v for k, v in before.items() if k != "id"
    }
    assert [n.text for n in notes.list_notes(db, back)] == ["Phone screen with Dana"]
    assert notes.list_notes(db, newcomer) == []
    assert logins.reveal_password(db, back) == "s3cret"
    assert postings.list_posting_ids(db, "newcomer") == [newcomer]


def test_a_company_deleted_with_its_last_posting_comes_back_with_its_profile(db: Library) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    before = _exported(db)
    assert before[0]["company_profile"]
    removed = posting_removal.remove_posting(db, posting_id).value
    assert removed.company  # nothing else used Amazon: it went too

    posting_removal.put_back_posting(db, removed)

    assert _exported(db) == before


def test_a_company_of_that_name_added_meanwhile_is_joined(db: Library) -> None:
    posting_id = postings.create_posting(db, amazon_document(title="First")).value
    removed = posting_removal.remove_posting(db, posting_id).value
    postings.create_posting(db, amazon_document(title="Second"))

    back = posting_removal.put_back_posting(db, removed).value

    assert {p["company"] for p in _exported(db)} == {"Amazon"}
    assert postings.get_posting(db, back).company == "Amazon"


def test_a_contact_deleted_meanwhile_is_left_out_and_the_rest_comes_back(
    db: Library, tmp_path: Path
) -> None:
    posting_id = _everything(db, tmp_path)
    removed = posting_removal.remove_posting(db, posting_id).value
    (dana,) = contacts.contacts_of_company(db, "Amazon")
    contacts.delete_contact(db, dana.id)

    posting_removal.put_back_posting(db, removed)

    assert contacts.contacts_of_posting(db, posting_id) == []
    assert [n.text for n in notes.list_notes(db, posting_id)] == ["Phone screen with Dana"]


def test_a_stage_deleted_meanwhile_refuses_the_undo_by_name_and_writes_nothing(
    db: Library,
) -> None:
    stages.add_stage(db, "Take-home")
    posting_id = postings.create_posting(db, amazon_document(stage="Take-home")).value
    removed = posting_removal.remove_posting(db, posting_id).value
    stages.delete_stage(db, pipeline.resolve_stage(db, "Take-home").id)

    refused = "its stage 'Take-home' was deleted since"
    with pytest.raises(posting_removal.PostingNotRestored, match=refused):
        posting_removal.put_back_posting(db, removed)
    assert postings.count_postings(db) == 0


def test_passwords_of_postings_never_put_back_are_forgotten_and_restored_ones_kept(
    db: Library, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    kept = _everything(db, tmp_path, "Kept")
    gone = _everything(db, tmp_path, "Gone")
    assert len(memory_keyring.entries) == 2
    first = posting_removal.remove_posting(db, kept).value
    second = posting_removal.remove_posting(db, gone).value
    posting_removal.put_back_posting(db, first)

    posting_removal.forget_unused_secrets(db, [first, second])

    assert len(memory_keyring.entries) == 1
    assert logins.reveal_password(db, kept) == "s3cret"


def test_delete_for_good_forgets_the_password(
    db: Library, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    posting_id = _everything(db, tmp_path)
    postings.delete_posting(db, posting_id)
    assert memory_keyring.entries == {}
    with pytest.raises(postings.PostingNotFound):
        postings.delete_posting(db, posting_id)
