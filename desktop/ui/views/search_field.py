"""The search box. A multi-line paste into it is a posting, not a query: it is handed on."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget


class SearchField(QLineEdit):
    posting_pasted = Signal()  # the clipboard holds a posting; import it instead

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search")
        self.setPlaceholderText("Search postings (Ctrl+F)")
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste) and self._clipboard_is_a_posting():
            event.accept()
            self.posting_pasted.emit()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _clipboard_is_a_posting() -> bool:
        text = QGuiApplication.clipboard().text()
        return text.count("\n") >= 2 or len(text) > 300
