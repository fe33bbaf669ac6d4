"""Postings in and out of their rows: a document comes back as it went in; nothing is orphaned."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.storage import (
    company_records,
    duplicate_checks,
    posting_documents,
    posting_records,
    posting_removal,
)
from desktop.storage.database import Database
from desktop.storage.models import Company
from desktop.storage.record_errors import PostingMissing, StageMissing
from tests.samples import amazon_document
from tests.storage.conftest import NOW


def _insert(store: Database, *docs) -> list[int]:
    with store.writing() as session:
        return posting_records.insert_postings(session, list(docs), NOW)


def test_a_document_comes_back_as_it_was_stored(store: Database) -> None:
    (posting_id,) = _insert(store, amazon_document())
    with store.querying() as connection:
        back = posting_documents.read_document(connection, posting_id)
    assert back is not None
    expected = amazon_document()
    assert back.with_changes(id=None, stage=None, stage_history=()) == expected
    assert back.id == posting_id and back.stage == "Saved"
    assert [c.stage for c in back.stage_history] == ["Saved"]


def test_a_missing_posting_or_stage_is_named_by_kind(store: Database) -> None:
    with store.reading() as session, pytest.raises(PostingMissing, match="no posting with id 9"):
        posting_records.load_posting(session, 9)
    with pytest.raises(StageMissing, match="no stage named 'Nowhere'"):
        _insert(store, amazon_document(stage="Nowhere"))


def test_deleting_the_last_posting_of_a_company_deletes_the_company(store: Database) -> None:
    first, second = _insert(store, amazon_document(title="A"), amazon_document(title="B"))
    with store.plain_writing() as connection:
        posting_removal.take_out(connection, first)
    with store.reading() as session:
        assert session.scalars(select(Company.name)).all() == ["Amazon"]
    with store.plain_writing() as connection:
        posting_removal.take_out(connection, second)
    with store.reading() as session:
        assert session.scalars(select(Company.name)).all() == []


def test_a_company_is_found_by_its_folded_name(store: Database) -> None:
    _insert(store, amazon_document())
    with store.writing() as session:
        found = company_records.find_or_create_company(session, "  aMAZON ")
        assert found.name == "Amazon"


def test_duplicates_are_found_by_link_then_company_and_title_then_text(store: Database) -> None:
    (posting_id,) = _insert(store, amazon_document())
    with store.reading() as session:
        same_link = duplicate_checks.find_duplicate(session, amazon_document(title="Other"))
        retitled = amazon_document(url=None, title=amazon_document().title.upper())
        same_title = duplicate_checks.find_duplicate(session, retitled)
        same_text = duplicate_checks.find_duplicate(
            session, amazon_document(url=None, title="Reinforcement Learning Intern")
        )
    assert same_link == (posting_id, "same link")
    assert same_title == (posting_id, "same company and title")
    assert same_text == (posting_id, "nearly the same text")
