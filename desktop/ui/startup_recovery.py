"""Opening the library at start-up, and what to do when it cannot be opened as it is.

- A damaged file: say so, move it aside (never delete it), offer the newest good backup or an
  empty library.
- A file from a newer Jobdeck: ``open_database`` refuses it untouched; its message names the
  version and is shown as it is.
- A folder that cannot be written (read-only, full): a clear message; nothing is written.

Every box is opened with ``open()`` and answered through signals, so tests can drive it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop.services import backups
from desktop.storage import backups as backup_files
from desktop.storage.database import (
    DatabaseError,
    SchemaTooNewError,
    database_path,
    open_database,
)

TITLE = "Jobdeck cannot open your library"


WAL_HEADER_BYTES = 32  # a WAL no longer than its header holds no page to replay


def _wal_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _wal_with_pages(path: Path) -> bool:
    try:
        return _wal_of(path).stat().st_size > WAL_HEADER_BYTES
    except OSError:
        return False


def damage_of(path: Path) -> str | None:
    """Why the file at ``path`` is damaged, or None when it is sound (or absent)."""
    if not path.exists():
        return None
    # quick_check: this runs before the window shows, after every unclean exit; the full check
    # took 6 s at 100,000 postings. It still finds a foreign or torn WAL's damage.
    problems = backup_files.integrity_problems(path, quick=True)
    return problems[0] if problems else None


class StartupRecovery(QObject):
    """``start()`` ends in ``opened(Database)`` or, after telling the user why, ``failed(str)``."""

    opened = Signal(object)  # Database
    failed = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.path = database_path(data_dir)
        self.box: QMessageBox | None = None
        self.moved_to: Path | None = None
        self.offered: backups.BackupInfo | None = None
        self.restore_button: QPushButton | None = None
        self.empty_button: QPushButton | None = None

    def start(self) -> None:
        # A WAL left beside the file means the last run did not close cleanly, or the WAL came
        # from elsewhere: check before SQLite replays it (a foreign WAL can make the library look
        # empty, and opening would then build a fresh schema over the user's data). An empty
        # WAL (a run killed before it wrote anything) has nothing to replay: no check, which
        # at 100,000 postings reads the whole 1.2 GB file.
        if _wal_with_pages(self.path):
            reason = damage_of(self.path)
            if reason is not None:
                self._damaged(reason)
                return
        self._open()

    def _open(self) -> None:
        try:
            db = open_database(self.data_dir)
        except SchemaTooNewError as error:
            self._give_up(str(error))
            return
        except DatabaseError as error:
            reason = damage_of(self.path)
            if reason is None:
                self._give_up(str(error))  # a folder problem, not the file: say it as it is
            else:
                self._damaged(reason)
            return
        problem = backup_files.write_problem(self.path)
        if problem is not None:
            db.close()
            self._give_up(
                f"Jobdeck cannot save to your library {self.path}: {problem}.\n\n"
                "Nothing was changed. Make the folder writable (or free some space) and start "
                "Jobdeck again."
            )
            return
        self.opened.emit(db)

    # -- the boxes -----------------------------------------------------------------------------

    def _show(self, box: QMessageBox) -> QMessageBox:
        box.setObjectName("recovery-box")
        self.box = box
        box.open()
        return box

    def _give_up(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, TITLE, message, QMessageBox.StandardButton.Ok)
        box.finished.connect(lambda _result: self._finish_failed(box, message))
        self._show(box)

    def _finish_failed(self, box: QMessageBox, message: str) -> None:
        box.deleteLater()
        self.failed.emit(message)

    def _damaged(self, reason: str) -> None:
        try:
            self.moved_to = backup_files.move_aside(self.path)
        except backups.BackupError as error:
            self._give_up(f"Your library file is damaged ({reason}). {error}")
            return
        self.offered = backups.newest_good_backup(self.data_dir)
        text = (
            f"Your library file was damaged ({reason}).\n\n"
            f"It has been moved aside, not deleted:\n{self.moved_to}"
        )
        box = QMessageBox(QMessageBox.Icon.Warning, "Your library was damaged", text)
        if self.offered is not None:
            when = self.offered.taken_at.astimezone().strftime("%d %b %Y %H:%M")
            count = self.offered.postings
            text += f"\n\nThe newest good backup is from {when} ({count} postings)."
            box.setText(text)
            self.restore_button = box.addButton(
                f"Restore backup of {when}", QMessageBox.ButtonRole.AcceptRole
            )
        else:
            box.setText(text + "\n\nThere is no backup to restore.")
        self.empty_button = box.addButton("Start empty", QMessageBox.ButtonRole.DestructiveRole)
        quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.restore_button or self.empty_button)
        box.setEscapeButton(quit_button)
        box.finished.connect(lambda _result: self._damage_answered(box))
        self._show(box)

    def _damage_answered(self, box: QMessageBox) -> None:
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is self.restore_button and self.offered is not None:
            try:
                backups.restore_backup(self.data_dir, self.offered.path)
            except (backups.BackupError, DatabaseError) as error:
                self._give_up(str(error))
                return
            self._open()
        elif clicked is self.empty_button:
            self._open()
        else:
            self.failed.emit(f"The damaged library was moved aside to {self.moved_to}.")
