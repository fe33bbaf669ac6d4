"""The board in the window: drag and drop through the models, keys, menus, undo, stages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QToolButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.core.pipeline import Card
from desktop.services import labels, pipeline, postings
from desktop.services.library import Library, open_library
from desktop.ui.main_window import MainWindow
from desktop.ui.models.board_column_model import BoardColumnModel
from desktop.ui.models.posting_table_model import COL_STAGE
from desktop.ui.views.board_column import BoardColumn
from tests.samples import amazon_document


def _fill(db: Library, *titles: str) -> list[int]:
    return [postings.create_posting(db, amazon_document(title=t)).value for t in titles]


def _column(window: MainWindow, name: str) -> BoardColumn:
    return next(c for c in window.board_page.view.columns if c.stage.name == name)


def _titles(window: MainWindow, name: str) -> list[str]:
    return [card.title for card in _column(window, name).model.cards()]


def _stage_of(db: Library, posting_id: int) -> str:
    return postings.get_posting(db, posting_id).stage or ""


def _drag(window: MainWindow, source: str, row: int, target: str, to_row: int = -1) -> None:
    """What a real drop does: mime data from the source model, dropMimeData on the target."""
    source_model = _column(window, source).model
    mime = source_model.mimeData([source_model.index(row)])
    target_model = _column(window, target).model
    assert target_model.canDropMimeData(mime, Qt.DropAction.MoveAction, to_row, 0, QModelIndex())
    assert target_model.dropMimeData(mime, Qt.DropAction.MoveAction, to_row, 0, QModelIndex())


def test_column_models_follow_qts_rules(qtmodeltester: ModelTester) -> None:
    model = BoardColumnModel(1)
    qtmodeltester.check(model)
    now = datetime.now(UTC)
    model.set_cards([Card(i, 1, "Acme", f"Job {i}", None, now, ()) for i in range(5)])
    qtmodeltester.check(model)


def test_the_board_has_a_column_per_stage_with_counts(make_window, db: Library) -> None:
    _fill(db, "A", "B")
    window = make_window()
    window.action("page.board").trigger()
    assert window.current_page() is window.board_page
    names = [c.stage.name for c in window.board_page.view.columns]
    assert names[:3] == ["Saved", "Applied", "Screening"] and names[-1] == "Ghosted"
    assert _column(window, "Saved").count.text() == "2"
    assert _titles(window, "Saved") == ["A", "B"]


def test_the_board_is_read_ahead_while_idle_and_a_later_change_is_read_when_shown(
    qtbot: QtBot, make_window, db: Library
) -> None:
    """A while after the first paint the board is built hidden with its cards read: the
    first Ctrl+2 shows them at once. A change made after that is read when it is shown."""
    a, _ = _fill(db, "A", "B")
    window = make_window()
    lazy = window.board_page
    qtbot.waitUntil(lambda: lazy.built and not lazy.stale, timeout=15_000)
    assert window.current_page() is window.list_page  # read ahead, not shown
    assert _titles(window, "Saved") == ["A", "B"]

    window.operations.run("Delete", lambda: postings.delete_posting(db, a))
    assert lazy.stale  # hidden: read when shown, not now
    window.action("page.board").trigger()
    assert _titles(window, "Saved") == ["B"]
    assert _column(window, "Saved").count.text() == "1"


def test_a_card_dropped_on_another_column_changes_stage_everywhere(
    qtbot: QtBot, make_window, db: Library
) -> None:
    a, _ = _fill(db, "A", "B")
    window = make_window()
    window.show_page(window.board_page)
    with qtbot.waitSignal(window.changes_applied):
        _drag(window, "Saved", 0, "Applied")
    assert _stage_of(db, a) == "Applied"
    assert _titles(window, "Applied") == ["A"]
    assert _column(window, "Applied").count.text() == "1"
    row = window.list_page.model.row_of(a)
    assert window.list_page.model.data(window.list_page.model.index(row, COL_STAGE)) == "Applied"
    assert [c.stage for c in postings.get_posting(db, a).stage_history] == ["Saved", "Applied"]


def test_dropping_within_a_column_reorders_and_the_order_is_kept(
    qtbot: QtBot, make_window, db: Library
) -> None:
    _fill(db, "A", "B", "C")
    window = make_window()
    window.show_page(window.board_page)
    with qtbot.waitSignal(window.changes_applied):
        _drag(window, "Saved", 2, "Saved", 0)
    assert _titles(window, "Saved") == ["C", "A", "B"]
    window.close()
    again = MainWindow(db, QSettings())
    qtbot.addWidget(again)
    again.show_page(again.board_page)
    assert [c.title for c in _column(again, "Saved").model.cards()] == ["C", "A", "B"]


def test_undo_and_redo_a_move(qtbot: QtBot, make_window, db: Library) -> None:
    (a,) = _fill(db, "A")
    window = make_window()
    window.show_page(window.board_page)
    with qtbot.waitSignal(window.changes_applied):
        _drag(window, "Saved", 0, "Offer")
    window.action("window.undo").trigger()
    assert _stage_of(db, a) == "Saved"
    assert _titles(window, "Saved") == ["A"]
    assert [c.stage for c in postings.get_posting(db, a).stage_history] == ["Saved"]
    window.action("window.redo").trigger()
    assert _stage_of(db, a) == "Offer"
    assert window.action("window.undo").text() == "&Undo Move to Offer"


def test_keyboard_moves_between_stages_and_within_a_column(
    qtbot: QtBot, make_window, db: Library
) -> None:
    a, _b = _fill(db, "A", "B")
    window = make_window()
    window.show_page(window.board_page)
    window.board_page.view.select_card(a)
    view = _column(window, "Saved").view
    with qtbot.waitSignal(window.changes_applied):
        qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _titles(window, "Saved") == ["B", "A"]
    with qtbot.waitSignal(window.changes_applied):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert _stage_of(db, a) == "Applied"
    assert window.board_page.view.selected_id() == a
    with qtbot.waitSignal(window.changes_applied):
        qtbot.keyClick(
            _column(window, "Applied").view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier
        )
    assert _stage_of(db, a) == "Screening"


def test_the_context_menu_moves_and_labels_a_card(qtbot: QtBot, make_window, db: Library) -> None:
    (a,) = _fill(db, "A")
    window = make_window()
    window.show_page(window.board_page)
    menu = window.board_page.view.card_menu(a)
    move_to = next(act.menu() for act in menu.actions() if act.text() == "Move to")
    with qtbot.waitSignal(window.changes_applied):
        next(act for act in move_to.actions() if act.text() == "Interviewing").trigger()
    assert _stage_of(db, a) == "Interviewing"
    green = labels.create_label(db, "Green").value
    menu = next(
        act.menu()
        for act in window.board_page.view.card_menu(a).actions()
        if act.text() == "Labels"
    )
    with qtbot.waitSignal(window.changes_applied):
        next(act for act in menu.actions() if act.text() == "Green").trigger()
    assert pipeline.load_board(db).cards[0].labels == (green,)
    menu = next(
        act.menu()
        for act in window.board_page.view.card_menu(a).actions()
        if act.text() == "Labels"
    )
    assert [(act.text(), act.isChecked()) for act in menu.actions() if act.text()] == [
        ("Green", True),
        ("Edit labels…", False),
    ]
    texts = [act.text() for act in window.board_page.view.card_menu(a).actions()]
    assert [t for t in texts if t][-3:] == [
        "Open posting in browser",
        "&Edit posting…",
        "&Delete posting…",
    ]
    window.action("window.undo").trigger()
    assert pipeline.load_board(db).cards[0].labels == ()


def test_the_search_box_filters_the_board_too(qtbot: QtBot, make_window, db: Library) -> None:
    _fill(db, "Robotics intern", "Pricing analyst")
    window = make_window()
    window.show_page(window.board_page)
    qtbot.keyClicks(window.list_page.search, "robotics")
    qtbot.waitUntil(lambda: _titles(window, "Saved") == ["Robotics intern"])
    assert _column(window, "Saved").count.text() == "1"


def test_a_change_in_the_list_shows_on_the_board(qtbot: QtBot, make_window, db: Library) -> None:
    a, b = _fill(db, "A", "B")
    window = make_window()
    window.select(a)
    postings.delete_posting(db, a)
    window.operations.broadcast(postings.Changes(deleted=frozenset({a})))
    window.show_page(window.board_page)  # read when shown: it is up to date then
    assert _titles(window, "Saved") == ["B"]
    assert b in [card.id for card in _column(window, "Saved").model.cards()]


def test_closed_columns_collapse_and_stay_collapsed(
    qtbot: QtBot, make_window, db: Library, settings: QSettings
) -> None:
    window = make_window()
    window.show_page(window.board_page)
    rejected = _column(window, "Rejected")
    assert rejected.collapse.isVisible() and not _column(window, "Saved").collapse.isVisible()
    rejected.collapse.click()
    assert rejected.view.isHidden()
    # A narrow strip with the stage's name and count written down it.
    assert rejected.width() < 80 and rejected.title.isHidden()
    assert rejected.strip.isVisibleTo(rejected) and rejected.strip.text == "Rejected · 0"
    window.close()
    again = MainWindow(db, settings)
    qtbot.addWidget(again)
    assert again.current_page() is again.board_page
    assert _column(again, "Rejected").is_collapsed()


def test_stages_are_edited_in_the_dialog_and_edits_undo(
    qtbot: QtBot, make_window, db: Library
) -> None:
    (a,) = _fill(db, "A")
    window = make_window()
    window.show_page(window.board_page)
    window.action("pipeline.stages").trigger()
    dialog = window.parts.pipeline_commands.stages_dialog
    dialog.list.setCurrentRow(2)  # Screening
    dialog.name.setText("Phone screen")
    dialog.rename_button.click()
    assert [c.stage.name for c in window.board_page.view.columns][2] == "Phone screen"
    window.action("window.undo").trigger()
    assert [c.stage.name for c in window.board_page.view.columns][2] == "Screening"

    dialog.new_name.setText("Take-home task")
    dialog.add_button.click()
    names = [c.stage.name for c in window.board_page.view.columns]
    assert names[-4:] == ["Take-home task", "Rejected", "Withdrawn", "Ghosted"]  # before closed

    dialog.list.setCurrentRow(0)  # Saved, holding A
    dialog.move_to.setCurrentIndex(dialog.move_to.findText("Applied"))
    dialog.delete_button.click()
    assert "Saved" not in [c.stage.name for c in window.board_page.view.columns]
    assert _stage_of(db, a) == "Applied"
    window.action("window.undo").trigger()
    assert _stage_of(db, a) == "Saved"
    dialog.close()


def _timeline_rows(window: MainWindow) -> list[tuple[str, bool]]:
    """The stages the detail pane's Application section lists, each with whether it is bold."""
    section = window.side.detail.section("application")
    assert section is not None
    labels = [label for label in section.findChildren(QLabel) if label.text() in STAGE_NAMES]
    return [(label.text(), label.font().bold()) for label in labels]


