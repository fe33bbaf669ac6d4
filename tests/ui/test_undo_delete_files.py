"""A deleted application's files while Edit > Undo can still bring it back: "Remove unused
files…" leaves them; a file removed all the same (``jobdeck documents --remove-unused`` from
another process) is named when Undo brings the application back, and its Documents tab marks
the document "file missing" instead of offering to open a file that is not there."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.services import documents, postings
from desktop.services.library import Library
from desktop.ui.main_window import MainWindow
from tests.samples import amazon_document


def _answer(qtbot: QtBot, window: MainWindow, title: str, button_text: str) -> None:
    (box,) = [
        b for b in window.findChildren(QMessageBox) if b.isVisible() and b.windowTitle() == title
    ]
    (button,) = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _delete_keeping_the_files(qtbot: QtBot, window: MainWindow, posting_id: int) -> None:
    window.list_page.select(posting_id)
    window.list_page.table.setFocus()
    window.action("posting.delete").trigger()
    with qtbot.waitSignal(window.changes_applied):
        _answer(qtbot, window, "Delete posting?", "Delete")
    _answer(qtbot, window, "Remove its files too?", "Cancel")  # "later, with Remove unused"


def _library_with_a_letter(db: Library, tmp_path: Path) -> tuple[int, Path]:
    gone = postings.create_posting(db, amazon_document(title="Gone", url=None)).value
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"letter")
    documents.attach_document(db, gone, letter, label="Cover letter")
    (stored,) = (db.data_dir / "documents").glob("*/*")
    return gone, stored


def test_remove_unused_files_leaves_the_files_undo_may_bring_back(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    gone, stored = _library_with_a_letter(db, tmp_path)
    window = make_window()
    _delete_keeping_the_files(qtbot, window, gone)

    window.action("page.documents").trigger()
    page = next(p for p in window.parts.pages if p.key == "documents").page()
    page.reload()
    assert not page.tidy_button.isEnabled()  # nothing to remove while Undo may want it
    assert documents.unused_files(db) == []

    window.action("window.undo").trigger()
    (document,) = documents.documents_of(db, gone)
    assert documents.openable_file(db, document).read_bytes() == b"letter"

    # Deleted again and the window closed: nothing can bring it back, the file is unused now.
    window.show_page(window.list_page)
    _delete_keeping_the_files(qtbot, window, gone)
    window.close()
    assert documents.unused_files(db) == [stored]


def test_undo_names_the_files_removed_meanwhile_and_the_tab_marks_them_missing(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    gone, stored = _library_with_a_letter(db, tmp_path)
    window = make_window()
    _delete_keeping_the_files(qtbot, window, gone)
    # Another process does not know this window's undo history.
    removed = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(db.data_dir), "documents",
         "--remove-unused"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert removed.stdout.startswith("1 unused file(s) removed")
    assert not stored.exists()

    with qtbot.waitSignal(window.changes_applied):
        window.action("window.undo").trigger()
    box = window.parts.posting_commands.files_missing_message
    assert box.windowTitle() == "Files not brought back"
    assert "“Gone” is back" in box.text() and "“Cover letter” (letter.pdf)" in box.text()
    box.close()

    window.select(gone)
    panel = window.side.workspace["documents"]
    window.side.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: len(panel.cards) == 1)
    (card,) = panel.cards
    assert card.about.text().endswith("· file missing")
    assert not card.open_button.isEnabled()
    assert "attach it again" in card.open_button.toolTip()
