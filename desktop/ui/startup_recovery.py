"""Opening the library at start-up, and what to do when it cannot be opened as it is.

- A damaged file: say so, move it aside (never delete it), offer the newest good backup or an
  empty library.
- A file from a newer Jobdeck: ``open_library`` refuses it untouched; its message names the
  version and is shown as it is.
- A folder that cannot be written (read-only, full): a clear message; nothing is written.

Every box is opened with ``open()`` and answered through signals, so tests can drive it. The
checks and decisions are in ``desktop.services.recovery``; this module only shows the boxes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop.services import backups, recovery
from desktop.services.errors import ServiceError
from desktop.services.library import library_path

TITLE = "Jobdeck cannot open your library"


class StartupRecovery(QObject):
    """``start()`` ends in ``opened(Library)`` or, after telling the user why, ``failed(str)``."""

    opened = Signal(object)  # Library
    failed = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.path = library_path(data_dir)
        self.box: QMessageBox | None = None
        self.moved_to: Path | None = None
        self.offered: backups.BackupInfo | None = None
        self.restore_button: QPushButton | None = None
        self.empty_button: QPushButton | None = None

    def start(self) -> None:
        damaged = recovery.check_before_open(self.data_dir)
        if damaged is not None:
            self._damaged(damaged.reason)
            return
        self._open()

    def _open(self) -> None:
        opened = recovery.open_at_startup(self.data_dir)
        if isinstance(opened, recovery.Damaged):
            self._damaged(opened.reason)
        elif isinstance(opened, recovery.CannotOpen):
            self._give_up(opened.message)
        else:
            self.opened.emit(opened)

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
            self.moved_to = recovery.move_damaged_aside(self.data_dir)
        except ServiceError as error:
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
            except ServiceError as error:
                self._give_up(str(error))
                return
            self._open()
        elif clicked is self.empty_button:
            self._open()
        else:
            self.failed.emit(f"The damaged library was moved aside to {self.moved_to}.")
