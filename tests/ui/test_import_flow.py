"""Paste, drop and import in the window: the preview, warnings, duplicates, background reads."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.services import postings
from desktop.services.library import Library
from desktop.ui.dialogs.import_preview import ImportPreview
from desktop.ui.main_window import MainWindow
from tests.conftest import FIXTURES

SAMPLE = FIXTURES / "jobright-amazon-rl-intern.txt"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


def _paste(qtbot: QtBot, window: MainWindow, text: str) -> ImportPreview:
    QGuiApplication.clipboard().setText(text)
    with qtbot.waitSignal(window.parts.posting_commands.imports.preview_opened) as opened:
        window.action("posting.paste").trigger()
    return opened.args[0]


def test_pasting_the_shared_sample_previews_then_saves_every_section(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window = make_window()
    preview = _paste(qtbot, window, SAMPLE_TEXT)
    assert preview.editor.company.text() == "Amazon"
    assert preview.raw.toPlainText() == SAMPLE_TEXT
    assert preview.duplicate_panel.isHidden()
    preview.editor.location.setText("Seattle, WA")  # every field is editable before saving
    with qtbot.waitSignal(window.changes_applied):
        preview.save_button.click()

    (row,) = postings.list_postings(db)
    assert row.location == "Seattle, WA"
    assert window.selected_id() == row.id
    assert window.side.detail.visible_sections() == [
        "header",
        "application",
        "summary",
        "industries",
        "responsibilities",
        "qualifications",
        "benefits",
        "company",
        "news",
        "description",
    ]
    assert postings.get_posting(db, row.id).raw == SAMPLE_TEXT


def test_unplaced_input_is_listed_in_the_preview(qtbot: QtBot, make_window) -> None:
    window = make_window()
    text = (FIXTURES / "importers" / "lever-designer-nbsp.txt").read_text(encoding="utf-8")
    preview = _paste(qtbot, window, text)
    assert not preview.warnings_panel.isHidden()
    assert "could not place" in preview.warnings.text()
    assert "Design – Product" in preview.warnings.text()


def test_a_posting_pasted_twice_offers_update_keep_or_skip(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window = make_window()
    first = _paste(qtbot, window, SAMPLE_TEXT)
    with qtbot.waitSignal(window.changes_applied):
        first.save_button.click()

    second = _paste(qtbot, window, SAMPLE_TEXT)
    assert not second.duplicate_panel.isHidden()
    assert "same company and title" in second.duplicate_text.text()
    assert second.update_choice.isChecked()
    second.skip_choice.setChecked(True)
    second.save_button.click()
    assert postings.count_postings(db) == 1

    third = _paste(qtbot, window, SAMPLE_TEXT)
    third.keep_choice.setChecked(True)
    with qtbot.waitSignal(window.changes_applied):
        third.save_button.click()
    assert postings.count_postings(db) == 2


def test_a_multi_line_paste_into_the_search_box_imports_instead(qtbot: QtBot, make_window) -> None:
    window = make_window()
    QGuiApplication.clipboard().setText(SAMPLE_TEXT)
    window.list_page.search.setFocus()
    with qtbot.waitSignal(window.parts.posting_commands.imports.preview_opened):
        qtbot.keyClick(window.list_page.search, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.list_page.search.text() == ""


def test_pasting_something_that_is_not_a_posting_says_why_and_offers_the_form(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window = make_window()
    QGuiApplication.clipboard().setText("just a few words")
    window.action("posting.paste").trigger()
    (box,) = [b for b in window.findChildren(QMessageBox, "confirm-box") if b.isVisible()]
    assert "too short" in box.text() and "New posting" in box.text()
    assert box.icon() != QMessageBox.Icon.Critical
    assert window.parts.posting_commands.imports.preview is None
    (open_form,) = [b for b in box.buttons() if b.text() == "Open New posting"]
    open_form.click()
    form = window.parts.posting_commands.form
    assert form is not None and form.editor.description.toPlainText() == "just a few words"
    form.editor.title.setText("Data Engineer")
    form.editor.company.setText("Globex")
    with qtbot.waitSignal(window.changes_applied):
        form.save()
    (saved,) = postings.list_postings(db)
    assert saved.title == "Data Engineer"
    assert postings.get_posting(db, saved.id).description == "just a few words"


def test_an_empty_clipboard_or_an_image_is_an_information_not_an_error(
    qtbot: QtBot, make_window
) -> None:
    window = make_window()
    QGuiApplication.clipboard().clear()
    window.action("posting.paste").trigger()
    (box,) = [b for b in window.findChildren(QMessageBox, "info-box") if b.isVisible()]
    assert box.icon() == QMessageBox.Icon.Information and "holds nothing" in box.text()
    box.accept()
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0)
    QGuiApplication.clipboard().setImage(image)
    window.action("posting.paste").trigger()
    qtbot.waitUntil(
        lambda: any(
            "holds an image" in b.text()
            for b in window.findChildren(QMessageBox, "info-box")
            if b.isVisible()
        )
    )
    assert not [b for b in window.findChildren(QMessageBox, "error-box") if b.isVisible()]


def test_pasted_text_that_is_no_posting_offers_the_new_posting_form_with_it(
    qtbot: QtBot, make_window, db: Library
) -> None:
    window = make_window()
    note = "Call Dana back on Tuesday about the referral"
    QGuiApplication.clipboard().setText(note)
    window.action("posting.paste").trigger()
    (box,) = [b for b in window.findChildren(QMessageBox, "confirm-box") if b.isVisible()]
    assert (
        box.icon() != QMessageBox.Icon.Critical and "does not look like a job posting" in box.text()
    )
    (button,) = [b for b in box.buttons() if b.text().replace("&", "") == "Open New posting"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    form = window.parts.posting_commands.form
    assert form is not None and form.isVisible()
    assert note in form.editor.description.toPlainText()  # nothing the user pasted is lost
    assert postings.count_postings(db) == 0  # nothing saved until the user says so
    form.reject()


def _drop(window: MainWindow, mime: QMimeData) -> None:
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def test_dropped_text_opens_the_preview(qtbot: QtBot, make_window) -> None:
    window = make_window()
    mime = QMimeData()
    mime.setText(SAMPLE_TEXT)
    with qtbot.waitSignal(window.parts.posting_commands.imports.preview_opened) as opened:
        _drop(window, mime)
    assert opened.args[0].heading.text() == "from dropped text"


def test_dropped_files_are_read_in_the_background_and_saved_all_at_once(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    window = make_window()
    files = [shutil.copy(SAMPLE, tmp_path / "amazon.txt")]
    files += [shutil.copy(p, tmp_path) for p in sorted((FIXTURES / "importers").glob("*.html"))]
    (tmp_path / "notes.txt").write_text("hello")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in [*files, tmp_path / "notes.txt"]])
    with qtbot.waitSignal(
        window.parts.posting_commands.imports.preview_opened, timeout=20000
    ) as opened:
        _drop(window, mime)
    preview = opened.args[0]
    assert preview.remaining() == len(files)
    (refusal,) = [b for b in window.findChildren(QMessageBox, "error-box") if b.isVisible()]
    assert "notes.txt" in refusal.text()

    preview.skip_button.click()
    assert preview.remaining() == len(files) - 1
    preview.save_all_button.click()
    qtbot.waitUntil(lambda: postings.count_postings(db) == len(files) - 1, timeout=20000)
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == len(files) - 1)


def _copies_to_save(db: Library, total: int) -> list:
    """What the preview's "Save all" asks for: ``total`` copies of the sample, each new."""
    from desktop.services import importing

    (draft,) = importing.read_file(db, SAMPLE)
    return [
        (draft.document.with_changes(title=f"Copy {i}"), importing.Decision.SAVE_NEW, None)
        for i in range(total)
    ]


