"""Correct when a posting entered a stage (the application was sent last week, logged today)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class StageDateDialog(QDialog):
    chosen = Signal(int, object)  # stage change id, aware datetime

    def __init__(self, change_id: int, stage: str, at: datetime, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stage-date-dialog")
        self.setWindowTitle("Change date")
        self._change_id = change_id
        self.editor = QDateTimeEdit(QDateTime.fromSecsSinceEpoch(int(at.timestamp())))
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.editor.setMaximumDateTime(QDateTime.currentDateTime())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"When did this posting enter “{stage}”?"))
        layout.addWidget(self.editor)
        layout.addWidget(buttons)

    def accept(self) -> None:
        seconds = self.editor.dateTime().toSecsSinceEpoch()
        self.chosen.emit(self._change_id, datetime.fromtimestamp(seconds).astimezone())
        super().accept()
