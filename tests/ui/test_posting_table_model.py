"""The postings list model: Qt's model rules, ids, sorting and searching in SQL."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from desktop.services import postings
from desktop.storage.database import Database
from desktop.ui.models.posting_table_model import (
    COL_COMPANY,
    COL_H1B,
    COL_STAGE,
    ID_ROLE,
    PostingTableModel,
)
from tests.samples import amazon_document


def test_the_model_follows_qts_rules_empty_and_full(
    qtmodeltester: ModelTester, db: Database
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


def test_rows_carry_the_posting_id_and_show_the_latest_h1b(db: Database) -> None:
    saved = postings.create_posting(db, amazon_document())
    model = PostingTableModel(db)
    model.reload()
    assert model.data(model.index(0, 0), ID_ROLE) == saved.posting_id
    assert model.data(model.index(0, COL_H1B)) == "18,969 (2025)"
    assert model.data(model.index(0, COL_STAGE)) == "Saved"
    assert model.row_of(saved.posting_id) == 0


def test_sorting_and_search_reorder_and_filter_rows(db: Database) -> None:
    for company in ("Beta", "alpha", "Gamma"):
        postings.create_posting(db, amazon_document(company=company, company_profile=None))
    model = PostingTableModel(db)
    model.sort(COL_COMPANY, Qt.SortOrder.AscendingOrder)
    assert [model.data(model.index(r, COL_COMPANY)) for r in range(3)] == ["alpha", "Beta", "Gamma"]
    model.sort(COL_COMPANY, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, COL_COMPANY)) == "Gamma"
    model.set_search("bet")
    assert model.rowCount() == 1
