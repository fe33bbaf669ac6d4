"""File > Export says what it wrote; Export and Import open in the documents folder at first,
then where the user went last time (also after a restart)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.services import postings
from desktop.services.library import Library
from desktop.ui.file_folders import documents_folder
from tests.conftest import FIXTURES
from tests.samples import amazon_document


class Chooser:
    """Stands in for the file dialog: records where it opened, answers with ``answer``."""

    def __init__(self, answer: object) -> None:
        self.answer = answer
        self.opened_in: list[str] = []

    def __call__(self, _parent: object, _title: str, start: str, _filter: str) -> object:
        self.opened_in.append(start)
        return self.answer


def test_export_says_what_it_wrote_and_remembers_the_folder(
    qtbot: QtBot, make_window, db: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    postings.create_postings(db, [amazon_document(title=f"Job {i}") for i in range(3)])
    target = tmp_path / "exports" / "mine.json"
    target.parent.mkdir()
    chooser = Chooser((str(target), "JSON (*.json)"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", chooser)
    window = make_window()
    window.action("library.export").trigger()
    assert Path(chooser.opened_in[0]).parent == documents_folder()
    (box,) = [b for b in window.findChildren(QMessageBox, "info-box") if b.isVisible()]
    assert box.text() == f"Exported 3 postings to {target}."
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 3
    box.accept()

    window.close()
    again = make_window()  # the same settings file: the folder outlives the window
    again.action("library.export").trigger()
    assert Path(chooser.opened_in[1]).parent == target.parent


def test_import_opens_where_files_were_imported_from_last(
    qtbot: QtBot, make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    sample = Path(shutil.copy(FIXTURES / "jobright-amazon-rl-intern.txt", folder / "a.txt"))
    chooser = Chooser(([str(sample)], ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", chooser)
    window = make_window()
    imports = window.parts.posting_commands.imports
    with qtbot.waitSignal(imports.preview_opened, timeout=20000) as opened:
        window.action("posting.import").trigger()
    assert Path(chooser.opened_in[0]) == documents_folder()
    opened.args[0].reject()
    chooser.answer = ([], "")
    window.action("posting.import").trigger()
    assert Path(chooser.opened_in[1]) == folder
