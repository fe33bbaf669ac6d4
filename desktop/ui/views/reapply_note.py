"""The re-apply warning as a note: "Amazon: 2 earlier applications: Rejected 2026-10-02, ...".

Shown above the import preview's fields, in the new-posting form (kept up to date as the
company and title are typed) and, by the detail pane, for the posting selected. Plain text
only: company names and titles come from postings.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop.services import reapply
from desktop.services.errors import ServiceError
from desktop.services.library import Library

if TYPE_CHECKING:  # the form: loaded when a posting is edited, not before the first paint
    from desktop.ui.views.posting_editor import PostingEditor

RECHECK_MS = 300  # after the last key typed in the company or title field


class ReapplyNote(QFrame):
    """Hidden until there is something to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reapply-note")
        self.setStyleSheet(
            "#reapply-note { background: #ffedd5; border: 1px solid #fdba74; border-radius: 6px; }"
            " #reapply-note QLabel { color: #7c2d12; }"
        )
        self.label = QLabel()
        self.label.setObjectName("reapply-text")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label)
        self.warning: reapply.ReapplyWarning | None = None
        self.hide()

    def show_warning(self, warning: reapply.ReapplyWarning | None) -> None:
        self.warning = warning
        self.label.setText(f"⚠ {warning.text}" if warning else "")
        self.setVisible(warning is not None)

    def show_problem(self, message: str) -> None:
        self.warning = None
        self.label.setText(f"Earlier applications could not be checked: {message}")
        self.show()


class EditorWatch:
    """Keeps a note up to date with an editor's company and title fields."""

    def __init__(
        self,
        db: Library,
        editor: PostingEditor,
        note: ReapplyNote,
        *,
        excluding: Collection[int] = (),
        word: str = "earlier",
    ) -> None:
        self._db = db
        self._editor = editor
        self._note = note
        self.excluding = frozenset(excluding)
        self._word = word
        self._timer = QTimer(note)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECHECK_MS)
        self._timer.timeout.connect(self.check)
        editor.company.textEdited.connect(self._timer.start)
        editor.title.textEdited.connect(self._timer.start)

    def check(self) -> None:
        """Check what the fields hold now (also called when the editor is filled)."""
        self._timer.stop()
        try:
            warning = reapply.check(
                self._db,
                self._editor.company.text(),
                self._editor.title.text(),
                excluding=self.excluding,
                word=self._word,
            )
        except ServiceError as error:  # said, and saving is still possible
            self._note.show_problem(str(error))
            return
        self._note.show_warning(warning)
