"""The documents page (Ctrl+6): each file once with the applications it went to, searchable;
unused files removed only after a yes. qtmodeltester checks its model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.services import documents, postings
from desktop.services.library import Library
from desktop.ui.documents_page import DocumentsPage
from desktop.ui.models.document_table_model import COL_FILE, COL_LABELS, COL_SENT_TO
from tests.samples import amazon_document


def _page(window) -> DocumentsPage:
    window.action("page.documents").trigger()
    return next(p for p in window.parts.pages if p.key == "documents").page()


def test_which_applications_got_resume_v3(
    qtbot: QtBot, qtmodeltester, make_window, db: Library, tmp_path: Path
) -> None:
    first = postings.create_posting(db, amazon_document()).value
    second = postings.create_posting(db, amazon_document(title="SDE II", company="Stripe")).value
    v3 = tmp_path / "resume-v3.pdf"
    v3.write_bytes(b"v3")
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"letter")
    documents.attach_document(db, first, v3, label="Resume v3", sent_on=date(2026, 11, 2))
    documents.attach_document(db, second, v3, label="Resume v3")
    documents.attach_document(db, second, letter, label="Cover letter")
    window = make_window()
    page = _page(window)
    qtmodeltester.check(page.model)
    model = page.model
    assert model.rowCount() == 2
    qtbot.keyClicks(page.search, "resume v3")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.data(model.index(0, COL_LABELS)) == "Resume v3"
    assert model.data(model.index(0, COL_FILE)) == "resume-v3.pdf"
    sent_to = model.data(model.index(0, COL_SENT_TO))
    assert "SDE II" in sent_to and amazon_document().title in sent_to


def test_unused_files_go_only_after_a_yes(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    posting_id = postings.create_posting(db, amazon_document()).value
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(b"cv")
    documents.attach_document(db, posting_id, cv)
    window = make_window()
    page = _page(window)
    assert not page.tidy_button.isEnabled()
    window.operations.run("Delete", lambda: postings.delete_posting(db, posting_id))
    assert page.model.rowCount() == 0 and page.tidy_button.isEnabled()
    (unused,) = documents.unused_files(db)
    page.tidy_button.click()
    box = window.findChild(QMessageBox, "confirm-box")
    assert "1 file(s)" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert unused.exists()
    page.tidy_button.click()
    box = next(b for b in window.findChildren(QMessageBox, "confirm-box") if b.isVisible())
    next(b for b in box.buttons() if b.text() == "Remove").click()
    qtbot.waitUntil(lambda: not unused.exists())


def test_every_file_in_use_goes_to_one_zip(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    import zipfile

    posting_id = postings.create_posting(db, amazon_document()).value
    resume = tmp_path / "resume.pdf"
    resume.write_bytes(b"%PDF")
    documents.attach_document(db, posting_id, resume, label="Resume")
    window = make_window()
    page = _page(window)
    assert page.zip_button.isEnabled()
    target = tmp_path / "files.zip"
    page.export_zip(target)
    with zipfile.ZipFile(target) as archive:
        assert [name.split("/")[-1] for name in archive.namelist()] == ["resume.pdf"]
    assert page.zip_message.text() == f"1 file(s) written to {target}."
    page.zip_message.close()


def _answer(qtbot: QtBot, window, title: str, button_text: str) -> str:
    (box,) = [
        b
        for b in window.findChildren(QMessageBox, "confirm-box")
        if b.isVisible() and b.windowTitle() == title
    ]
    text = box.text()
    (button,) = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return text


def test_deleting_the_last_application_of_a_file_asks_before_removing_it(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    keep = postings.create_posting(db, amazon_document(title="Keep", url=None)).value
    gone = postings.create_posting(db, amazon_document(title="Gone", url=None)).value
    resume, letter = tmp_path / "resume.pdf", tmp_path / "letter.pdf"
    resume.write_bytes(b"resume")
    letter.write_bytes(b"letter")
    for posting_id in (keep, gone):
        documents.attach_document(db, posting_id, resume, label="Resume")
    documents.attach_document(db, gone, letter, label="Cover letter")
    stored = {p.read_bytes(): p for p in (db.data_dir / "documents").glob("*/*")}
    window = make_window()
    for answer, posting_id in (("Cancel", gone), ("Remove files", gone)):
        window.list_page.select(posting_id)
        window.list_page.table.setFocus()
        window.action("posting.delete").trigger()
        with qtbot.waitSignal(window.changes_applied):
            _answer(qtbot, window, "Delete posting?", "Delete")
        asked = _answer(qtbot, window, "Remove its files too?", answer)
        assert "“letter.pdf”" in asked and "resume" not in asked  # the shared one is not asked
        assert stored[b"resume"].exists()
        if answer == "Cancel":
            assert stored[b"letter"].exists()  # kept: Documents > Remove unused files… later
            window.action("window.undo").trigger()  # the posting back, with its letter
            assert stored[b"letter"].exists()
    assert "removed when Jobdeck closes" in asked and "Undo of the delete brings" in asked
    assert stored[b"letter"].exists()  # while Undo can bring the application back
    window.close()
    assert not stored[b"letter"].exists()


def test_undo_of_a_delete_whose_files_the_user_removed_brings_them_back_with_it(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    gone = postings.create_posting(db, amazon_document(title="Gone", url=None)).value
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"letter")
    documents.attach_document(db, gone, letter, label="Cover letter")
    (stored,) = (db.data_dir / "documents").glob("*/*")
    window = make_window()
    window.list_page.select(gone)
    window.list_page.table.setFocus()
    window.action("posting.delete").trigger()
    with qtbot.waitSignal(window.changes_applied):
        _answer(qtbot, window, "Delete posting?", "Delete")
    _answer(qtbot, window, "Remove its files too?", "Remove files")
    window.action("window.undo").trigger()
    (document,) = documents.documents_of(db, gone)
    assert documents.openable_file(db, document).read_bytes() == b"letter"
    window.close()  # in use again: the answer no longer holds
    assert stored.read_bytes() == b"letter"
    assert documents.unused_files(db) == []


def test_the_files_of_a_zip_come_in_checked(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    import hashlib
    import zipfile

    good = b"%PDF resume"
    source = tmp_path / "files.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr(f"documents/{hashlib.sha256(good).hexdigest()}/resume.pdf", good)
        archive.writestr("documents/" + "0" * 64 + "/letter.pdf", b"damaged")
    window = make_window()
    page = _page(window)
    page.import_zip(source)
    assert page.zip_message.text() == (
        "1 file(s) stored, 0 already in the library.\n\nNot stored:\n"
        "letter.pdf: its content does not match its SHA-256 (damaged or changed)"
    )
    assert [p.read_bytes() for p in (db.data_dir / "documents").glob("*/*")] == [good]
    page.zip_message.close()
