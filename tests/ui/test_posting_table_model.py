"""The postings list model: Qt's model rules, ids, sorting and searching in SQL."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from desktop.services import postings
from desktop.services.library import Library
from desktop.ui.models.posting_table_model import (
    COL_COMPANY,
    COL_H1B,
    COL_STAGE,
    ID_ROLE,
    PostingTableModel,
)
from tests.samples import amazon_document


def test_the_model_follows_qts_rules_empty_and_full(
    qtmodeltester: ModelTester, db: Library
) -> None:
    model = PostingTableModel(db)
    model.reload()
    qtmodeltester.check(model)
    postings.create_posting(db, amazon_document())
    postings.create_posting(db, amazon_document(company="Stripe", company_profile=None))
    model.reload()
    qtmodeltester.check(model)
    model.sort(COL_COMPANY, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)


def test_rows_carry_the_posting_id_and_show_the_latest_h1b(db: Library) -> None:
    saved = postings.create_posting(db, amazon_document())
    model = PostingTableModel(db)
    model.reload()
    assert model.data(model.index(0, 0), ID_ROLE) == saved.value
    assert model.data(model.index(0, COL_H1B)) == "18,969 (2025)"
    assert model.data(model.index(0, COL_STAGE)) == "Saved"
    assert model.row_of(saved.value) == 0


def test_sorting_and_search_reorder_and_filter_rows(db: Library) -> None:
    for company in ("Beta", "alpha", "Gamma"):
        postings.create_posting(db, amazon_document(company=company, company_profile=None))
    model = PostingTableModel(db)
    model.sort(COL_COMPANY, Qt.SortOrder.AscendingOrder)  # before the first load: no query
    assert model.rowCount() == 0
    model.reload()
    assert [model.data(model.index(r, COL_COMPANY)) for r in range(3)] == ["alpha", "Beta", "Gamma"]
    model.sort(COL_COMPANY, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, COL_COMPANY)) == "Gamma"
    model.set_search("bet")
    assert model.rowCount() == 1


def test_a_large_list_is_read_page_by_page_in_the_same_order(
    qtmodeltester: ModelTester, db: Library, monkeypatch
) -> None:
    from desktop.ui.models import posting_table_model as module

    # Pages of 4 ids and 3 rows, nothing read whole: 10 postings behave like 100,000.
    monkeypatch.setattr(module, "ID_PAGE_SIZE", 4)
    monkeypatch.setattr(module, "PAGE_SIZE", 3)
    monkeypatch.setattr(module, "EAGER_IDS", 5)
    postings.create_postings(db, [amazon_document(title=f"Job {i:02}") for i in range(10)])
    model = PostingTableModel(db)
    model.sort(1, Qt.SortOrder.AscendingOrder)  # by title
    model.reload()
    assert model.rowCount() == 10
    last = next(row for row in postings.list_postings(db) if row.title == "Job 09")
    assert model.row_of(last.id) is None  # on a page not read yet
    titles = [model.data(model.index(r, 1)) for r in range(10)]
    assert titles == [f"Job {i:02}" for i in range(10)]
    qtmodeltester.check(model)
    model.set_search("nothing-like-this")
    assert model.rowCount() == 0