def test_a_cancelled_save_of_many_keeps_what_was_saved_and_says_how_many(
    qtbot: QtBot, make_window, db: Library
) -> None:
    from desktop.services import importing

    window = make_window()
    imports = window.parts.posting_commands.imports
    jobs = _copies_to_save(db, importing.BATCH_SIZE * 5 // 2)
    total = len(jobs)
    imports._save_all(jobs)  # what the preview's "Save all" asks for
    job = imports.job
    (cancel,) = job.dialog.findChildren(QPushButton)
    cancel.click()  # the progress dialog's Cancel, while the first chunks are saved
    qtbot.waitUntil(lambda: imports.job is None, timeout=30000)
    (box,) = [b for b in window.findChildren(QMessageBox, "info-box") if b.isVisible()]
    saved = postings.count_postings(db)
    assert saved < total  # it stopped between chunks, and what it saved stays saved
    assert f"Cancelled after {saved:,} of {total:,} posting(s): {saved:,} saved" in box.text()
    assert f"the other {total - saved:,} were not imported" in box.text()
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == saved)


def test_a_cancel_between_chunks_keeps_the_chunks_saved_and_names_them(
    qtbot: QtBot, make_window, db: Library, monkeypatch
) -> None:
    from desktop.services import import_saving, importing

    window = make_window()
    imports = window.parts.posting_commands.imports
    jobs = _copies_to_save(db, importing.BATCH_SIZE * 5 // 2)
    total = len(jobs)
    real_save_chunk = import_saving.save_chunk

    def save_then_cancel(*args, **kwargs):  # the user's Cancel lands while chunk 1 is saved
        outcomes = real_save_chunk(*args, **kwargs)
        imports.job.cancelled.set()  # what the progress dialog's Cancel button sets
        return outcomes

    monkeypatch.setattr(import_saving, "save_chunk", save_then_cancel)
    imports._save_all(jobs)
    qtbot.waitUntil(lambda: imports.job is None, timeout=30000)
    (box,) = [b for b in window.findChildren(QMessageBox, "info-box") if b.isVisible()]
    batch = importing.BATCH_SIZE
    assert postings.count_postings(db) == batch
    assert f"Cancelled after {batch} of {total:,} posting(s): {batch} saved" in box.text()
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == batch)