STAGE_NAMES = {"Saved", "Applied", "Screening", "Interviewing", "Offer", "Accepted"}


def test_the_timeline_shows_moves_and_a_date_can_be_corrected(
    qtbot: QtBot, make_window, db: Library, data_dir
) -> None:
    (a,) = _fill(db, "A")
    window = make_window()
    window.show_page(window.board_page)
    with qtbot.waitSignal(window.changes_applied):
        _drag(window, "Saved", 0, "Applied")
    window.board_page.view.select_card(a)
    assert "application" in window.side.detail.visible_sections()
    saved, entry = pipeline.timeline(db, a)
    window.side.detail.findChild(QToolButton, f"change-date-{entry.id}").click()
    dialog = window.parts.pipeline_commands.stage_date_dialog
    # Applied before the posting was saved: the dialog says "Saved" moves back too.
    dialog.editor.setDateTime(dialog.editor.dateTime().addDays(-6))
    assert dialog.note.isVisibleTo(dialog)
    assert dialog.note.text().startswith("“Saved”") and "moves back" in dialog.note.text()
    with qtbot.waitSignal(window.changes_applied):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    corrected = next(e.at for e in pipeline.timeline(db, a) if e.id == entry.id)
    assert 5 <= (entry.at - corrected).total_seconds() / 86400 <= 7
    # The current stage is still the latest entry, shown in bold, as the board says.
    assert _timeline_rows(window) == [("Saved", False), ("Applied", True)]
    assert _titles(window, "Applied") == ["A"]

    window.action("window.undo").trigger()  # the correction is one undo step
    assert [(e.stage, e.at) for e in pipeline.timeline(db, a)] == [
        (saved.stage, saved.at),
        (entry.stage, entry.at),
    ]

    window.action("window.redo").trigger()
    window.close()
    db.close()
    reopened = open_library(data_dir)
    # History survives a restart, in order, the current stage last.
    assert [(e.stage, e.at) for e in pipeline.timeline(reopened, a)] == [
        ("Saved", corrected),
        ("Applied", corrected),
    ]
    reopened.close()


