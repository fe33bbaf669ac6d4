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
from desktop.services.changes import Changes, Result
from desktop.services.errors import ServiceError
from desktop.services.library import Library
from desktop.services.posting_removal import RemovedPosting
from desktop.ui.dialogs.return_key import return_presses
from desktop.ui.dialogs.screen_fit import fit_to_screen
from desktop.ui.dialogs.unsaved_changes import UnsavedChanges
from desktop.ui.operations import Operations
from desktop.ui.removed_postings import RemovedPostings
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
    """Saves through the door (an undo step: "Undo Edit posting" puts the fields back, "Undo
    New posting" deletes it again), emits ``saved`` with the posting's id, then closes."""

    saved = Signal(int)  # the posting's id

    def __init__(
        self,
        operations: Operations,
        removed: RemovedPostings,
        original: PostingDocument | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._operations = operations
        self._removed = removed
        self._db = db = operations.library
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

    @property
    def is_new(self) -> bool:
        return self._original is None

    def reject(self) -> None:
        # Cancel, Escape and the close button all come here: never lose edits silently.
        self.unsaved.close_or_ask(super().reject)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def save(self) -> None:
        try:
            doc = self.editor.document()
        except DocumentError as error:
            self.show_error(str(error))
            return
        db = self._db
        original_id = self._original.id if self._original is not None else None
        if original_id is not None:
            self._operations.run(
                "Edit posting",
                lambda: _edited(db, original_id, doc),
                undo=lambda before: postings.update_posting(db, original_id, before),
                initiator=self,
                success=lambda _before: self._stored(original_id),
                failure=self._refused,
            )
        else:
            creation = _Creation(db, doc, self._removed)
            self._operations.run(
                "New posting",
                creation.do,
                undo=creation.undo,
                initiator=self,
                success=self._stored,
                failure=self._refused,
            )

    # A bad field, a posting deleted meanwhile, a full disk: the form stays open with
    # everything typed, the reason under it.
    def _refused(self, error: ServiceError | str) -> None:
        self.show_error(str(error))

    def _stored(self, posting_id: int) -> None:
        self.saved.emit(posting_id)
        self.accept()


def _edited(db: Library, posting_id: int, doc: PostingDocument) -> Result[PostingDocument]:
    """Save the form's fields; the value is the posting as it was, for undo."""
    before = postings.get_posting(db, posting_id)
    changes = postings.update_posting(db, posting_id, doc).changes
    return Result(before, changes)


class _Creation:
    """Making a posting as an undo step ("New posting"): undo deletes it (copied, as the
    Delete command does), redo puts that copy back under the same id, so later steps that
    name it still find it."""

    def __init__(self, db: Library, doc: PostingDocument, removed: RemovedPostings) -> None:
        self._db, self._doc, self._removed = db, doc, removed
        self._copy: RemovedPosting | None = None

    def do(self) -> Result[int | None]:
        if self._copy is None:
            return postings.create_posting(self._db, self._doc)
        return self._removed.put_back(self._copy)

    def undo(self, posting_id: int) -> Changes:
        removed, changes = self._removed.remove(posting_id)
        self._copy = removed  # type: ignore[assignment]
        return changes  # type: ignore[return-value]
