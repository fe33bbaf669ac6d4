"""The window's one door: what users saw go wrong before it, each fixed and held here.

- Move a card, delete that posting elsewhere, press Ctrl+Z: a clear message, no traceback.
- A salary typed as from/to reads the same in the list, on the card and in the detail pane.
- A change to one posting updates its row (``dataChanged``): the list keeps its place.
- One label change reads the posting no more than once and resets no model.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.posting import Salary
from desktop.services import labels, pipeline, postings
from desktop.services.library import Library
from desktop.ui.main_window import MainWindow
from desktop.ui.models.posting_table_model import COL_SALARY, COL_STAGE, COL_TITLE
from tests.samples import amazon_document


def _column(window: MainWindow, name: str):
    return next(c for c in window.board_page.view.columns if c.stage.name == name)


def _drop(window: MainWindow, source: str, row: int, target: str) -> None:
    source_model = _column(window, source).model
    mime = source_model.mimeData([source_model.index(row)])
    target_model = _column(window, target).model
    assert target_model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, QModelIndex())


def _error_boxes(window: MainWindow) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox, "error-box") if b.isVisible()]


def test_undoing_a_move_of_a_deleted_posting_says_so_without_a_traceback(
    qtbot: QtBot, make_window, db: Library
) -> None:
    posting = postings.create_posting(db, amazon_document(title="Gone")).value
    window = make_window()
    window.show_page(window.board_page)
    with qtbot.waitSignal(window.changes_applied):
        _drop(window, "Saved", 0, "Applied")
    assert window.action("window.undo").text() == "&Undo Move to Applied"
    # Deleted elsewhere (the command line, another window): no undo step of ours knows.
    changes = postings.delete_posting(db, posting)
    with qtbot.waitSignal(window.changes_applied):
        window.operations.broadcast(changes)

    window.action("window.undo").trigger()  # pytest-qt fails the test on any exception here

    (box,) = _error_boxes(window)
    assert box.text() == f"Undo Move to Applied: There is no posting with id {posting}."
    assert not window.undo_stack.canUndo()  # the step that cannot be undone is gone
    assert window.board_page.view.columns  # the window carries on


def test_a_salary_typed_as_from_and_to_reads_the_same_everywhere(
    qtbot: QtBot, make_window, db: Library
) -> None:
    typed = Salary(min=160000, max=210000, currency="USD", period="year", text=None)
    postings.create_posting(db, amazon_document(salary=typed))
    window = make_window()
    shown = "160,000 - 210,000 USD per year"
    model = window.list_page.model
    assert model.data(model.index(0, COL_SALARY)) == shown
    window.show_page(window.board_page)
    (card,) = _column(window, "Saved").model.cards()
    assert card.salary_shown == shown
    assert shown in [label.text() for label in window.side.detail.findChildren(QLabel)]


def test_a_change_to_one_posting_updates_its_row_and_keeps_the_lists_place(
    qtbot: QtBot, make_window, db: Library
) -> None:
    ids = [postings.create_posting(db, amazon_document(title=f"P{n:03}")).value for n in range(120)]
    window = make_window()
    window.resize(900, 500)
    table, model = window.list_page.table, window.list_page.model
    table.scrollToBottom()
    qtbot.wait(10)
    scrolled = table.verticalScrollBar().value()
    assert scrolled > 0
    last = model.posting_id(model.rowCount() - 1)
    window.list_page.select(last)
    resets: list[int] = []
    changed_rows: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda top, _bottom: changed_rows.append(top.row()))

    doc = postings.get_posting(db, last).with_changes(title="Renamed, same place")
    window.operations.run("Edit", lambda: postings.update_posting(db, last, doc))
    assert resets == []
    assert changed_rows == [model.rowCount() - 1]
    assert model.data(model.index(model.rowCount() - 1, COL_TITLE)) == "Renamed, same place"
    assert table.verticalScrollBar().value() == scrolled
    assert window.selected_id() == last

    # A move from the board shows in the list's stage column the same way.
    applied = pipeline.resolve_stage(db, "Applied").id
    window.operations.run("Move", lambda: pipeline.move_application(db, last, applied))
    assert resets == []
    assert model.data(model.index(model.rowCount() - 1, COL_STAGE)) == "Applied"
    assert table.verticalScrollBar().value() == scrolled
    assert ids  # (all 120 are listed)


def test_one_label_change_reads_each_view_once_and_resets_no_model(
    qtbot: QtBot, make_window, db: Library, monkeypatch
) -> None:
    posting = postings.create_posting(db, amazon_document(title="Labelled")).value
    window = make_window()
    window.show_page(window.board_page)
    window.board_page.view.select_card(posting)
    reads: list[str] = []
    monkeypatch.setattr(
        labels,
        "labels_of",
        lambda *a, _o=labels.labels_of, **k: (reads.append("labels_of"), _o(*a, **k))[1],
    )
    for name in ("get_posting", "posting_rows"):
        original = getattr(postings, name)
        monkeypatch.setattr(
            postings, name, lambda *a, _o=original, _n=name, **k: (reads.append(_n), _o(*a, **k))[1]
        )
    for name in ("application", "timeline", "load_board", "cards_of", "column_cards"):
        original = getattr(pipeline, name)
        monkeypatch.setattr(
            pipeline, name, lambda *a, _o=original, _n=name, **k: (reads.append(_n), _o(*a, **k))[1]
        )
    resets: list[object] = []
    models = [window.list_page.model] + [c.model for c in window.board_page.view.columns]
    for model in models:
        model.modelReset.connect(lambda m=model: resets.append(m))

    red = labels.create_label(db, "Red", "#ef4444").value
    with qtbot.waitSignal(window.changes_applied):
        window.board_page.view.label_toggled.emit(posting, red.id, True)

    assert pipeline.cards_of(db, [posting])[0].labels == (red,)
    reads.remove("cards_of")  # the check just above
    # Each view that shows labels reads the one posting once: the list's row, the board's
    # card, the detail pane its labels only (its chips change in place); never the whole
    # board or list, never the posting again. (The card's menu read its labels to add one.)
    assert sorted(reads) == ["cards_of", "labels_of", "labels_of", "posting_rows"]
    assert resets == []
    (card,) = _column(window, "Saved").model.cards()
    assert card.labels == (red,)

    # Undo (from the menu, not the board) updates that card in place, too.
    reads.clear()
    window.action("window.undo").trigger()
    (card,) = _column(window, "Saved").model.cards()
    assert card.labels == ()
    assert sorted(reads) == ["cards_of", "labels_of", "posting_rows"]
    assert resets == []
