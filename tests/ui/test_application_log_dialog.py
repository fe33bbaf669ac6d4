"""File > Application log… in the window: a period's applications written as a PDF (opened
after writing) or as a CSV table, the name remembered for next time."""

from __future__ import annotations

import csv
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QDate, QUrl
from pytestqt.qtbot import QtBot

from desktop.services import tracker_import
from desktop.services.library import Library
from desktop.ui.dialogs.application_log_dialog import NAME_KEY, ApplicationLogDialog
from tests.conftest import FIXTURES


def _dialog(qtbot: QtBot, window) -> ApplicationLogDialog:
    window.action("record.log").trigger()
    (dialog,) = [
        d for d in window.findChildren(ApplicationLogDialog, "application-log") if d.isVisible()
    ]
    opened: list[QUrl] = []
    dialog.open_file = opened.append
    dialog.opened = opened
    return dialog


def _import(db: Library) -> None:
    table = tracker_import.read_table(FIXTURES / "trackers" / "jobsync.csv")
    report = tracker_import.import_table(db, table, tracker_import.propose_mapping(table), "js")
    assert report.saved == 4


def test_the_pdf_lists_the_periods_applications_and_is_opened(
    qtbot: QtBot, make_window, db: Library, settings, tmp_path: Path
) -> None:
    _import(db)
    window = make_window()
    dialog = _dialog(qtbot, window)
    dialog.start.setDate(QDate(2026, 8, 5))
    dialog.end.setDate(QDate(2026, 8, 31))
    dialog.name.setText("Erika Mustermann")
    target = tmp_path / "log.pdf"
    assert dialog.write_pdf(target) == 2
    assert dialog.opened == [QUrl.fromLocalFile(str(target))]
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
    assert "Erika Mustermann" in text and "2026-08-05 to 2026-08-31" in text
    assert "Tinderbox Games" in text and "Ostrander & Pell" in text
    assert "Quillfeather" not in text  # applied on 2026-08-04, before the period
    assert settings.value(NAME_KEY) == "Erika Mustermann"
    dialog.reject()
    assert _dialog(qtbot, window).name.text() == "Erika Mustermann"  # asked once


def test_the_csv_is_limited_to_the_stage_chosen(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path
) -> None:
    _import(db)
    window = make_window()
    dialog = _dialog(qtbot, window)
    dialog.start.setDate(QDate(2026, 1, 1))
    dialog.stage.setCurrentText("Offer")
    target = tmp_path / "offers.csv"
    assert dialog.write_csv(target) == 1
    (row,) = csv.DictReader(target.read_text(encoding="utf-8").splitlines())
    assert row["company"] == "Ostrander & Pell" and row["applied_on"] == "2026-08-10"
    assert dialog.opened == []  # a table is not opened for the user