def test_a_body_only_paste_is_previewed_with_notes_beside_title_and_company(
    qtbot: QtBot, make_window
) -> None:
    window = make_window()
    text = (FIXTURES / "real-world" / "02-linkedin-about-the-job-cad.txt").read_text("utf-8")
    preview = _paste(qtbot, window, text)
    title_note = preview.findChild(QLabel, "import-note-title")
    company_note = preview.findChild(QLabel, "import-note-company")
    assert not title_note.isHidden() and "enter the job title" in title_note.text()
    assert preview.editor.company.text() == "Tidewell Labs"
    assert not company_note.isHidden() and "check it" in company_note.text()
    salary_note = preview.findChild(QLabel, "import-note-salary")
    assert salary_note is None or salary_note.isHidden()
    assert "title:" not in preview.warnings.text()  # beside the field, not in the list


def test_an_export_of_a_library_with_only_free_tasks_adds_them_in_the_window(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    from datetime import date, time

    from desktop.services import tasks
    from desktop.services.export import export_json
    from desktop.services.library import open_library

    other = open_library(tmp_path / "other")
    try:
        made = [
            tasks.new_task(None, "Update the CV", date(2026, 12, 8), time_zone="Europe/Paris"),
            tasks.new_task(
                None, "Call the agency", date(2026, 12, 9), at=time(11, 0), time_zone="Asia/Tokyo"
            ),
        ]
        tasks.add_tasks(other, made)
        exported = tmp_path / "tasks-only.json"
        exported.write_text(export_json(other), encoding="utf-8")
    finally:
        other.close()
    window = make_window()
    window.parts.posting_commands.imports.import_files([exported])
    qtbot.waitUntil(
        lambda: any(
            "Added 2 task(s)" in b.text()
            for b in window.findChildren(QMessageBox, "info-box")
            if b.isVisible()
        ),
        timeout=20000,
    )
    with db.querying() as connection:
        titles = [row[0] for row in connection.execute("SELECT title FROM tasks ORDER BY id")]
    assert titles == ["Update the CV", "Call the agency"]
    assert window.parts.posting_commands.imports.preview is None  # no posting to preview
