"""Filters narrow the list, its counts and the board the same way, by every kind of term."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.core.application_facts import StoredFacts
from desktop.core.posting import Salary
from desktop.services import application_facts, pipeline, postings
from desktop.services.library import Library
from tests.samples import amazon_document

NOW = datetime.now(UTC)


def _posting(db: Library, title: str, **fields: object) -> int:
    fields.setdefault("salary", None)
    return postings.create_posting(db, amazon_document(title=title, **fields)).value


def _listed(db: Library, search: str) -> set[int]:
    ids = set(postings.list_posting_ids(db, search))
    assert postings.count_matching(db, search) == len(ids)  # the count agrees with the list
    board = pipeline.load_board(db, search)
    assert sum(stage.count for stage in board.stages) == len(ids)
    assert {card.id for card in board.cards} == ids
    return ids


def test_each_kind_of_filter_narrows_list_counts_and_board(db: Library) -> None:
    remote = _posting(
        db, "Rust engineer", work_model="Remote", employment_type="Full-time", location="Berlin"
    )
    onsite = _posting(
        db,
        "Data engineer",
        work_model="Onsite",
        employment_type="Contract",
        location="New York, NY",
        salary=Salary(min=100, max=200, currency="USD", period="hour", text=None),
        posted_at=NOW - timedelta(days=60),
    )
    applied = pipeline.resolve_stage(db, "Applied").id
    pipeline.move_application(db, onsite, applied)

    assert _listed(db, "stage:Applied") == {onsite}
    assert _listed(db, "stage:saved stage:applied") == {remote, onsite}
    assert _listed(db, "work:remote") == {remote}
    assert _listed(db, 'type:"full-time"') == {remote}
    assert _listed(db, "location:york") == {onsite}
    assert _listed(db, "salary:yes") == {onsite}
    assert _listed(db, "salary:no") == {remote}
    assert _listed(db, "posted:30d") == {remote}
    assert _listed(db, "applied:7d") == {onsite}
    assert _listed(db, "stage:Nowhere") == set()
    assert _listed(db, "engineer work:onsite") == {onsite}  # words and filters together
    assert _listed(db, "rust work:onsite") == set()


def test_the_users_own_applied_date_wins_over_the_move(db: Library) -> None:
    early = _posting(db, "Early")
    applied = pipeline.resolve_stage(db, "Applied").id
    pipeline.move_application(db, early, applied)
    application_facts.set_facts(db, early, StoredFacts(NOW - timedelta(days=40)))
    late = _posting(db, "Late")
    application_facts.set_facts(db, late, StoredFacts(NOW - timedelta(days=2)))

    assert _listed(db, "applied:30d") == {late}
    assert _listed(db, "applied:90d") == {early, late}


def test_a_location_or_type_with_letters_beyond_ascii_matches_in_any_case(db: Library) -> None:
    """SQLite folds ASCII letters only: "location:münchen" found nothing written "MÜNCHEN"."""
    munich = _posting(db, "Analyst", location="MÜNCHEN", employment_type="Teilzeit")
    zurich = _posting(db, "Engineer", location="Zürich", employment_type="BÉNÉVOLAT")
    _posting(db, "Designer", location="Berlin", employment_type="Full-time")

    assert _listed(db, "location:münchen") == {munich}
    assert _listed(db, "location:München") == {munich}
    assert _listed(db, "location:ZÜRICH") == {zurich}
    assert _listed(db, "location:münchen location:berlin") == {munich} | _listed(
        db, "location:berlin"
    )
    assert _listed(db, "type:bénévolat") == {zurich}
    assert _listed(db, "type:TEILZEIT") == {munich}
