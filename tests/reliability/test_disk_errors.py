"""A full or read-only disk: a clear error, the library stays whole, nothing half-written.

The disks are real: a tiny tmpfs that fills up, a tmpfs remounted read-only (see conftest).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.cli import main
from desktop.services import backups, postings
from desktop.services.errors import WriteFailed
from desktop.services.library import Library, open_library
from desktop.storage import backups as store
from desktop.ui.main_window import MainWindow
from tests.conftest import FIXTURES
from tests.reliability.conftest import Mount, make_library, remount_read_only
from tests.samples import amazon_document

BIG_TEXT = "words " * 3000  # 18 kB: a posting this size no longer fits once the disk is full


def fill_until_full(db: Library) -> list[int]:
    """Save large, then small postings until the disk refuses even a small one; their ids."""
    saved: list[int] = []
    for text in (BIG_TEXT, "short"):
        with pytest.raises(WriteFailed, match="not saved: the disk is full"):
            for n in range(len(saved), 5000):
                doc = amazon_document(title=f"Posting {n}", description=f"{n} {text}")
                saved.append(postings.create_posting(db, doc).value)
    assert saved, "the disk filled before the first posting: make it larger"
    return saved


def test_a_full_disk_refuses_the_write_and_keeps_every_earlier_one(tmpfs: Mount) -> None:
    data_dir = tmpfs("small-disk", size="1m")
    db = open_library(data_dir)
    saved = fill_until_full(db)

    # Every write that returned is there; the refused one left no trace.
    assert sorted(r.id for r in postings.list_postings(db)) == saved
    assert backups.check_library(data_dir).ok

    # The daily backup cannot fit either: a clear error and no partial file.
    with pytest.raises(backups.BackupError, match=r"disk is full|No space"):
        backups.backup_now(db)
    assert list((data_dir / "backups").glob("*")) == []
    db.close()


def test_a_backup_to_a_read_only_disk_fails_cleanly(db: Library, tmpfs: Mount) -> None:
    target_dir = tmpfs("ro-usb")
    remount_read_only(target_dir)
    with pytest.raises(backups.BackupError, match="Cannot back up to"):
        backups.backup_to(db, target_dir / "copy.db")
    assert list(target_dir.iterdir()) == []


def test_the_library_on_a_read_only_disk_is_reported_before_any_write(tmpfs: Mount) -> None:
    data_dir = tmpfs("ro-library")
    make_library(data_dir, 1)
    for side in data_dir.glob("jobdeck.db-*"):
        side.unlink()
    remount_read_only(data_dir)
    problem = store.write_problem(data_dir / "jobdeck.db")
    assert problem is not None and "read-only" in problem


def test_the_form_on_a_full_disk_says_so_and_keeps_what_was_typed(
    qtbot: QtBot, tmpfs: Mount, tmp_path: Path
) -> None:
    db = open_library(tmpfs("small-disk", size="1m"))
    saved = fill_until_full(db)
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    window.show()
    window.action("posting.new").trigger()
    form = window.parts.posting_commands.form
    assert form is not None
    qtbot.keyClicks(form.editor.title, "Research Intern")
    qtbot.keyClicks(form.editor.company, "Amazon")
    form.editor.description.setPlainText(BIG_TEXT)
    qtbot.mouseClick(
        form.buttons.button(form.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )

    assert form.isVisible()  # still open, everything typed still there
    assert "not saved: the disk is full" in form.error.text()
    assert form.editor.title.text() == "Research Intern"
    assert window.list_page.model.rowCount() == len(saved)
    QDialog.reject(form)  # close it without the unsaved-changes question
    window.close()
    db.close()


def test_import_on_a_full_disk_says_so_without_a_traceback(
    capsys: pytest.CaptureFixture[str], tmpfs: Mount, tmp_path: Path
) -> None:
    data_dir = tmpfs("small-disk", size="1m")
    db = open_library(data_dir)
    fill_until_full(db)
    db.close()
    posting = tmp_path / "posting.txt"
    posting.write_text((FIXTURES / "jobright-amazon-rl-intern.txt").read_text())

    code = main(["--data-dir", str(data_dir), "import", "--on-duplicate", "keep", str(posting)])

    err = capsys.readouterr().err
    assert code == 1
    assert "jobdeck import: The change was not saved: the disk is full" in err
    assert "Traceback" not in err
