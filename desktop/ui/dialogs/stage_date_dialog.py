"""Correct when a posting entered a stage (the application was sent last week, logged today).

The current stage is always the latest entry of the timeline, so the dialog says, before OK,
what a date does to the entries around it: a date before earlier stages moves them back with it
(applied before the posting was saved: "Saved" moves back too); a date past the next stage's is
refused, naming it, and OK stays off; so is a date in the future.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.core.display import day_and_time
from desktop.core.pipeline import TimelineEntry
from desktop.services.errors import ServiceError

# What a date would do: the entries it moves back with it; raises ServiceError when refused.
Effect = Callable[[datetime], tuple[TimelineEntry, ...]]


class StageDateDialog(QDialog):
    chosen = Signal(int, object)  # stage change id, aware datetime

    def __init__(
        self,
        change_id: int,
        stage: str,
        at: datetime,
        effect: Effect,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stage-date-dialog")
        self.setWindowTitle("Change date")
        self._change_id = change_id
        self._effect = effect
        self.editor = QDateTimeEdit(QDateTime.fromSecsSinceEpoch(int(at.timestamp())))
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("yyyy-MM-dd HH:mm")
        # No maximum on the editor: with one, a future date typed (Dec 5 on Dec 1) was silently
        # rewritten to another (Jan 5) that OK would then save. It is refused below instead.
        self.note = QLabel()
        self.note.setObjectName("stage-date-note")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"When did this posting enter “{stage}”?"))
        layout.addWidget(self.editor)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.editor.dateTimeChanged.connect(self._show_effect)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)  # the note wraps
        self._show_effect()

    def moment(self) -> datetime:
        """The date and time chosen, in the local zone."""
        return datetime.fromtimestamp(self.editor.dateTime().toSecsSinceEpoch()).astimezone()

    def _show_effect(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        now = datetime.now().astimezone()
        try:
            if self.moment() > now:
                raise ServiceError(
                    f"That is in the future (it is {day_and_time(now)} now): "
                    "a stage is dated when it happened."
                )
            moved = self._effect(self.moment())
        except ServiceError as refused:
            self.note.setText(str(refused))
            self.note.setStyleSheet("color: #b3261e;")
            self.note.show()
            ok.setEnabled(False)
            self.adjustSize()
            return
        ok.setEnabled(True)
        self.note.setStyleSheet("")
        self.note.setText(
            "".join(
                f"“{entry.stage}” ({day_and_time(entry.at)}) moves back to this date too, "
                "so the stages stay in order.\n"
                for entry in moved
            ).strip()
        )
        self.note.setVisible(bool(moved))
        self.adjustSize()  # the note's lines are all seen

    def accept(self) -> None:
        if not self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            return  # Return on a refused date does nothing; the note says why
        self.chosen.emit(self._change_id, self.moment())
        super().accept()
