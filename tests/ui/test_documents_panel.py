"""The Documents tab: attach with a label and a day, open with the desktop (never a program),
remove and undo, a large file asks first, a vanished file is named."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.services import documents, postings
from desktop.services.library import Library
from desktop.ui.views.documents_panel import DocumentsPanel
from tests.samples import amazon_document


def _tab(window) -> DocumentsPanel:
    panel = window.side.workspace["documents"]
    window.side.tabs.setCurrentWidget(panel)
    return panel


def test_attach_open_remove_and_undo(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    resume = tmp_path / "resume.pdf"
    resume.write_bytes(b"%PDF resume")
    window = make_window()
    panel = _tab(window)
    opened: list[Path] = []
    panel.open_path = lambda path: opened.append(path) or True
    panel.ask_file = lambda _parent: resume
    panel.label.setText("Resume v3")
    panel.sent_on.setDate(QDate(2026, 11, 2))
    panel.attach_button.click()
    (card,) = panel.cards
    assert (card.document.label, card.document.sent_on.isoformat()) == ("Resume v3", "2026-11-02")
    assert window.side.tabs.tabText(window.side.tabs.indexOf(panel)) == "Documents (1)"
    card.open_button.click()
    assert opened[0].read_bytes() == b"%PDF resume" and opened[0] != resume
    card.remove_button.click()
    assert panel.cards == [] and documents.documents_of(db, posting_id) == []
    window.action("window.undo").trigger()
    assert [c.document.label for c in panel.cards] == ["Resume v3"]


def test_a_program_is_kept_but_not_opened_and_a_vanished_file_is_named(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    postings.create_posting(db, amazon_document())
    tool = tmp_path / "portfolio.sh"
    tool.write_bytes(b"#!/bin/sh\nrm -rf ~\n")
    window = make_window()
    panel = _tab(window)
    panel.attach_file(tool)
    (card,) = panel.cards
    assert not card.open_button.isEnabled()
    panel.attach_file(tmp_path / "gone.pdf")
    assert panel.error.isVisible() and "gone.pdf" in panel.error.text()
    assert len(panel.cards) == 1


def test_a_large_file_asks_first(qtbot: QtBot, make_window, db: Library, tmp_path: Path) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    big = tmp_path / "reel.mov"
    with big.open("wb") as out:
        out.truncate(50 * 1024 * 1024 + 10)
    window = make_window()
    panel = _tab(window)
    panel.attach_file(big)
    assert documents.documents_of(db, posting_id) == []
    box = panel.findChild(QMessageBox, "confirm-box")
    assert box is not None and "over 50 MB" in box.text()
    next(b for b in box.buttons() if b.text() == "Attach").click()
    qtbot.waitUntil(lambda: len(panel.cards) == 1)
