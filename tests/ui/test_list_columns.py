"""The list: Title takes the room left, and the status line says how many postings show."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel
from pytestqt.qtbot import QtBot

from desktop.services import postings
from desktop.services.library import Library
from desktop.ui.models.posting_table_model import COL_TITLE
from tests.samples import amazon_document


def test_title_stretches_and_the_status_line_counts(qtbot: QtBot, make_window, db: Library) -> None:
    postings.create_postings(
        db,
        [amazon_document(title="Zebra Keeper")]
        + [amazon_document(title=f"Scientist {i}") for i in range(2)],
    )
    window = make_window()
    header = window.list_page.table.horizontalHeader()
    assert header.sectionResizeMode(COL_TITLE) == QHeaderView.ResizeMode.Stretch
    assert not header.stretchLastSection()
    count = window.findChild(QLabel, "list-count")
    assert count is not None and count.text() == "3 postings"
    window.list_page.search.setText("zebra")
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == 1)
    assert count.text() == "1 of 3 postings"