def test_a_stage_date_after_the_next_stage_is_refused_in_the_dialog(
    qtbot: QtBot, make_window, db: Library
) -> None:
    (a,) = _fill(db, "A")
    sent = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(days=10)
    pipeline.move_application(db, a, pipeline.resolve_stage(db, "Applied").id, at=sent)
    window = make_window()
    window.show_page(window.board_page)
    window.board_page.view.select_card(a)
    saved, applied = pipeline.timeline(db, a)
    window.side.detail.findChild(QToolButton, f"change-date-{saved.id}").click()
    dialog = window.parts.pipeline_commands.stage_date_dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.editor.setDateTime(dialog.editor.dateTime().addDays(5))  # after Applied
    assert not ok.isEnabled()
    assert "“Applied”" in dialog.note.text() and "Change that date first" in dialog.note.text()
    dialog.accept()  # Return: nothing happens
    assert pipeline.timeline(db, a) == [saved, applied]
    dialog.editor.setDateTime(dialog.editor.dateTime().addDays(-7))
    assert ok.isEnabled() and dialog.note.isHidden()
    dialog.close()


def test_a_future_date_typed_is_refused_as_typed_not_rewritten(
    qtbot: QtBot, make_window, db: Library
) -> None:
    # Seen in a real window: typing Dec 5 on Dec 1 showed Jan 5 (the editor's maximum rewrote
    # the month), with the note saying "Saved" would move back to it and OK on.
    (a,) = _fill(db, "A")
    window = make_window()
    window.show_page(window.board_page)
    window.board_page.view.select_card(a)
    (saved,) = pipeline.timeline(db, a)
    window.side.detail.findChild(QToolButton, f"change-date-{saved.id}").click()
    dialog = window.parts.pipeline_commands.stage_date_dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    typed = (datetime.now() + timedelta(days=4)).strftime("%Y-%m-%d %H:%M")
    dialog.editor.setFocus()
    dialog.editor.selectAll()
    qtbot.keyClicks(dialog.editor, typed)
    assert dialog.editor.text() == typed
    assert not ok.isEnabled() and "in the future" in dialog.note.text()
    dialog.accept()  # Return: nothing happens
    assert pipeline.timeline(db, a) == [saved]
    dialog.editor.setDateTime(dialog.editor.dateTime().addDays(-10))
    assert ok.isEnabled() and dialog.note.isHidden()
    dialog.close()


