"""The filter bar under the search box: ticking a value narrows the list and the board, the
status line says "N of M", Clear filters shows all again, and the filters come back with the
window."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from desktop.services import pipeline, postings
from desktop.services.library import Library
from desktop.ui.main_window import MainWindow
from desktop.ui.models.posting_table_model import COL_TITLE
from tests.samples import amazon_document


def _library(db: Library) -> dict[str, int]:
    ids = {
        "remote": postings.create_posting(
            db, amazon_document(title="Remote role", work_model="Remote")
        ).value,
        "onsite": postings.create_posting(db, amazon_document(title="Onsite role")).value,
        "hybrid": postings.create_posting(
            db, amazon_document(title="Hybrid role", work_model="Hybrid")
        ).value,
    }
    applied = pipeline.resolve_stage(db, "Applied").id
    pipeline.move_application(db, ids["onsite"], applied)
    return ids


def _titles(window: MainWindow) -> list[str]:
    model = window.list_page.model
    return sorted(model.data(model.index(row, COL_TITLE)) for row in range(model.rowCount()))


def _tick(qtbot: QtBot, window: MainWindow, key: str, text: str) -> None:
    """Open the choice's menu as a click does, and trigger the entry that starts with ``text``."""
    button = window.list_page.filters.findChild(QToolButton, f"filter-{key}")
    menu = button.menu()
    menu.aboutToShow.emit()  # what opening it does: the entries are read then
    (action,) = [a for a in menu.actions() if a.text().startswith(text)]
    with qtbot.waitSignal(window.list_page.model.modelReset):
        action.trigger()


def test_ticking_filters_narrows_the_list_and_the_board_and_says_n_of_m(
    qtbot: QtBot, make_window, db: Library
) -> None:
    _library(db)
    window = make_window()
    status = window.list_page.count_label

    _tick(qtbot, window, "work", "Remote")
    assert _titles(window) == ["Remote role"]
    assert status.text() == "1 of 3 postings"
    button = window.list_page.filters.findChild(QToolButton, "filter-work")
    assert button.text() == "Work model: Remote" and button.font().bold()

    _tick(qtbot, window, "work", "Onsite")  # a second value of one kind widens
    assert _titles(window) == ["Onsite role", "Remote role"]
    _tick(qtbot, window, "stage", "Applied")  # another kind narrows
    assert _titles(window) == ["Onsite role"]

    window.show_page(window.board_page)
    qtbot.waitUntil(lambda: bool(window.board_page.view.columns))
    counts = {c.stage.name: c.model.rowCount() for c in window.board_page.view.columns}
    assert counts["Applied"] == 1 and counts["Saved"] == 0

    window.list_page.filters.clear_button.click()
    assert _titles(window) == ["Hybrid role", "Onsite role", "Remote role"]
    assert status.text() == "3 postings"
    assert not window.list_page.filters.clear_button.isVisibleTo(window)


def test_words_and_filters_together_and_a_clear_message_when_nothing_passes(
    qtbot: QtBot, make_window, db: Library
) -> None:
    _library(db)
    window = make_window()
    _tick(qtbot, window, "work", "Hybrid")
    qtbot.keyClicks(window.list_page.search, "remote")
    qtbot.waitUntil(lambda: window.list_page.currentWidget() is window.list_page.no_match)
    assert window.list_page.no_match.text() == (
        "No postings match “remote” with the filters set (Clear filters shows all)."
    )


def test_typed_words_find_the_work_model_and_stage_they_name(
    qtbot: QtBot, make_window, db: Library
) -> None:
    _library(db)
    window = make_window()
    status = window.list_page.count_label

    qtbot.keyClicks(window.list_page.search, "remote")
    qtbot.waitUntil(lambda: status.text() == "1 of 3 postings")
    assert _titles(window) == ["Remote role"]  # its text never says "remote"

    window.list_page.search.clear()
    qtbot.keyClicks(window.list_page.search, "applied")
    qtbot.waitUntil(lambda: _titles(window) == ["Onsite role"])  # moved to Applied
    assert status.text() == "1 of 3 postings"
    window.show_page(window.board_page)
    qtbot.waitUntil(lambda: bool(window.board_page.view.columns))
    counts = {c.stage.name: c.model.rowCount() for c in window.board_page.view.columns}
    assert counts["Applied"] == 1 and counts["Saved"] == 0


def test_filters_come_back_with_the_window(qtbot: QtBot, db: Library, settings: QSettings) -> None:
    _library(db)
    first = MainWindow(db, settings)
    qtbot.addWidget(first)
    first.show()
    _tick(qtbot, first, "salary", "Without")
    _tick(qtbot, first, "stage", "Saved")
    assert _titles(first) == ["Hybrid role", "Remote role"]
    first.close()

    second = MainWindow(db, settings)
    qtbot.addWidget(second)
    second.show()
    assert _titles(second) == ["Hybrid role", "Remote role"]
    assert second.list_page.filters.ticked("stage") == ["Saved"]
    assert second.list_page.filters.ticked("salary") == ["no"]
    assert second.list_page.count_label.text() == "2 of 3 postings"
    second.close()


def test_another_part_can_add_a_choice_and_its_saved_values_wait_for_it(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window = make_window()
    bar = window.list_page.filters
    bar.restore({"priority": ["high"]})  # saved by a window that had the choice
    bar.add_choice("priority", "Priority", lambda: [("high", "High (0)")], "priority:{}".format)
    assert bar.ticked("priority") == ["high"]
    assert bar.terms() == "priority:high"


def test_the_bar_wraps_in_a_narrow_window_instead_of_widening_it(make_window) -> None:
    window = make_window()
    bar = window.list_page.filters
    assert bar.minimumSizeHint().width() < 200  # never wider than its widest button
    assert bar.heightForWidth(200) > bar.heightForWidth(2000)  # two or more rows, not one
