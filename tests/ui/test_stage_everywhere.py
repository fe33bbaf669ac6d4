"""The stage changes where the user reads it: the detail pane's stage menu, the list's context
menu, and Mark applied today (Ctrl+Enter); each is one undo step, and every page agrees."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from pytestqt.qtbot import QtBot

from desktop.services import pipeline, postings
from desktop.services.library import Library
from desktop.ui.list_menu import ListMenu
from tests.samples import amazon_document


def _stage(db: Library, posting_id: int) -> str:
    return pipeline.application(db, posting_id).stage


def _list_stage(window, posting_id: int) -> str:
    model = window.list_page.model
    row = model.row_of(posting_id)
    from desktop.ui.models.posting_table_model import COL_STAGE

    return model.index(row, COL_STAGE).data()


def test_the_detail_panes_stage_menu_moves_and_undoes(
    qtbot: QtBot, make_window, db: Library
) -> None:
    posting = postings.create_posting(db, amazon_document()).value
    window = make_window()
    window.select(posting)
    bar = window.side.stage_bar
    assert bar.stage.currentText() == "Saved" and bar.stage.isEnabled()
    with qtbot.waitSignal(window.changes_applied):
        bar.stage.activated.emit(bar.stage.findText("Interviewing"))
    assert _stage(db, posting) == "Interviewing"
    assert _list_stage(window, posting) == "Interviewing"
    assert bar.stage.currentText() == "Interviewing"
    assert [e.stage for e in pipeline.timeline(db, posting)][-1] == "Interviewing"
    window.action("window.undo").trigger()
    assert _stage(db, posting) == "Saved" and bar.stage.currentText() == "Saved"


def test_mark_applied_today_with_ctrl_enter(qtbot: QtBot, make_window, db: Library) -> None:
    posting = postings.create_posting(db, amazon_document()).value
    window = make_window()
    window.select(posting)
    action = window.action("pipeline.applied_today")
    assert QKeySequence("Ctrl+Return") in action.shortcuts()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.list_page.table.setFocus()
    with qtbot.waitSignal(window.changes_applied):
        qtbot.keyClick(
            window.list_page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    assert _stage(db, posting) == "Applied" and _list_stage(window, posting) == "Applied"
    assert not window.side.stage_bar.applied_today.isEnabled()  # already applied
    assert [e.stage for e in pipeline.timeline(db, posting)] == ["Saved", "Applied"]
    action.trigger()  # again: nothing more recorded
    assert len(pipeline.timeline(db, posting)) == 2
    window.action("window.undo").trigger()
    assert _stage(db, posting) == "Saved"


def test_the_list_menu_moves_edits_copies_the_link_and_deletes(
    qtbot: QtBot, make_window, db: Library
) -> None:
    posting = postings.create_posting(db, amazon_document()).value
    window = make_window()
    window.select(posting)
    (list_menu,) = window.list_page.table.findChildren(ListMenu)
    menu = list_menu.menu_for(posting)
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "Move to",
        "Mark applied today",
        "Edit posting…",
        "Open posting in browser",
        "Copy link",
        "Delete posting…",
    ]
    (move_to,) = [a for a in menu.actions() if a.text() == "&Move to"]
    targets = {a.text(): a for a in move_to.menu().actions()}
    assert not targets["Saved"].isEnabled()
    with qtbot.waitSignal(window.changes_applied):
        targets["Offer"].trigger()
    assert _stage(db, posting) == "Offer" and _list_stage(window, posting) == "Offer"

    (copy,) = [a for a in menu.actions() if a.text() == "&Copy link"]
    copy.trigger()
    assert QGuiApplication.clipboard().text() == postings.get_posting(db, posting).url
