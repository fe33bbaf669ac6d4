"""File > Import of a spreadsheet in the window: the mapping with its preview, changed by the
user, kept as a preset, statuses asked once; rows saved in the background and shown."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.services import postings, tracker_import
from desktop.services.library import Library
from desktop.ui.dialogs.tracker_mapping import TrackerMappingDialog
from desktop.ui.main_window import MainWindow
from tests.conftest import FIXTURES


def _open(qtbot: QtBot, window: MainWindow, path: Path) -> TrackerMappingDialog:
    imports = window.parts.posting_commands.imports
    imports._import_tables([path])
    assert imports.trackers is not None
    dialog = imports.trackers.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _preview(dialog: TrackerMappingDialog) -> list[list[str]]:
    table = dialog.preview
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _finished_box(window: MainWindow) -> QMessageBox:
    (box,) = [b for b in window.findChildren(QMessageBox, "info-box") if b.isVisible()]
    return box


def test_a_preset_is_recognised_previewed_and_imported(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    window = make_window()
    path = Path(shutil.copy(FIXTURES / "trackers" / "jobsync.csv", tmp_path))
    dialog = _open(qtbot, window, path)
    assert "recognised as JobSync CSV export" in dialog.summary.text()
    assert dialog.field_boxes["company"].currentText() == "Company"
    assert dialog.field_boxes["applied"].currentText() == "appliedDate"
    rows = _preview(dialog)
    assert rows[0][:4] == ["2", "Quillfeather Analytics", "Senior Data Engineer", "Interviewing"]
    # The status has no date in the export: the preview says it is entered today.
    today = date.today().isoformat()
    assert rows[0][4] == f"Saved 2026-08-02 → Applied 2026-08-04 → Interviewing {today}"
    trackers = window.parts.posting_commands.imports.trackers
    with qtbot.waitSignal(trackers.finished, timeout=30000) as done:
        dialog.import_button.click()
    assert done.args[0].saved == 4
    assert "4 saved" in _finished_box(window).text()
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == 4)
    assert postings.count_postings(db) == 4


def test_the_user_changes_a_column_and_answers_an_unknown_status(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    window = make_window()
    path = tmp_path / "mine.csv"
    path.write_text(
        "Outfit,Post,Where,Result\nAcme,Dev,Berlin,Coffee chat\nBeta,Ops,Paris,Applied\n",
        encoding="utf-8",
    )
    dialog = _open(qtbot, window, path)
    assert not dialog.import_button.isEnabled()  # "Outfit" and "Post" mean nothing to it yet
    dialog.set_column("company", "Outfit")
    dialog.set_column("title", "Post")
    assert dialog.import_button.isEnabled()
    assert [row[1] for row in _preview(dialog)] == ["Acme", "Beta"]
    dialog.set_column("location", "Where")
    assert dialog.field_boxes["location"].currentText() == "Where"
    assert not dialog.statuses_box.isHidden()
    (status,) = dialog.status_boxes
    assert status == "Coffee chat"
    assert dialog.status_boxes[status].currentText() == "Applied"  # the default offered
    dialog.status_boxes[status].setCurrentText("Screening")
    assert _preview(dialog)[0][3] == "Screening"

    dialog.save_preset("My sheet")
    assert "My sheet" in tracker_import.saved_presets(db.data_dir)
    trackers = window.parts.posting_commands.imports.trackers
    with qtbot.waitSignal(trackers.finished, timeout=30000):
        dialog.import_button.click()
    docs = {doc.company: doc for doc in postings.all_documents(db)}
    assert docs["Acme"].stage == "Screening" and docs["Acme"].location == "Berlin"

    # The preset is offered next time, and reads the same sheet the same way.
    dialog = _open(qtbot, window, path)
    index = dialog.presets.findText("My sheet")
    assert index > 0
    dialog.presets.setCurrentIndex(index)
    dialog._preset_chosen(index)
    assert dialog.field_boxes["company"].currentText() == "Outfit"
    assert _preview(dialog)[0][3] == "Screening"
    dialog.reject()


def test_bad_rows_are_listed_with_numbers_after_the_import(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    window = make_window()
    path = tmp_path / "mixed.csv"
    path.write_text(
        "Company,Title,Date Applied\nAcme,Dev,2026-09-01\n,,2026-09-02\nBeta,Ops,soon\n",
        encoding="utf-8",
    )
    dialog = _open(qtbot, window, path)
    rows = _preview(dialog)
    assert rows[1][0] == "3" and "no company and no title" in rows[1][5]
    assert "'soon' is not a date" in rows[2][5]
    trackers = window.parts.posting_commands.imports.trackers
    with qtbot.waitSignal(trackers.finished, timeout=30000):
        dialog.import_button.click()
    text = _finished_box(window).text()
    assert "1 saved, 2 not imported" in text
    assert "row 3: no company and no title" in text and "row 4:" in text
    assert postings.count_postings(db) == 1


def test_a_cancelled_import_keeps_what_was_saved_and_says_how_many(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    window = make_window()
    path = tmp_path / "many.csv"
    lines = ["Company,Title"] + [f"Company {i},Role {i}" for i in range(1200)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog = _open(qtbot, window, path)
    table, mapping, _ = dialog.current_mapping()
    import threading

    stop = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 100:
            stop.set()  # the user presses Cancel after the first rows

    report = tracker_import.import_table(
        db, table, mapping, path.name, progress=progress, cancelled=stop
    )
    dialog.reject()
    assert report.cancelled
    assert 0 < report.saved < 1200
    assert postings.count_postings(db) == report.saved
    assert report.summary.startswith(f"Cancelled: {report.saved:,} saved")


def test_the_user_may_choose_to_update_repeating_rows(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    window = make_window()
    first = tmp_path / "first.csv"
    first.write_text("Company,Title,Location\nAcme,Dev,Berlin\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text("Company,Title,Location\nAcme,Dev,Munich\n", encoding="utf-8")
    trackers = None
    for path, choice, location in (
        (first, "FILL_EMPTY", "Berlin"),
        (second, "FILL_EMPTY", "Berlin"),  # the default: the user's own value stays
        (second, "UPDATE_EXISTING", "Munich"),  # when the user chooses otherwise
    ):
        dialog = _open(qtbot, window, path)
        assert dialog.repeats.currentData() == "FILL_EMPTY"
        dialog.repeats.setCurrentIndex(dialog.repeats.findData(choice))
        trackers = window.parts.posting_commands.imports.trackers
        with qtbot.waitSignal(trackers.finished, timeout=30000):
            dialog.import_button.click()
        for box in window.findChildren(QMessageBox, "info-box"):
            box.close()
        (doc,) = postings.all_documents(db)
        assert doc.location == location
