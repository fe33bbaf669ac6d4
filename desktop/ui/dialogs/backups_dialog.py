"""File > Backups…: the backups with their date and posting count; back up now or restore one.

Restoring asks first, and the library as it is now is backed up before it is replaced, so a
restore can itself be undone by restoring that backup.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services import backups
from desktop.services.errors import ServiceError
from desktop.services.library import Library
from desktop.ui.dialogs import messages
from desktop.ui.dialogs.return_key import return_presses
from desktop.ui.dialogs.screen_fit import fit_to_screen

KIND_NAMES = {
    "daily": "Daily",
    "manual": "Made by hand",
    "before-migration": "Before an upgrade",
    "before-restore": "Before a restore",
}
PATH_ROLE = Qt.ItemDataRole.UserRole


def _when(backup: backups.BackupInfo) -> str:
    return backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")


class BackupsDialog(QDialog):
    """Emits ``restored(Restored)`` after a restore: every view must reload."""

    restored = Signal(object)

    def __init__(self, db: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setObjectName("backups-dialog")
        self.setWindowTitle("Backups")
        fit_to_screen(self, 560, 380)
        self.intro = QLabel(
            "Jobdeck backs up your library every day (keeping 7 daily and 4 weekly backups) "
            f"and before every upgrade, in {db.path.parent / 'backups'}."
        )
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("backups-table")
        self.table.setHorizontalHeaderLabels(["Date", "Why", "Postings"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.ask_restore())
        self.empty = QLabel("No backups yet.")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = QPushButton("Back up now")
        self.restore_button = QPushButton("Restore…")
        self.buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.ask_restore)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        return_presses(self, None)  # Restore asks first; still, Return presses nothing here
        self._held: dict[str, int | None] = {}  # each listed backup's postings, by its path
        self.refresh()

    def refresh(self) -> None:
        listed = backups.list_backups(self._db.path.parent)
        self._held = {str(backup.path): backup.postings for backup in listed}
        self.table.setRowCount(len(listed))
        for row, backup in enumerate(listed):
            count = "unreadable" if backup.postings is None else f"{backup.postings:,}"
            cells = (_when(backup), KIND_NAMES.get(backup.kind, backup.kind), count)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PATH_ROLE, str(backup.path))
                item.setToolTip(str(backup.path))
                self.table.setItem(row, column, item)
        self.empty.setVisible(not listed)
        if listed:
            self.table.selectRow(0)
        self._update_buttons()

    def selected_backup(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return str(item.data(PATH_ROLE)) if item is not None else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    def back_up_now(self) -> None:
        try:
            backups.backup_now(self._db)
        except ServiceError as error:
            messages.show_error(self, "Backup failed", str(error))
            return
        self.refresh()

    def ask_restore(self) -> None:
        path = self.selected_backup()
        if path is None:
            return
        row = self.table.selectionModel().selectedRows()[0].row()
        when, held = self.table.item(row, 0).text(), self._held.get(path)
        self.confirm_box = messages.confirm(
            self,
            "Restore backup?",
            f"Replace your library with the backup of {when} ({_postings(held)})?\n\n"
            "Your library as it is now is backed up first, so you can come back to it.",
            "Restore",
            lambda: self.restore(path),
        )

    def restore(self, path: str) -> None:
        try:
            done = backups.restore_backup(self._db.path.parent, Path(path), self._db)
        except ServiceError as error:
            messages.show_error(self, "Restore failed", str(error))
            return
        self.refresh()
        self.restored.emit(done)


def _postings(count: int | None) -> str:
    """What a backup holds, as the restore question names it: "1 posting", "2,999 postings"."""
    if count is None:
        return "postings unreadable"
    return f"{count:,} posting{'' if count == 1 else 's'}"
