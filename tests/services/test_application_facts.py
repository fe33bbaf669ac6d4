"""Application facts through the services: applied on (set by the move to Applied, editable),
rating 1-5, referral, the posting's deadline; wrong values named; undo's value."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.core.application_facts import StoredFacts, WorkspaceCounts
from desktop.core.contacts import ContactFields
from desktop.services import application_facts as facts
from desktop.services import contacts, documents, notes, pipeline, postings
from desktop.services.errors import NotFound
from desktop.services.library import Library
from tests.samples import amazon_document

APPLIED = datetime(2026, 11, 17, 9, 0, tzinfo=UTC)


def test_the_move_to_applied_sets_the_date_and_the_user_can_correct_it(db: Library) -> None:
    posting_id = postings.create_posting(db, amazon_document(valid_through="2026-12-15")).value
    shown = facts.get_facts(db, posting_id)
    assert shown.applied_at is None and shown.deadline == "2026-12-15"
    applied = pipeline.resolve_stage(db, "Applied")
    pipeline.move_application(db, posting_id, applied.id, at=APPLIED)
    shown = facts.get_facts(db, posting_id)
    assert shown.applied_at == APPLIED and not shown.applied_set_by_user
    own = datetime(2026, 11, 16, 20, 0, tzinfo=UTC)
    result = facts.change_facts(db, posting_id, applied_at=own)
    assert result.changes.facts == {posting_id} and result.value == StoredFacts()
    shown = facts.get_facts(db, posting_id)
    assert shown.applied_at == own and shown.applied_set_by_user


def test_rating_and_referral_are_kept_and_undo_gets_the_old_ones(db: Library) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    facts.change_facts(db, posting_id, rating=4)
    before = facts.change_facts(db, posting_id, referral=True).value
    assert before == StoredFacts(rating=4)
    shown = facts.get_facts(db, posting_id)
    assert (shown.rating, shown.referral) == (4, True)
    facts.set_facts(db, posting_id, before)
    assert facts.get_facts(db, posting_id).referral is None
    facts.set_facts(db, posting_id, StoredFacts())
    assert facts.get_facts(db, posting_id).stored == StoredFacts()


@pytest.mark.parametrize(
    ("changed", "words"),
    [
        ({"rating": 6}, "1 to 5"),
        ({"rating": 0}, "1 to 5"),
        ({"applied_at": datetime(2026, 1, 1)}, "time zone"),
        ({"applied_at": datetime(1200, 1, 1, tzinfo=UTC)}, "outside the years"),
    ],
)
def test_wrong_values_are_named_and_nothing_is_stored(
    db: Library, changed: dict, words: str
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    with pytest.raises(facts.InvalidFacts, match=words):
        facts.change_facts(db, posting_id, **changed)
    assert facts.get_facts(db, posting_id).stored == StoredFacts()


def test_facts_of_a_missing_posting_are_refused(db: Library) -> None:
    with pytest.raises(NotFound, match="Posting 404"):
        facts.set_facts(db, 404, StoredFacts(rating=3))


def test_the_workspace_counts_people_not_roles_and_a_gone_posting_counts_nothing(
    db: Library, tmp_path: Path
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    assert facts.workspace_counts(db, posting_id) == WorkspaceCounts()
    notes.add_note(db, posting_id, "one")
    notes.add_note(db, posting_id, "two")
    dana = contacts.add_contact(db, ContactFields(name="Dana", company="Amazon")).value
    contacts.link_contact(db, dana.id, posting_id, "recruiter")
    contacts.link_contact(db, dana.id, posting_id, "interviewer")
    resume = tmp_path / "resume.pdf"
    resume.write_bytes(b"%PDF resume")
    documents.attach_document(db, posting_id, resume)
    facts.change_facts(db, posting_id, rating=5)
    assert facts.workspace_counts(db, posting_id) == WorkspaceCounts(2, 1, 1, 5)
    postings.delete_posting(db, posting_id)
    assert facts.workspace_counts(db, posting_id) == WorkspaceCounts()
