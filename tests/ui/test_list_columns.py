"""The list: the status line says how many postings show ("3 postings", "1 of 3 postings"),
the header's menu chooses the columns, and the sort arrow points the way values grow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView
from pytestqt.qtbot import QtBot

from desktop.services import postings
from desktop.services.library import Library
from desktop.ui.models.posting_table_model import COL_POSTED, HEADERS
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


def test_the_header_menu_hides_and_shows_columns_and_they_stay_so(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window = make_window()
    header = window.list_page.table.horizontalHeader()
    menu = window.list_page.header_menu.column_menu()
    entries = {a.text(): a for a in menu.actions()}
    assert list(entries) == list(HEADERS) and all(a.isChecked() for a in entries.values())
    entries["Location"].setChecked(False)
    assert header.isSectionHidden(HEADERS.index("Location"))
    window.close()  # saved with the window
    again = make_window()
    again_header = again.list_page.table.horizontalHeader()
    assert again_header.isSectionHidden(HEADERS.index("Location"))
    menu = again.list_page.header_menu.column_menu()
    next(a for a in menu.actions() if a.text() == "Location").setChecked(True)
    assert not again_header.isSectionHidden(HEADERS.index("Location"))


def test_the_sort_arrow_points_the_way_values_grow(qtbot: QtBot, make_window) -> None:
    # Qt draws ascending as a down arrow; the list's header draws descending so (newest first
    # shows "▼"): its descending header looks exactly like a plain header sorted ascending.
    window = make_window()
    ours = window.list_page.table.horizontalHeader()
    plain = QTableView()
    qtbot.addWidget(plain)
    plain.setModel(window.list_page.model)
    plain.setSortingEnabled(True)
    plain.resize(window.list_page.table.size())
    plain_header = plain.horizontalHeader()
    for column in range(len(HEADERS)):
        plain_header.resizeSection(column, ours.sectionSize(column))
        plain_header.setSectionHidden(column, ours.isSectionHidden(column))
    plain_header.setStretchLastSection(ours.stretchLastSection())
    plain_header.resize(ours.size())
    ours.setSortIndicator(COL_POSTED, Qt.SortOrder.DescendingOrder)
    plain_header.setSortIndicator(COL_POSTED, Qt.SortOrder.AscendingOrder)
    assert ours.grab().toImage() == plain_header.grab().toImage()
    plain_header.setSortIndicator(COL_POSTED, Qt.SortOrder.DescendingOrder)
    assert ours.grab().toImage() != plain_header.grab().toImage()