def test_a_long_column_reads_more_cards_as_it_is_scrolled(
    qtbot: QtBot, make_window, db: Library, qtmodeltester: ModelTester
) -> None:
    postings.create_postings(db, [amazon_document(title=f"Job {i}") for i in range(450)])
    window = make_window()
    window.show_page(window.board_page)
    saved = _column(window, "Saved")
    assert saved.count.text() == "450"
    assert saved.model.rowCount() == pipeline.COLUMN_PAGE
    qtmodeltester.check(saved.model)
    saved.view.scrollToBottom()
    qtbot.waitUntil(lambda: saved.model.rowCount() > pipeline.COLUMN_PAGE)
    while saved.model.canFetchMore(QModelIndex()):
        saved.model.fetchMore(QModelIndex())
    assert [c.title for c in saved.model.cards()][-1] == "Job 449"
    assert saved.model.rowCount() == 450


def test_arrows_move_the_selection_across_columns_and_focus_follows_a_moved_card(
    qtbot: QtBot, make_window, db: Library
) -> None:
    a, b = _fill(db, "A", "B")
    pipeline.move_application(db, b, pipeline.resolve_stage(db, "Screening").id)
    window = make_window()
    window.show_page(window.board_page)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.board_page.view
    view.select_card(a)
    saved = _column(window, "Saved")
    saved.view.setFocus()
    qtbot.keyClick(saved.view, Qt.Key.Key_Right)  # past the empty Applied column
    assert window.selected_id() == b and _column(window, "Screening").view.hasFocus()
    qtbot.keyClick(_column(window, "Screening").view, Qt.Key.Key_Left)
    assert window.selected_id() == a and saved.view.hasFocus()

    with qtbot.waitSignal(window.changes_applied):
        qtbot.keyClick(saved.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    applied = _column(window, "Applied")
    assert _stage_of(db, a) == "Applied" and applied.view.hasFocus()
    with qtbot.waitSignal(window.changes_applied):  # again: the card moves on
        qtbot.keyClick(applied.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert _stage_of(db, a) == "Screening"


def test_a_card_dragged_near_the_edge_scrolls_the_board(qtbot: QtBot, make_window) -> None:
    window = make_window()
    window.show_page(window.board_page)
    view = window.board_page.view
    bar = view.horizontalScrollBar()
    assert bar.maximum() > 0  # more columns than fit
    view.drag_at(view.viewport().width() - 10)  # what a drag over a column reports
    assert bar.value() > 0 and view.edge_timer.isActive()
    qtbot.waitUntil(lambda: bar.value() > 2 * 24)  # holding it there keeps scrolling
    view.drag_at(None)  # left or dropped
    assert not view.edge_timer.isActive()
    at = bar.value()
    view.drag_at(10)  # the left edge scrolls back
    assert bar.value() < at
    view.drag_at(view.viewport().width() // 2)  # the middle: no scrolling
    assert not view.edge_timer.isActive()
