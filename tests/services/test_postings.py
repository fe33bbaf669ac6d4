"""Saving, editing, listing and deleting postings through the services, on a real file."""

from __future__ import annotations

import pytest

from desktop.core.listing import SortKey
from desktop.services import postings
from desktop.services.library import Library
from tests.samples import amazon_document


def test_a_saved_posting_comes_back_field_for_field(db: Library) -> None:
    doc = amazon_document(raw="Amazon · 9 hours ago\r\n<b>as pasted</b>\u00a0")
    saved = postings.create_posting(db, doc)
    stored = postings.get_posting(db, saved.value)
    assert stored.with_changes(id=None, stage=None, stage_history=()) == doc
    assert stored.raw == "Amazon · 9 hours ago\r\n<b>as pasted</b>\u00a0"
    assert saved.changes.created == {saved.value}


def test_a_new_posting_starts_saved_with_one_history_entry(db: Library) -> None:
    saved = postings.create_posting(db, amazon_document())
    stored = postings.get_posting(db, saved.value)
    assert stored.stage == "Saved"
    assert [change.stage for change in stored.stage_history] == ["Saved"]


def test_two_postings_from_one_company_share_its_profile(db: Library) -> None:
    first = postings.create_posting(db, amazon_document())
    second = postings.create_posting(
        db, amazon_document(title="SDE Intern", company="amazon ", company_profile=None)
    )
    profile = postings.get_posting(db, second.value).company_profile
    assert profile == postings.get_posting(db, first.value).company_profile
    assert profile is not None and profile.funding is not None
    assert profile.funding.total_usd == 8_110_000_000


def test_editing_keeps_raw_and_stage_and_replaces_the_rest(db: Library) -> None:
    saved = postings.create_posting(db, amazon_document(raw="original paste"))
    edited = amazon_document(title="Edited title", benefits=("Housing",), raw="ignored")
    postings.update_posting(db, saved.value, edited)
    stored = postings.get_posting(db, saved.value)
    assert stored.title == "Edited title"
    assert stored.benefits == ("Housing",)
    assert stored.raw == "original paste"
    assert stored.stage == "Saved"


def test_a_posting_needs_a_title_and_a_company(db: Library) -> None:
    with pytest.raises(postings.InvalidPosting, match="title"):
        postings.create_posting(db, amazon_document(title="  "))
    with pytest.raises(postings.InvalidPosting, match="company"):
        postings.create_posting(db, amazon_document(company=None))
    assert postings.count_postings(db) == 0


def test_deleting_removes_the_posting_and_an_unused_company(db: Library) -> None:
    saved = postings.create_posting(db, amazon_document())
    postings.delete_posting(db, saved.value)
    assert postings.list_postings(db) == []
    with pytest.raises(postings.PostingNotFound):
        postings.get_posting(db, saved.value)
    again = postings.create_posting(db, amazon_document(company_profile=None, industries=()))
    assert postings.get_posting(db, again.value).company_profile is None


def test_search_matches_every_word_anywhere_in_the_main_fields(db: Library) -> None:
    postings.create_posting(db, amazon_document())
    postings.create_posting(
        db, amazon_document(title="Data Engineer", company="Stripe", company_profile=None)
    )
    assert [r.company for r in postings.list_postings(db, "reinforcement amazon")] == ["Amazon"]
    assert [r.company for r in postings.list_postings(db, "STRIPE")] == ["Stripe"]
    assert postings.list_postings(db, "100%_") == []


def test_the_list_comes_whole_when_short_and_a_page_at_a_time_when_long(db: Library) -> None:
    for company in ("Alpha", "Beta", "Gamma", "Delta", "Epsilon"):
        postings.create_posting(db, amazon_document(company=company, company_profile=None))
    in_order = postings.list_posting_ids(db, sort=SortKey.COMPANY, descending=False)

    whole = postings.count_and_first_ids(
        db, sort=SortKey.COMPANY, descending=False, page=2, whole_up_to=10
    )
    assert whole == (5, in_order)
    # More matches than whole_up_to: the exact count, and only the first page.
    paged = postings.count_and_first_ids(
        db, sort=SortKey.COMPANY, descending=False, page=2, whole_up_to=3
    )
    assert paged == (5, in_order[:2])
    # The same for a search: "alpha" matches one posting, "amazon" (in the text) all five.
    assert postings.count_and_first_ids(db, "alpha", page=2, whole_up_to=3)[0] == 1
    assert postings.count_and_first_ids(db, "amazon", page=2, whole_up_to=3)[0] == 5


def test_the_list_sorts_by_any_column_with_blanks_last(db: Library) -> None:
    postings.create_posting(db, amazon_document(company="Beta", company_profile=None))
    postings.create_posting(db, amazon_document(company="alpha", company_profile=None))
    postings.create_posting(db, amazon_document(company="Gamma"))
    by_company = [
        r.company for r in postings.list_postings(db, sort=SortKey.COMPANY, descending=False)
    ]
    assert by_company == ["alpha", "Beta", "Gamma"]
    by_h1b = [r.company for r in postings.list_postings(db, sort=SortKey.H1B, descending=False)]
    assert by_h1b[0] == "Gamma"
    rows = postings.list_postings(db)
    gamma = next(r for r in rows if r.company == "Gamma")
    assert (gamma.h1b_latest_year, gamma.h1b_latest_count) == (2025, 18969)
