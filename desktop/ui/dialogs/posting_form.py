"""New posting / Edit posting: the posting editor in a dialog that saves through the services.

A value that cannot be read is reported under the form, naming the field (and line); the dialog
stays open with everything the user typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.core.document import DocumentError
from desktop.core.posting import PostingDocument
from desktop.services import postings
from desktop.services.changes import Changes
from desktop.services.errors import ServiceError
from desktop.services.library import Library
from desktop.ui.dialogs.return_key import return_presses
from desktop.ui.dialogs.screen_fit import fit_to_screen
from desktop.ui.dialogs.unsaved_changes import UnsavedChanges
from desktop.ui.views.posting_editor import PostingEditor
from desktop.ui.views.reapply_note import EditorWatch, ReapplyNote


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("form-error")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("color: #d83b3b; font-weight: bold;")
    label.hide()
    return label


class PostingForm(QDialog):
    """Emits ``saved`` with what changed once the posting is stored, then closes."""

    saved = Signal(object)  # Changes

    def __init__(
        self, db: Library, original: PostingDocument | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._original = original
        self.setObjectName("posting-form")
        self.setWindowTitle("Edit posting" if original else "New posting")
        fit_to_screen(self, 720, 680)

        self.editor = PostingEditor()
        self.editor.set_document(original)
        # Before I repeat myself: what the library holds at the employer typed in.
        self.reapply_note = ReapplyNote()
        editing = original.id if original is not None else None
        self.reapply = EditorWatch(
            db,
            self.editor,
            self.reapply_note,
            excluding={editing} if editing is not None else (),
            word="other" if editing is not None else "earlier",
        )
        if original is not None:
            self.reapply.check()
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.reapply_note)
        layout.addWidget(self.editor)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        return_presses(self, self.buttons.button(QDialogButtonBox.StandardButton.Save))
        self.editor.title.setFocus()
        self.unsaved = UnsavedChanges(self)  # after set_document: what the fields hold now

    def reject(self) -> None:
        # Cancel, Escape and the close button all come here: never lose edits silently.
        self.unsaved.close_or_ask(super().reject)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def save(self) -> None:
        try:
            doc = self.editor.document()
            if self._original is not None and self._original.id is not None:
                result = postings.update_posting(self._db, self._original.id, doc)
            else:
                result = postings.create_posting(self._db, doc)
        # ServiceError: a bad field, a posting deleted meanwhile, a full disk: the form stays
        # open with everything typed.
        except (DocumentError, ServiceError) as error:
            self.show_error(str(error))
            return
        changes: Changes = result.changes
        self.saved.emit(changes)
        self.accept()
