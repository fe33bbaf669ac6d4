"""The list's status line says how many postings show: "3 postings", "1 of 3 postings"."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.services import postings
from desktop.services.library import Library
from tests.samples import amazon_document


def test_the_status_line_counts_the_postings_shown(qtbot: QtBot, make_window, db: Library) -> None:
    postings.create_postings(
        db,
        [amazon_document(title="Zebra Keeper")]
        + [amazon_document(title=f"Scientist {i}") for i in range(2)],
    )
    window = make_window()
    count = window.findChild(QLabel, "list-count")
    assert count is not None and count.text() == "3 postings"
    window.list_page.search.setText("zebra")
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == 1)
    assert count.text() == "1 of 3 postings"
