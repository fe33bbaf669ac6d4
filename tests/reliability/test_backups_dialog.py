"""File > Backups…: the list, Back up now, and a restore that asks first and saves the present."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.services import backups, postings
from desktop.services.library import Library
from desktop.ui.dialogs.backups_dialog import BackupsDialog
from tests.reliability.conftest import fill_library


def _dialog(qtbot: QtBot, db: Library) -> BackupsDialog:
    dialog = BackupsDialog(db)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def _rows(dialog: BackupsDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(row, col).text() for col in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def _click(box: QMessageBox, text: str) -> None:
    (button,) = [b for b in box.buttons() if b.text() == text]
    button.click()


def test_lists_backups_with_date_and_posting_count(qtbot: QtBot, db: Library) -> None:
    fill_library(db, 2)
    backups.backup_now(db, "daily", now=datetime(2026, 11, 20, 9, 30, tzinfo=UTC))
    dialog = _dialog(qtbot, db)
    assert dialog.empty.isHidden()
    ((when, why, count),) = _rows(dialog)
    local = datetime(2026, 11, 20, 9, 30, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    assert (when, why, count) == (local, "Daily", "2")
    dialog.backup_button.click()
    assert [row[1:] for row in _rows(dialog)] == [["Made by hand", "2"], ["Daily", "2"]]


def test_restore_asks_then_restores_and_keeps_the_present(qtbot: QtBot, db: Library) -> None:
    fill_library(db, 1)
    backups.backup_now(db, now=datetime(2026, 1, 1, tzinfo=UTC))
    fill_library(db, 2)
    dialog = _dialog(qtbot, db)
    dialog.table.selectRow(0)

    dialog.restore_button.click()
    box = dialog.confirm_box
    qtbot.waitUntil(box.isVisible)
    assert "(1 posting)" in box.text() and "backed up first" in box.text()
    _click(box, "Cancel")
    assert postings.count_postings(db) == 3  # nothing happened

    dialog.restore_button.click()
    box = dialog.confirm_box
    qtbot.waitUntil(box.isVisible)
    with qtbot.waitSignal(dialog.restored) as restored:
        _click(box, "Restore")
    assert postings.count_postings(db) == 1
    assert restored.args[0].current_saved_as is not None
    kinds = [(row[1], row[2]) for row in _rows(dialog)]
    assert ("Before a restore", "3") in kinds


def test_empty_state(qtbot: QtBot, db: Library) -> None:
    dialog = _dialog(qtbot, db)
    assert dialog.table.rowCount() == 0
    assert dialog.empty.isVisible()
    assert not dialog.restore_button.isEnabled()
